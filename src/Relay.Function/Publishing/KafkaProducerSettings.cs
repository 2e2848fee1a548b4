using Confluent.Kafka;
using DevHarness.Oci.Streaming;
using DevHarness.Relay.Configuration;

namespace DevHarness.Relay.Publishing;

/// <summary>
/// The relay's Kafka producer configuration, compatible with OCI Streaming's Kafka endpoint
/// (OCI-NOTES §3) and mirrored by the stream stand-in's facade producer.
/// </summary>
internal static class KafkaProducerSettings
{
    public static ProducerConfig Create(RelaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new ProducerConfig
        {
            BootstrapServers = settings.BootstrapServers,
            ClientId = "devharness-relay",
            // OCI Streaming implements neither idempotent producers nor transactions; Kafka >= 3 clients
            // enable idempotence by default and then fail with INIT_PRODUCER_ID (OCI-NOTES §3).
            EnableIdempotence = false,
            // "Messages from producers do not initiate an ACK until at least two replicas are in sync" (§3).
            Acks = Acks.All,
            // OCI's 1 MB message and request limit (max.request.size=1048576 in the Java client's terms).
            MessageMaxBytes = StreamLimits.MaxMessageBytes,
            // The same partitioner as the REST facade, so a key lands in one partition whichever API wrote it.
            Partitioner = Partitioner.Murmur2Random,
            // Without idempotence a retried request can overtake the next one; one request in flight per
            // broker keeps an object's chunks in order (DESIGN.md: one partition, in order).
            MaxInFlight = 1,
            // OCI's load balancer recycles long-lived connections; librdkafka retries until the timeout.
            MessageTimeoutMs = (int)settings.DeliveryTimeout.TotalMilliseconds,
            SocketKeepaliveEnable = true,
            // A warm invocation should not wait for a batch to fill: send at once (DESIGN.md latency target).
            LingerMs = 0,
        };

        if (settings.AuthToken is not null)
        {
            config.SecurityProtocol = SecurityProtocol.SaslSsl;
            config.SaslMechanism = SaslMechanism.Plain;
            config.SaslUsername = settings.SaslUsername;
            config.SaslPassword = settings.AuthToken;
        }

        return config;
    }
}

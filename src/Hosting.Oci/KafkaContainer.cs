using System.Globalization;
using DevHarness.Oci.Streaming.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevHarness.Hosting.Oci;

/// <summary>
/// <c>apache/kafka</c> in KRaft mode, one node, advertising the host port so processes on the host reach it
/// at the address they dialled, and configured like OCI Streaming where a broker setting can say so: no topic
/// appears unless the stream emulator provisions it (with the stream's partitions), a 1 MiB message limit, and
/// OCI's default retention. Its health check asks for the broker list only.
/// </summary>
internal static class KafkaContainer
{
    /// <summary>
    /// OCI's 1 MiB of key and value (docs/oci-facts.md §2.5, §3) as Kafka counts it, per encoded record batch:
    /// plus the 1 KiB of record and batch framing our producers allow, so a full 1 MiB message passes and
    /// nothing much larger does.
    /// </summary>
    private static readonly string MessageLimit = OciKafkaSettings.MaxEncodedMessageBytes.ToString(CultureInfo.InvariantCulture);

    public static IResourceBuilder<ContainerResource> Add(IDistributedApplicationBuilder builder, string name, int hostPort)
    {
        var container = builder.AddContainer(name, KafkaContainerImage.Image, KafkaContainerImage.Tag)
            .WithEndpoint(port: hostPort, targetPort: KafkaContainerImage.ClientPort, scheme: "tcp", name: EmulatorHost.KafkaEndpointName, isProxied: false);
        // The host side of the port: what processes on the host dial and what the broker must advertise. (Read
        // from inside the container's own environment, an unqualified reference would mean the container network.)
        var endpoint = new EndpointReference(container.Resource, EmulatorHost.KafkaEndpointName, KnownNetworkIdentifiers.LocalhostNetwork);
        var healthCheck = $"{name}_kafka_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, _ => new KafkaHealthCheck(() => $"{EmulatorHost.Address}:{endpoint.Port}", topic: null, partitions: 0), failureStatus: null, tags: null));
        return container
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_LISTENERS", KafkaContainerImage.Listeners)
            .WithEnvironment("KAFKA_ADVERTISED_LISTENERS", ReferenceExpression.Create($"PLAINTEXT://{EmulatorHost.Address}:{endpoint.Property(EndpointProperty.Port)}"))
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", KafkaContainerImage.QuorumVoters)
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            // OCI has no auto-creation: a stream exists with its partition count before anyone writes or asks.
            .WithEnvironment("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .WithEnvironment("KAFKA_MESSAGE_MAX_BYTES", MessageLimit)
            .WithEnvironment("KAFKA_LOG_RETENTION_HOURS", "24") // OCI's default retention (docs/oci-facts.md §2.5)
            .WithHealthCheck(healthCheck);
    }
}

using Confluent.Kafka;
using DevHarness.Oci.Streaming.Kafka;
using DevHarness.Relay.Configuration;

namespace DevHarness.Relay.Publishing;

/// <summary>
/// Publishes over the Kafka protocol with one producer per process, reused across invocations (a
/// producer costs a connection and metadata round trips; OCI Functions keeps a warm container).
/// </summary>
internal sealed class KafkaStreamPublisher : IStreamPublisher, IDisposable
{
    /// <summary>How long a graceful stop waits for deliveries that a cancelled invocation left behind.</summary>
    public static readonly TimeSpan StopFlushTimeout = TimeSpan.FromSeconds(5);

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;
    private readonly bool _sasl;
    private readonly ILogger _logger;
    private string? _lastClientError;
    private int _disposed;

    public KafkaStreamPublisher(RelaySettings settings, ILogger<KafkaStreamPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _topic = settings.Topic;
        _logger = logger;
        var config = Config(settings);
        _sasl = config.SecurityProtocol == SecurityProtocol.SaslSsl;
        _producer = new ProducerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, message) => RelayLog.KafkaClientLog(logger, message.Level, message.Facility, message.Message))
            .SetErrorHandler((_, error) =>
            {
                // "1/1 brokers are down" follows every failed connection: the connection's own error is the cause.
                if (error.Code != ErrorCode.Local_AllBrokersDown)
                {
                    _lastClientError = error.Reason;
                }

                RelayLog.KafkaClientError(logger, error.Code, error.Reason);
            })
            .Build();
    }

    /// <summary>
    /// OCI Streaming's producer rules (<see cref="OciKafkaSettings.Producer(string, string?, string?)"/>), plus the
    /// relay's own: its client id, a delivery timeout within the function's, and no linger, because a warm
    /// invocation should not wait for a batch to fill (docs/architecture.md).
    /// </summary>
    public static ProducerConfig Config(RelaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(OciKafkaSettings.Producer(settings.BootstrapServers!, settings.SaslUsername, settings.AuthToken))
        {
            ClientId = "devharness-relay",
            MessageTimeoutMs = (int)settings.DeliveryTimeout.TotalMilliseconds,
            LingerMs = 0,
        };
    }

    public IStreamPublication Begin() => new KafkaPublication(_producer, _topic, Explain);

    /// <summary>
    /// Asks the broker for the topic's partitions and leaders, which librdkafka otherwise does on the first
    /// message (a round trip on the first call's clock). Returns a description for the log; a missing topic is
    /// logged as a warning, an unreachable broker as the metadata error.
    /// </summary>
    public string FetchTopicMetadata(TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        try
        {
            var topic = admin.GetMetadata(_topic, timeout).Topics.Single();
            if (topic.Error.IsError)
            {
                RelayLog.TopicMissing(_logger, _topic, topic.Error.Reason);
                return $"{_topic}: {topic.Error.Reason}";
            }

            return $"{_topic}: {topic.Partitions.Count} partitions";
        }
        catch (KafkaException ex)
        {
            return $"{_topic}: {ex.Error.Reason}";
        }
    }

    /// <summary>
    /// Why a delivery failed, in words a user can act on. librdkafka retries a connection that fails until
    /// the message times out, so the delivery error says only "Message timed out": the cause is the last
    /// error the client reported, and a TLS handshake with a plaintext listener (or the reverse) is a
    /// configuration mistake worth naming.
    /// </summary>
    public string Explain(Error deliveryError)
    {
        ArgumentNullException.ThrowIfNull(deliveryError);
        var text = $"{deliveryError.Reason} ({deliveryError.Code})";
        if (_lastClientError is not { } cause)
        {
            return text;
        }

        text += $"; the Kafka client last reported: {cause}";
        // librdkafka words it "SSL handshake failed …" or, on later attempts, "Disconnected … in state SSL_HANDSHAKE".
        if (_sasl && (cause.Contains("SSL handshake", StringComparison.OrdinalIgnoreCase) || cause.Contains("SSL_HANDSHAKE", StringComparison.Ordinal)
            || cause.Contains("PLAINTEXT", StringComparison.Ordinal)))
        {
            text += ". Stream:AuthToken (or OCI_AUTH_TOKEN) makes the relay speak SASL_SSL, as OCI Streaming's Kafka endpoint requires, "
                + "but this broker did not answer TLS: it looks like a plaintext listener (a local broker). Remove Stream:AuthToken and "
                + "Stream:SaslUsername to publish to it, or point Stream:BootstrapServers at the stream pool's Kafka endpoint";
        }
        else if (!_sasl && (cause.Contains("security.protocol", StringComparison.Ordinal) || cause.Contains("SSL listener", StringComparison.Ordinal)))
        {
            text += ". The relay speaks plaintext Kafka because no Stream:AuthToken is set, but this broker expects TLS: OCI Streaming's "
                + "Kafka endpoint needs Stream:SaslUsername and Stream:AuthToken (SASL_SSL/PLAIN)";
        }

        return text + ".";
    }

    /// <summary>
    /// Every invocation waits for its own acknowledgements, so at a graceful stop only what a cancelled one
    /// left behind can be pending: it gets <see cref="StopFlushTimeout"/>, and what still is not delivered is
    /// logged (none of it was acknowledged to a caller). Safe to call more than once.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var undelivered = _producer.Flush(StopFlushTimeout);
        if (undelivered > 0)
        {
            RelayLog.UndeliveredAtStop(_logger, undelivered, StopFlushTimeout.TotalSeconds);
        }

        _producer.Dispose();
    }
}

using Confluent.Kafka;
using DevHarness.Relay.Configuration;

namespace DevHarness.Relay.Publishing;

/// <summary>
/// Publishes over the Kafka protocol with one producer per process, reused across invocations (a
/// producer costs a connection and metadata round trips; OCI Functions keeps a warm container).
/// </summary>
internal sealed class KafkaStreamPublisher : IStreamPublisher, IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;

    public KafkaStreamPublisher(RelaySettings settings, ILogger<KafkaStreamPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _topic = settings.Topic;
        _producer = new ProducerBuilder<byte[], byte[]>(KafkaProducerSettings.Create(settings))
            .SetLogHandler((_, message) => RelayLog.KafkaClientLog(logger, message.Level, message.Facility, message.Message))
            .SetErrorHandler((_, error) => RelayLog.KafkaClientError(logger, error.Code, error.Reason))
            .Build();
    }

    public IStreamPublication Begin() => new KafkaPublication(_producer, _topic);

    public void Dispose()
    {
        // Every invocation already waited for its acknowledgements; this only drains what a cancelled one left.
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}

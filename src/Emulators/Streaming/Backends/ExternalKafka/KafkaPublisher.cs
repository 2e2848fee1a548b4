using System.Globalization;
using Confluent.Kafka;
using DevHarness.Oci.Streaming;
using DevHarness.Oci.Streaming.Kafka;

namespace DevHarness.Emulators.Streaming.Backends.ExternalKafka;

/// <summary>Writes PutMessages entries to an external Kafka with OCI's producer rules (<see cref="OciKafkaSettings.Producer(string, string?, string?)"/>).</summary>
internal sealed class KafkaPublisher(string bootstrapServers, TimeProvider clock) : IDisposable
{
    private readonly IProducer<byte[]?, byte[]> _producer = new ProducerBuilder<byte[]?, byte[]>(Config(bootstrapServers)).Build();

    /// <summary>The facade's producer: OCI's rules, a short linger so one PutMessages request travels as one batch.</summary>
    internal static ProducerConfig Config(string bootstrapServers) => new(OciKafkaSettings.Producer(bootstrapServers))
    {
        ClientId = "devharness-stream-facade",
        LingerMs = 2,
        MessageSendMaxRetries = 5,
    };

    /// <summary>Produces one entry; a broker failure becomes a failed result entry, as OCI reports it.</summary>
    public async Task<PutMessagesResultEntry> PutAsync(string topic, byte[]? key, byte[] value, CancellationToken cancellationToken)
    {
        try
        {
            // The message's own (create) time is what consumers read back, so it is also what we report.
            var timestamp = clock.GetUtcNow();
            var message = new Message<byte[]?, byte[]> { Key = key, Value = value, Timestamp = new Timestamp(timestamp) };
            var report = await _producer.ProduceAsync(topic, message, cancellationToken);
            return new PutMessagesResultEntry(
                Partition: report.Partition.Value.ToString(CultureInfo.InvariantCulture),
                Offset: report.Offset.Value,
                Timestamp: DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds()));
        }
        catch (ProduceException<byte[]?, byte[]> e)
        {
            return new PutMessagesResultEntry(Error: "InternalServerError", ErrorMessage: $"The broker did not accept the message: {e.Error.Reason}");
        }
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}

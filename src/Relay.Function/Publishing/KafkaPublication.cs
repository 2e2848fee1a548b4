using Confluent.Kafka;
using DevHarness.Relay.Contract;

namespace DevHarness.Relay.Publishing;

/// <summary>
/// One invocation's messages on the shared producer. Messages are handed to librdkafka as they come (in
/// order), with at most <see cref="WindowBytes"/> unacknowledged, so a 300 MiB object streams through a
/// few MiB of memory.
/// </summary>
/// <param name="producer">The process's producer.</param>
/// <param name="topic">The stream's name.</param>
/// <param name="explain">Turns a delivery error into a message naming its cause (<see cref="KafkaStreamPublisher.Explain"/>).</param>
internal sealed class KafkaPublication(IProducer<byte[], byte[]> producer, string topic, Func<Error, string> explain) : IStreamPublication
{
    /// <summary>Unacknowledged bytes allowed before <see cref="AddAsync"/> waits for the oldest delivery.</summary>
    public const long WindowBytes = 4L * 1024 * 1024;

    private readonly Queue<(Task<DeliveryResult<byte[], byte[]>> Delivery, int Size, int Index)> _pending = new();
    private readonly ReceiptBuilder _receipt = new();
    private long _pendingBytes;
    private int _added;

    public async ValueTask AddAsync(RelayMessage message, CancellationToken cancellationToken)
    {
        while (_pending.Count > 0 && _pendingBytes + message.Value.Length > WindowBytes)
        {
            await AcknowledgeOldestAsync(cancellationToken);
        }

        Task<DeliveryResult<byte[], byte[]>> delivery;
        try
        {
            // The producer copies key and value before ProduceAsync returns; the wait is bounded by the
            // caller's token (ours), the delivery itself by message.timeout.ms.
            delivery = producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = message.Key, Value = message.Value }, CancellationToken.None);
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            throw Failure(_added, ex.Error);
        }

        _pending.Enqueue((delivery, message.Value.Length, _added++));
        _pendingBytes += message.Value.Length;
    }

    public async Task<PublishReceipt> CompleteAsync(CancellationToken cancellationToken)
    {
        while (_pending.Count > 0)
        {
            await AcknowledgeOldestAsync(cancellationToken);
        }

        return _receipt.Build();
    }

    public ValueTask DisposeAsync()
    {
        // A failed or cancelled invocation leaves deliveries behind; observe them so none goes unobserved.
        while (_pending.TryDequeue(out var entry))
        {
            _ = entry.Delivery.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return ValueTask.CompletedTask;
    }

    private async Task AcknowledgeOldestAsync(CancellationToken cancellationToken)
    {
        var (delivery, size, index) = _pending.Peek();
        DeliveryResult<byte[], byte[]> result;
        try
        {
            result = await delivery.WaitAsync(cancellationToken);
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            throw Failure(index, ex.Error);
        }

        _pending.Dequeue();
        _pendingBytes -= size;
        if (result.Status != PersistenceStatus.Persisted)
        {
            throw new StreamPublishException($"Kafka did not confirm message {index} of the invocation (status {result.Status}).");
        }

        _receipt.Add(result.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Offset.Value);
    }

    private StreamPublishException Failure(int index, Error error) =>
        new($"Kafka delivery of message {index} to topic '{topic}' failed: {explain(error)}");
}

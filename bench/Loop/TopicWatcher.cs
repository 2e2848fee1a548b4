using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace DevHarness.Benchmarks.Loop;

/// <summary>
/// Reads the relay's topic from its current end with a Kafka consumer (every partition assigned, no group) and
/// matches each object's messages: the event message first (OCI's envelope, no <c>specversion</c>), then one
/// <c>relay.objectdata.v1</c> data message. Records when an object's pair became readable, and anything out
/// of order or duplicated (at-least-once may duplicate; it must never lose or reorder).
/// </summary>
internal sealed class TopicWatcher : IDisposable
{
    private static readonly byte[] DataType = Encoding.UTF8.GetBytes("\"relay.objectdata.v1\"");
    private static readonly byte[] SpecVersion = Encoding.UTF8.GetBytes("\"specversion\"");

    private readonly ConcurrentDictionary<string, ObjectMessages> _objects = new(StringComparer.Ordinal);
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly string _keyPrefix;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stopping = new();
    private long _completed;
    private long _misordered;
    private long _duplicates;
    private long _foreign;

    /// <param name="bootstrapServers">The stream emulator's Kafka bootstrap.</param>
    /// <param name="topic">The relay's topic.</param>
    /// <param name="keyPrefix">The key of every object this run uploads starts with this (<c>namespace/bucket/prefix</c>).</param>
    public TopicWatcher(string bootstrapServers, string topic, string keyPrefix)
    {
        _keyPrefix = keyPrefix;
        _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "devharness-bench-loop",
            EnableAutoCommit = false,
            // "Readable" is when a fetch returns it: do not let the consumer sit on an empty fetch for long.
            FetchWaitMaxMs = 5,
            FetchErrorBackoffMs = 5,
        }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        Partitions = [.. partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
        _consumer.Assign(Partitions.Select(p => new TopicPartitionOffset(p, _consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High)));
        _thread = new Thread(Consume) { IsBackground = true, Name = "loop topic watcher" };
        _thread.Start();
    }

    public IReadOnlyList<TopicPartition> Partitions { get; }

    /// <summary>Objects whose event and data message have both been read, in order.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Objects whose first message was not the event or second not the data message.</summary>
    public long Misordered => Interlocked.Read(ref _misordered);

    /// <summary>Messages beyond an object's two (redeliveries).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages on the topic that belong to no object of this run.</summary>
    public long Foreign => Interlocked.Read(ref _foreign);

    /// <summary>When the pair under <paramref name="key"/> became readable (<see cref="Stopwatch.GetTimestamp"/>), if it has.</summary>
    public long? CompletedAt(string key) =>
        _objects.TryGetValue(key, out var messages) && messages.CompletedAt is { } at ? at : null;

    /// <summary>Messages ever written to the topic: the sum of its partitions' high watermarks.</summary>
    public long TopicSize() => Partitions.Sum(p => _consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);

    public void Dispose()
    {
        _stopping.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stopping.Dispose();
    }

    private void Consume()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is not { } message)
            {
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            var key = Encoding.UTF8.GetString(message.Key);
            if (!key.StartsWith(_keyPrefix, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _foreign);
                continue;
            }

            var messages = _objects.GetOrAdd(key, static _ => new ObjectMessages());
            var isData = message.Value.AsSpan().IndexOf(DataType) >= 0;
            var isEvent = message.Value.AsSpan().IndexOf(SpecVersion) < 0;
            messages.Seen++;
            switch (messages.Seen)
            {
                case 1 when !isEvent:
                case 2 when !isData:
                    Interlocked.Increment(ref _misordered);
                    break;
                case 2:
                    messages.CompletedAt = now;
                    Interlocked.Increment(ref _completed);
                    break;
                case > 2:
                    Interlocked.Increment(ref _duplicates);
                    break;
            }
        }
    }

    private sealed class ObjectMessages
    {
        public int Seen { get; set; }

        public long? CompletedAt { get; set; }
    }
}

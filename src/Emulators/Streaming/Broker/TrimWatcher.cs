using System.Globalization;
using Confluent.Kafka;

namespace DevHarness.Emulators.Streaming.Broker;

/// <summary>
/// librdkafka's mock cluster keeps only the newest ~5 MiB of each partition and silently moves the log
/// start (DESIGN.md "Emulators"). This watches every partition's low watermark and says so out loud.
/// </summary>
internal sealed class TrimWatcher : IAsyncDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly IReadOnlyList<StreamDefinition> _streams;
    private readonly ILogger _logger;
    private readonly Dictionary<TopicPartition, long> _logStarts = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public TrimWatcher(string bootstrapServers, IReadOnlyList<StreamDefinition> streams, TimeSpan interval, ILogger logger)
    {
        _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "devharness-trim-watcher",
            ClientId = "devharness-trim-watcher",
        }).Build();
        _streams = streams;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(interval));
    }

    /// <summary>Compares every partition's log start with the last check and warns about any that moved.</summary>
    private void Check()
    {
        foreach (var stream in _streams)
        {
            for (var p = 0; p < stream.Partitions; p++)
            {
                var partition = new TopicPartition(stream.Name, p);
                var low = _consumer.QueryWatermarkOffsets(partition, QueryTimeout).Low.Value;
                var previous = _logStarts.GetValueOrDefault(partition, 0);
                if (low > previous)
                {
                    _logStarts[partition] = low;
                    StreamLog.Trimmed(_logger, p, stream.Name, (low - previous).ToString("N0", CultureInfo.InvariantCulture), low);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _consumer.Close();
        _consumer.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    Check();
                }
                catch (KafkaException e)
                {
                    StreamLog.TrimCheckFailed(_logger, e.Error.Reason);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}

using DevHarness.Integration.Infrastructure;
using DevHarness.KafkaBroker;

namespace DevHarness.Integration.KafkaBroker;

/// <summary>An embedded broker for one test, on a random port, with a topic of its own.</summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private TestBroker(Broker broker, string topic, CapturingLoggerFactory logs)
    {
        Broker = broker;
        Topic = topic;
        Logs = logs;
    }

    public Broker Broker { get; }

    public string Topic { get; }

    public string Bootstrap => Broker.BootstrapServers;

    public CapturingLoggerFactory Logs { get; }

    public static async Task<TestBroker> StartAsync(int partitions = 1, Func<BrokerOptions, BrokerOptions>? configure = null)
    {
        var topic = "t-" + Guid.NewGuid().ToString("N")[..10];
        var logs = new CapturingLoggerFactory(TestContext.Current.TestOutputHelper);
        var options = new BrokerOptions { Port = 0, Topics = [new TopicDefinition(topic, partitions)] };
        var broker = await Broker.StartAsync(configure?.Invoke(options) ?? options, logs, TestContext.Current.CancellationToken);
        return new TestBroker(broker, topic, logs);
    }

    /// <summary>Every message of a partition, read in-process (the REST facade's path, compressed batches decoded).</summary>
    public IReadOnlyList<LogRecord> ReadAll(int partition = 0)
    {
        var log = Broker.GetPartition(Topic, partition);
        var all = new List<LogRecord>();
        while (log.LogStartOffset + all.Count < log.NextOffset)
        {
            all.AddRange(log.Read(log.LogStartOffset + all.Count, 10_000, long.MaxValue));
        }
        return all;
    }

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}

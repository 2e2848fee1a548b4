using System.Globalization;
using System.Net;

namespace DevHarness.Emulators.Streaming.Broker;

/// <summary>
/// The embedded Kafka broker: librdkafka's mock cluster behind a TCP forwarder on a stable port, with
/// the broker advertising that port so metadata sends every client (ours, kcat, Java) through it.
/// </summary>
internal sealed class EmbeddedKafkaBroker : IAsyncDisposable
{
    // OCI Streaming refuses idempotent and transactional producers (OCI-NOTES §3); so does this broker, so
    // users meet "Idempotent producer not supported" here rather than in the cloud.
    private static readonly short[] UnsupportedApis =
    [
        22, // InitProducerId
        24, // AddPartitionsToTxn
        25, // AddOffsetsToTxn
        26, // EndTxn
        28, // TxnOffsetCommit
    ];

    private readonly MockKafkaCluster _cluster;
    private readonly TcpForwarder _forwarder;
    private readonly TrimWatcher _trimWatcher;

    private EmbeddedKafkaBroker(MockKafkaCluster cluster, TcpForwarder forwarder, TrimWatcher trimWatcher, string bootstrapServers)
    {
        _cluster = cluster;
        _forwarder = forwarder;
        _trimWatcher = trimWatcher;
        BootstrapServers = bootstrapServers;
    }

    /// <summary><c>host:port</c> of the stable listener.</summary>
    public string BootstrapServers { get; }

    public static EmbeddedKafkaBroker Start(string host, int port, IReadOnlyList<StreamDefinition> streams, TimeSpan trimCheckInterval, ILogger logger)
    {
        var cluster = MockKafkaCluster.Create();
        TcpForwarder? forwarder = null;
        try
        {
            foreach (var api in UnsupportedApis)
            {
                cluster.DisableApi(api);
            }

            // Kafka's 3 s default would make every new consumer group wait; the mock needs no settling time.
            cluster.SetInitialRebalanceDelay(TimeSpan.Zero);
            foreach (var stream in streams)
            {
                cluster.CreateTopic(stream.Name, stream.Partitions);
            }

            var colon = cluster.Listener.LastIndexOf(':');
            var target = new DnsEndPoint(cluster.Listener[..colon], int.Parse(cluster.Listener[(colon + 1)..], CultureInfo.InvariantCulture));
            forwarder = TcpForwarder.Start(host, port, target);

            // A wildcard bind still has to advertise an address clients can dial.
            var advertisedHost = host is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : host;
            var bootstrap = $"{advertisedHost}:{forwarder.LocalEndPoint.Port}";
            cluster.Advertise(advertisedHost, forwarder.LocalEndPoint.Port);
            StreamLog.BrokerStarted(logger, RdKafkaNative.LibraryPath, bootstrap);

            var watcher = new TrimWatcher(bootstrap, streams, trimCheckInterval, logger);
            return new EmbeddedKafkaBroker(cluster, forwarder, watcher, bootstrap);
        }
        catch
        {
            forwarder?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            cluster.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _trimWatcher.DisposeAsync();
        await _forwarder.DisposeAsync();
        _cluster.Dispose();
    }
}

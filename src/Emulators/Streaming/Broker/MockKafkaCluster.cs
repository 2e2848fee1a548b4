using System.Text;

namespace DevHarness.Emulators.Streaming.Broker;

/// <summary>
/// Owns librdkafka's mock cluster and the <c>rd_kafka_t</c> it lives in (<c>rd_kafka_mock_cluster_new</c>
/// needs a client handle; librdkafka's own tests use a producer). Destroys them in the order librdkafka
/// requires: the cluster first, then the handle.
/// </summary>
internal sealed class MockKafkaCluster : IDisposable
{
    private const int ProducerType = 0;
    private const int ErrorBufferSize = 512;

    private readonly RdKafkaNative.Api _api;
    private IntPtr _client;
    private IntPtr _cluster;

    private MockKafkaCluster(RdKafkaNative.Api api, IntPtr client, IntPtr cluster, string listener)
    {
        _api = api;
        _client = client;
        _cluster = cluster;
        Listener = listener;
    }

    /// <summary>The mock broker's own (random-port) listener, <c>host:port</c>.</summary>
    public string Listener { get; }

    /// <summary>Creates a one-broker mock cluster; its broker id is 1.</summary>
    public static MockKafkaCluster Create()
    {
        var api = RdKafkaNative.Functions;
        var errors = new byte[ErrorBufferSize];
        var conf = api.ConfNew();
        // The hosting handle never talks to a broker; keep its "no bootstrap.servers" notice out of the logs.
        if (api.ConfSet(conf, "log_level", "3", errors, (UIntPtr)errors.Length) != 0)
        {
            api.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka rejected log_level: {Text(errors)}");
        }

        var client = api.New(ProducerType, conf, errors, (UIntPtr)errors.Length);
        if (client == IntPtr.Zero)
        {
            api.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka could not create the handle for the embedded broker: {Text(errors)}");
        }

        var cluster = api.MockClusterNew(client, 1);
        if (cluster == IntPtr.Zero)
        {
            api.Destroy(client);
            throw new InvalidOperationException($"librdkafka ({RdKafkaNative.LibraryPath}) could not start its mock cluster.");
        }

        var bootstraps = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(api.MockClusterBootstraps(cluster)) ?? "";
        return new MockKafkaCluster(api, client, cluster, bootstraps.Split(',')[0]);
    }

    public void CreateTopic(string name, int partitions)
    {
        Check(_api.MockTopicCreate(Cluster, name, partitions, 1), $"create topic '{name}' with {partitions} partitions");
    }

    /// <summary>Makes metadata responses advertise <paramref name="host"/>:<paramref name="port"/> for broker 1.</summary>
    public void Advertise(string host, int port)
    {
        Check(_api.MockBrokerSetHostPort(Cluster, 1, host, port), $"advertise {host}:{port}");
    }

    /// <summary>Removes an API from ApiVersions, so clients see the broker as not supporting it.</summary>
    public void DisableApi(short apiKey)
    {
        Check(_api.MockSetApiVersion(Cluster, apiKey, -1, -1), $"disable ApiKey {apiKey}");
    }

    public void SetInitialRebalanceDelay(TimeSpan delay)
    {
        _api.MockGroupInitialRebalanceDelay(Cluster, (int)delay.TotalMilliseconds);
    }

    public void Dispose()
    {
        var cluster = Interlocked.Exchange(ref _cluster, IntPtr.Zero);
        if (cluster != IntPtr.Zero)
        {
            _api.MockClusterDestroy(cluster);
        }

        var client = Interlocked.Exchange(ref _client, IntPtr.Zero);
        if (client != IntPtr.Zero)
        {
            _api.Destroy(client);
        }
    }

    private IntPtr Cluster => _cluster != IntPtr.Zero ? _cluster : throw new ObjectDisposedException(nameof(MockKafkaCluster));

    private void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The embedded broker could not {what}: {RdKafkaNative.ErrorText(_api, error)}.");
        }
    }

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}

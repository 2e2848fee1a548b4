using DevHarness.Emulators.Streaming;
using DevHarness.Integration.Infrastructure;
using DevHarness.KafkaBroker;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// A stream emulator for one test, on random ports, with a stream (and topic) of its own so tests never
/// share data, over any <see cref="BrokerKind"/>. Disposing stops the emulator and whatever broker it fronts.
/// </summary>
internal sealed class TestStream : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly IAsyncDisposable? _external;

    private TestStream(StreamEmulator emulator, IAsyncDisposable? external, StreamDefinition stream, CapturingLoggerFactory logs)
    {
        Emulator = emulator;
        _external = external;
        Stream = stream;
        Logs = logs;
        Client = new FacadeClient(emulator.FacadeUrl, stream.Ocid);
    }

    public StreamEmulator Emulator { get; }

    public StreamDefinition Stream { get; }

    public CapturingLoggerFactory Logs { get; }

    public FacadeClient Client { get; }

    public string BootstrapServers => Emulator.BootstrapServers;

    public string Topic => Stream.Name;

    public static async Task<TestStream> StartAsync(BrokerKind kind, int partitions = 3, Func<StreamEmulatorOptions, StreamEmulatorOptions>? configure = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid().ToString("N")[..10];
        var stream = new StreamDefinition($"ocid1.stream.oc1.local.test{id}", $"test-{id}", partitions);
        var logs = new CapturingLoggerFactory(TestContext.Current.TestOutputHelper);
        IAsyncDisposable? external = null;
        string? bootstrap = null;
        if (kind == BrokerKind.Container)
        {
            var container = await KafkaContainerBroker.StartAsync(cancellationToken);
            (external, bootstrap) = (container, container.BootstrapServers);
        }
        else if (kind == BrokerKind.External)
        {
            // The topic exists up front: the embedded broker, like OCI, has no CreateTopics.
            var broker = await Broker.StartAsync(new BrokerOptions { Port = 0, Topics = [new(stream.Name, partitions)] }, logs, cancellationToken);
            (external, bootstrap) = (broker, broker.BootstrapServers);
        }

        try
        {
            var options = new StreamEmulatorOptions
            {
                Port = 0,
                KafkaPort = 0,
                KafkaBootstrap = bootstrap,
                Streams = [stream],
            };
            options = configure?.Invoke(options) ?? options;
            var emulator = await StreamEmulator.StartAsync(options, logs, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            return new TestStream(emulator, external, stream, logs);
        }
        catch
        {
            if (external is not null)
            {
                await external.DisposeAsync();
            }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        if (_external is not null)
        {
            await _external.DisposeAsync();
        }
    }
}

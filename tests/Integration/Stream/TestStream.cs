using DevHarness.Emulators.Streaming;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// A stream emulator for one test, on random ports, with a stream (and topic) of its own so tests never
/// share data, over either broker. Disposing stops the emulator and, for the container kind, the container.
/// </summary>
internal sealed class TestStream : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly KafkaContainerBroker? _container;

    private TestStream(StreamEmulator emulator, KafkaContainerBroker? container, StreamDefinition stream, CapturingLoggerFactory logs)
    {
        Emulator = emulator;
        _container = container;
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
        KafkaContainerBroker? container = null;
        if (kind == BrokerKind.Container)
        {
            container = await KafkaContainerBroker.StartAsync(cancellationToken);
        }

        try
        {
            var options = new StreamEmulatorOptions
            {
                Port = 0,
                KafkaPort = 0,
                KafkaBootstrap = container?.BootstrapServers,
                Streams = [stream],
            };
            options = configure?.Invoke(options) ?? options;
            var emulator = await StreamEmulator.StartAsync(options, logs, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            return new TestStream(emulator, container, stream, logs);
        }
        catch
        {
            if (container is not null)
            {
                await container.DisposeAsync();
            }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}

using DevHarness.Emulators.ObjectStorage;
using DevHarness.Emulators.Streaming;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHarness.Integration.Relay;

/// <summary>
/// One test's world: the stream stand-in, the Object Storage emulator (seeded with <c>fixtures/objects</c>),
/// a consumer subscribed before anything is written, and the relay as an HTTP-mode process.
/// </summary>
internal sealed class RelayTestBed : IAsyncDisposable
{
    private RelayTestBed(StreamEmulator stream, ObjectStorageEmulator objectStorage, StreamTail tail, RelayProcess relay, string? dataDirectory)
    {
        Stream = stream;
        ObjectStorage = objectStorage;
        Tail = tail;
        Relay = relay;
        DataDirectory = dataDirectory;
        Objects = new ObjectStorageClient(new HttpClient { BaseAddress = objectStorage.Url, Timeout = TimeSpan.FromMinutes(5) });
    }

    public StreamEmulator Stream { get; }

    public ObjectStorageEmulator ObjectStorage { get; }

    public StreamTail Tail { get; }

    public RelayProcess Relay { get; }

    /// <summary>A client of the emulator, to upload what the events name.</summary>
    public ObjectStorageClient Objects { get; }

    private string? DataDirectory { get; }

    public static string FixturesDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "fixtures");
                if (Directory.Exists(Path.Combine(candidate, "events")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("fixtures/ is not above the test's output folder.");
        }
    }

    /// <param name="publisher"><c>kafka</c> or <c>rest</c>.</param>
    /// <param name="format"><c>cloudevents</c> or <c>seed</c>.</param>
    /// <param name="overrides">Relay settings that replace or add to <see cref="RelayEnvironment.For"/>'s.</param>
    /// <param name="onDisk">Keep the emulator's objects on disk (large objects).</param>
    /// <param name="fnMode">The Fn contract on a unix socket instead of HTTP.</param>
    /// <param name="build">The relay build (<see cref="RelayBuilds"/>); skips the test when it is not available.</param>
    public static async Task<RelayTestBed> StartAsync(string publisher = "kafka", string format = "cloudevents",
        IReadOnlyDictionary<string, string?>? overrides = null, bool onDisk = false, bool fnMode = false, string build = RelayBuild.JitName)
    {
        var relayBuild = RelayBuilds.Get(build);
        var token = TestContext.Current.CancellationToken;
        var dataDirectory = onDisk ? Directory.CreateTempSubdirectory("dh-os-").FullName : null;
        var stream = await RelayEnvironment.StartStreamAsync(token);
        var objectStorage = await ObjectStorageEmulator.StartAsync(new ObjectStorageEmulatorOptions
        {
            Port = 0,
            SeedDirectory = Path.Combine(FixturesDirectory, "objects"),
            DataDirectory = dataDirectory,
        }, NullLoggerFactory.Instance, token).WaitAsync(TimeSpan.FromSeconds(60), token);
        var tail = RelayEnvironment.Tail(stream);
        var environment = RelayEnvironment.For(stream, objectStorage.Url, publisher, format);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var relay = fnMode
            ? await RelayProcess.StartFnAsync(environment, token, relayBuild)
            : await RelayProcess.StartHttpAsync(environment, token, relayBuild);
        return new RelayTestBed(stream, objectStorage, tail, relay, dataDirectory);
    }

    /// <summary>POST /call with the event; the answer and its body.</summary>
    public async Task<(int Status, string Body)> CallAsync(byte[] body)
    {
        var token = TestContext.Current.CancellationToken;
        using var response = Relay.SocketPath is null
            ? await Relay.Client.PostAsync("call", new ByteArrayContent(body), token).WaitAsync(TimeSpan.FromMinutes(5), token)
            : await FnContractTests.CallAsync(Relay, body, TimeSpan.FromMinutes(4));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(token));
    }

    public async Task<PutObjectResponse> UploadAsync(string name, Stream content, long length, string contentType = "application/octet-stream") =>
        await Objects.PutObjectAsync(TestEvents.Namespace, TestEvents.Bucket, name, content,
            new PutObjectOptions(ContentType: contentType, ContentLength: length), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        Tail.Dispose();
        await ObjectStorage.DisposeAsync();
        await Stream.DisposeAsync();
        if (DataDirectory is not null)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

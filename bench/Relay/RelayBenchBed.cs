using System.Globalization;
using System.Text;
using DevHarness.Emulators.ObjectStorage;
using DevHarness.Emulators.Streaming;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHarness.Benchmarks.Relay;

/// <summary>The emulators the relay runs against in its scenarios (random ports, in-process), and a 1 KiB object.</summary>
internal sealed class RelayBenchBed : IAsyncDisposable
{
    public const string ObjectName = "bench/1KiB.bin";

    public const string LargeObjectName = "bench/large.bin";

    private RelayBenchBed(StreamEmulator stream, ObjectStorageEmulator objectStorage)
    {
        Stream = stream;
        ObjectStorage = objectStorage;
    }

    public StreamEmulator Stream { get; }

    public ObjectStorageEmulator ObjectStorage { get; }

    public static async Task<RelayBenchBed> StartAsync(CancellationToken cancellationToken)
    {
        var stream = await StreamEmulator.StartAsync(new StreamEmulatorOptions { Port = 0, KafkaPort = 0 }, NullLoggerFactory.Instance, cancellationToken);
        var objectStorage = await ObjectStorageEmulator.StartAsync(new ObjectStorageEmulatorOptions { Port = 0 }, NullLoggerFactory.Instance, cancellationToken);
        using var http = new HttpClient { BaseAddress = objectStorage.Url };
        var data = new byte[1024];
        Random.Shared.NextBytes(data);
        await new ObjectStorageClient(http).PutObjectAsync("devharness", "uploads", ObjectName, new MemoryStream(data), cancellationToken: cancellationToken);
        return new RelayBenchBed(stream, objectStorage);
    }

    public Dictionary<string, string?> RelayEnvironment(string publisher) => new()
    {
        ["Relay__Publisher"] = publisher,
        ["Stream__BootstrapServers"] = Stream.BootstrapServers,
        ["Stream__Endpoint"] = Stream.FacadeUrl.ToString(),
        ["Stream__StreamId"] = Stream.Streams[0].Ocid,
        ["Stream__Topic"] = Stream.Streams[0].Name,
        ["ObjectStorage__Endpoint"] = ObjectStorage.Url.ToString(),
        ["Oci__Auth"] = "none",
        // The large-object figure streams hundreds of MiB inline, for as long as that takes.
        ["Relay__MaxInlineBytes"] = (1L << 40).ToString(CultureInfo.InvariantCulture),
        ["Relay__DefaultDeadlineSeconds"] = "3600",
        // The bench measures the relay, not console I/O: only warnings.
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>The relay against this bed: Fn mode on a unix socket or HTTP mode.</summary>
    public Task<RelayProcess> StartRelayAsync(string publisher, bool fnMode, RelayBuild build, CancellationToken cancellationToken) =>
        fnMode
            ? RelayProcess.StartFnAsync(RelayEnvironment(publisher), cancellationToken, build)
            : RelayProcess.StartHttpAsync(RelayEnvironment(publisher), cancellationToken, build);

    /// <summary>Puts <see cref="LargeObjectName"/> of <paramref name="size"/> bytes (a pattern, streamed) into the emulator.</summary>
    public async Task UploadLargeObjectAsync(long size, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = ObjectStorage.Url, Timeout = TimeSpan.FromMinutes(10) };
        await new ObjectStorageClient(http).PutObjectAsync("devharness", "uploads", LargeObjectName, new PatternStream(size),
            new PutObjectOptions(ContentLength: size), cancellationToken);
    }

    /// <summary>A createobject event for the 1 KiB object (or <paramref name="objectName"/>), with a fresh eventID (consumers de-duplicate by it).</summary>
    public static byte[] Event(string objectName = ObjectName) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$$"""
        {"eventType":"com.oraclecloud.objectstorage.createobject","cloudEventsVersion":"0.1","eventTypeVersion":"2.0","source":"ObjectStorage","eventTime":"2026-11-20T09:14:03Z","contentType":"application/json","data":{"compartmentId":"ocid1.compartment.oc1..devharness","resourceName":"{{{objectName}}}","resourceId":"/n/devharness/b/uploads/o/{{{objectName}}}","availabilityDomain":"LOCAL-AD-1","additionalDetails":{"bucketName":"uploads","namespace":"devharness","eTag":"e","archivalState":"Available"}},"eventID":"{{{Guid.NewGuid()}}}","extensions":{"compartmentId":"ocid1.compartment.oc1..devharness"}}
        """));

    public async ValueTask DisposeAsync()
    {
        await ObjectStorage.DisposeAsync();
        await Stream.DisposeAsync();
    }
}

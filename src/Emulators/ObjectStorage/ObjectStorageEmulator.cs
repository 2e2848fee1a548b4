using System.Net;
using System.Net.Sockets;
using DevHarness.Emulators.Events;
using Microsoft.Extensions.Logging.Abstractions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// OCI Object Storage on a WireMock.Net server: the API is one low-priority mapping whose response
/// callback runs <see cref="ObjectStorageApi"/> over <see cref="ObjectStore"/>, so any mapping a user adds
/// through <c>/__admin</c> with a priority below <see cref="ApiPriority"/> overrides it (fault injection).
/// Start it in-process with <see cref="StartAsync"/>; the <c>objectstorage</c> subcommand does the same.
/// </summary>
internal sealed class ObjectStorageEmulator : IAsyncDisposable
{
    /// <summary>The built-in API's WireMock priority; WireMock prefers lower numbers, and user mappings default to 0.</summary>
    public const int ApiPriority = 1000;

    private readonly WireMockServer _server;
    private readonly ObjectEventPublisher _events;

    private ObjectStorageEmulator(WireMockServer server, Uri url, ObjectStore store, IReadOnlyList<string> loadProblems, ObjectEventPublisher events)
    {
        LoadProblems = loadProblems;
        _server = server;
        Store = store;
        _events = events;
        Url = url;
    }

    /// <summary>The base URL the emulator listens on (the actual port when 0 was asked for).</summary>
    public Uri Url { get; }

    /// <summary>The underlying WireMock server: add mappings, read the request journal.</summary>
    public WireMockServer Server => _server;

    internal ObjectStore Store { get; }

    /// <summary>What could not be loaded from the data directory at start (buckets, objects, versions, uploads, PARs), naming each file.</summary>
    internal IReadOnlyList<string> LoadProblems { get; }

    public static async Task<ObjectStorageEmulator> StartAsync(ObjectStorageEmulatorOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("DevHarness.Emulators.ObjectStorage");
        if (ResourceNames.NamespaceProblem(options.Namespace) is { } badNamespace)
        {
            throw new ArgumentException($"--namespace: {badNamespace}");
        }

        if (options.Buckets.Select(ResourceNames.BucketProblem).FirstOrDefault(p => p is not null) is { } badBucket)
        {
            throw new ArgumentException($"--bucket: {badBucket}");
        }

        var store = new ObjectStore(options.Namespace, options.DataDirectory, options.Clock);
        foreach (var bucket in options.Buckets)
        {
            try
            {
                store.CreateBucket(bucket, ObjectStorageEventFacts.DefaultCompartmentId, objectEventsEnabled: true);
            }
            catch (IOException taken)
            {
                ObjectStorageLog.Unreadable(logger, taken.Message);
            }
        }

        if (options.SeedDirectory is not null)
        {
            var seeded = await SeedAsync(store, options.SeedDirectory, cancellationToken);
            ObjectStorageLog.Seeded(logger, seeded, options.SeedDirectory);
        }

        var events = new ObjectEventPublisher(options, logger);
        var api = new ObjectStorageApi(store, events, options);
        List<string> loadProblems = [.. store.LoadProblems, .. api.LoadProblems];
        foreach (var problem in loadProblems)
        {
            ObjectStorageLog.Unreadable(logger, problem);
        }

        var middleware = new ObjectStorageHostMiddleware(store, RequestAuthenticator.Create(options.TrustedPublicKeyFiles, options.Clock), logger);
        var port = options.Port == 0 ? FreePort(options.Host) : options.Port;
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://{options.Host}:{port}"],
            StartAdminInterface = true,
            MaxRequestLogCount = options.JournalSize,
            // Object bodies never reach WireMock (see ObjectStorageHostMiddleware). JSON parsing stays on:
            // the admin API needs it for the mappings users post.
            DisableRequestBodyDecompressing = true,
            Logger = new WireMockLogger(logger),
            FileSystemHandler = new WireMockFiles(options.WireMockFilesDirectory),
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(middleware.InvokeAsync),
        });

        server.Given(Request.Create().WithPath("/health").UsingGet())
            .AtPriority(1)
            .WithTitle("DevHarness health")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/plain").WithBody("Healthy"));
        server.Given(Request.Create().WithPath(path => !path.StartsWith("/__admin", StringComparison.Ordinal)).UsingAnyMethod())
            .AtPriority(ApiPriority)
            .WithTitle("OCI Object Storage API")
            .RespondWith(Response.Create().WithCallback(api.Handle));

        var emulator = new ObjectStorageEmulator(server, new Uri($"http://{(options.Host is "0.0.0.0" or "*" ? "127.0.0.1" : options.Host)}:{port}/"), store, loadProblems, events);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var url = emulator.Url.ToString();
            var buckets = string.Join(", ", store.ListBuckets().Select(b => b.Name));
            ObjectStorageLog.Started(logger, url, options.Namespace, buckets);
        }
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        _server.Stop();
        _server.Dispose();
        await _events.DisposeAsync();
    }

    /// <summary>Loads <c>DIR/&lt;bucket&gt;/&lt;object name&gt;</c>; objects already present (persisted) are left alone.</summary>
    private static async Task<int> SeedAsync(ObjectStore store, string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The seed directory '{directory}' does not exist (--seed expects DIR/<bucket>/<object name>).");
        }

        var count = 0;
        foreach (var bucketDirectory in Directory.EnumerateDirectories(directory))
        {
            var bucketName = Path.GetFileName(bucketDirectory);
            if (ResourceNames.BucketProblem(bucketName) is { } badName)
            {
                throw new ArgumentException($"--seed: the directory '{bucketDirectory}' cannot be a bucket: {badName}");
            }

            var bucket = store.GetBucket(bucketName)
                ?? store.CreateBucket(bucketName, ObjectStorageEventFacts.DefaultCompartmentId, objectEventsEnabled: true)!;
            foreach (var file in Directory.EnumerateFiles(bucketDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(bucketDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
                if (store.GetObject(bucket, name) is not null)
                {
                    continue;
                }

                await using var content = File.OpenRead(file);
                using var upload = await StagedUpload.ReadAsync(content, content.Length, store.StagingDirectory, cancellationToken);
                store.PutObject(bucket, name, upload, new ObjectWriteDetails(ContentTypes.ForName(name), new Dictionary<string, string>()), ifMatch: null, ifNoneMatchAny: false);
                count++;
            }
        }

        return count;
    }

    private static int FreePort(string host)
    {
        using var listener = new TcpListener(IPAddress.TryParse(host, out var address) ? address : IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

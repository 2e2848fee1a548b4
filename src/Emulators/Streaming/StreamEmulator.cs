using DevHarness.Emulators.Streaming.Backends;
using DevHarness.Emulators.Streaming.Backends.EmbeddedLog;
using DevHarness.Emulators.Streaming.Backends.ExternalKafka;
using DevHarness.Emulators.Streaming.Facade;
using DevHarness.KafkaBroker;
using DevHarness.Oci.Signing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DevHarness.Emulators.Streaming;

/// <summary>
/// The stream stand-in, in-process: the embedded Kafka broker (src/KafkaBroker; or an existing Kafka) and
/// the OCI Streaming REST facade over the same log.
/// <c>await using var stream = await StreamEmulator.StartAsync(new() { Port = 0, KafkaPort = 0 });</c>
/// </summary>
internal sealed class StreamEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IStreamBackend _backend;

    private StreamEmulator(WebApplication app, IStreamBackend backend, Broker? broker, Uri facadeUrl, string bootstrapServers, IReadOnlyList<StreamDefinition> streams, FaultInjector faults)
    {
        _app = app;
        _backend = backend;
        Broker = broker;
        FacadeUrl = facadeUrl;
        BootstrapServers = bootstrapServers;
        Streams = streams;
        Faults = faults;
    }

    /// <summary>The REST facade's base URL (also the streams' <c>messagesEndpoint</c>), e.g. <c>http://127.0.0.1:10101/</c>.</summary>
    public Uri FacadeUrl { get; }

    /// <summary>Kafka bootstrap servers: the embedded broker's stable address, or the one given.</summary>
    public string BootstrapServers { get; }

    /// <summary>The streams served, with the partition counts the broker really has.</summary>
    public IReadOnlyList<StreamDefinition> Streams { get; }

    /// <summary>Fault injection, as <c>/_admin/faults</c> sets it.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The embedded broker (null with <c>--kafka</c>): its partition logs, offsets and data folder.</summary>
    public Broker? Broker { get; }

    /// <summary>
    /// Starts the broker (or checks the given one) and the facade. With <paramref name="loggerFactory"/>
    /// every log goes there (tests); without it, single-line console logs plus OpenTelemetry (the CLI).
    /// </summary>
    public static async Task<StreamEmulator> StartAsync(StreamEmulatorOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Streams.Count == 0)
        {
            throw new ArgumentException("At least one stream is needed (--stream OCID=NAME[:PARTITIONS]).", nameof(options));
        }

        // The facade's services need the backend, and the broker logs through the host's logging: build the
        // host first, start the broker, then map and start the facade.
        IStreamBackend? backend = null;
        var app = BuildFacade(options, loggerFactory, () => backend ?? throw new InvalidOperationException("The broker is not started yet."));
        var services = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = services.CreateLogger("DevHarness.Emulators.Streaming");
        Broker? broker = null;
        try
        {
            if (options.KafkaBootstrap is { Length: > 0 } external)
            {
                backend = await ExternalKafkaBackend.StartAsync(external, options.Streams, options.TimeProvider, logger, cancellationToken);
            }
            else
            {
                broker = await StartBrokerAsync(options, services, cancellationToken);
                backend = new EmbeddedLogBackend(broker, options.Streams, options.TimeProvider, logger);
            }

            foreach (var stream in backend.Streams)
            {
                StreamLog.StreamReady(logger, stream.Ocid, stream.Name, stream.Partitions);
            }

            app.Services.GetRequiredService<StreamingEndpoints>().Map(app);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException(
                    $"The stream facade could not listen on {options.Host}:{options.Port}: {e.Message} Stop whatever uses it, or pick another port with --port.", e);
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var url = new Uri(address.EndsWith('/') ? address : address + "/");
            StreamLog.FacadeStarted(logger, url, backend.BootstrapServers);
            return new StreamEmulator(app, backend, broker, url, backend.BootstrapServers, backend.Streams, app.Services.GetRequiredService<FaultInjector>());
        }
        catch
        {
            await app.DisposeAsync();
            if (backend is not null)
            {
                await backend.DisposeAsync();
            }
            if (broker is not null)
            {
                await broker.DisposeAsync();
            }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _backend.DisposeAsync();
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
    }

    private static async Task<Broker> StartBrokerAsync(StreamEmulatorOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        try
        {
            return await Broker.StartAsync(new BrokerOptions
            {
                Host = options.Host,
                Port = options.KafkaPort,
                DataDirectory = options.DataDirectory,
                Topics = [.. options.Streams.Select(s => new TopicDefinition(s.Name, s.Partitions)).DistinctBy(t => t.Name)],
                AutoCreateTopics = options.AutoCreateTopics,
                RetentionHours = options.RetentionHours,
                RetentionBytes = options.RetentionBytes,
                TimeProvider = options.TimeProvider,
            }, loggerFactory, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    private static WebApplication BuildFacade(StreamEmulatorOptions options, ILoggerFactory? loggerFactory, Func<IStreamBackend> backend)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "DevHarness.Emulators.Streaming", Args = HostConfiguration.Arguments });
        HostConfiguration.AddServiceDefaultsWhenCollected(builder);
        builder.WebHost.UseUrls($"http://{HostForUrl(options.Host)}:{options.Port}");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        if (loggerFactory is not null)
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(loggerFactory);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
            // The facade writes its own line per request; ASP.NET Core's three per request would bury it.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton(sp => new StreamCatalog(backend().Streams));
        builder.Services.AddSingleton(new CursorCodec(options.TimeProvider));
        builder.Services.AddSingleton(sp => new StreamingEndpoints(
            sp.GetRequiredService<StreamCatalog>(),
            sp.GetRequiredService<CursorCodec>(),
            backend(),
            sp.GetRequiredService<FaultInjector>(),
            options.TimeProvider.GetUtcNow()));

        // Read the key before anything starts, so a bad --verify-signatures file is a start-up error.
        SignatureVerifier? verifier = null;
        if (options.VerifySignaturesPublicKeyPath is { } keyFile)
        {
            try
            {
                verifier = new SignatureVerifier([TrustedKey.FromPemFile(keyFile)], options.TimeProvider);
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                throw new InvalidOperationException($"--verify-signatures {keyFile}: {e.Message}", e);
            }
        }

        var app = builder.Build();
        app.UseMiddleware<FacadeMiddleware>();
        if (verifier is not null)
        {
            StreamLog.VerifyingSignatures(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DevHarness.Emulators.Streaming"), options.VerifySignaturesPublicKeyPath!);
            app.UseMiddleware<SignatureCheckMiddleware>(verifier);
        }

        app.MapDefaultEndpoints();
        return app;
    }

    private static string HostForUrl(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}

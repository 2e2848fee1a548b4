using DevHarness.Emulators.Streaming.Broker;
using DevHarness.Emulators.Streaming.Facade;
using DevHarness.Oci.Signing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DevHarness.Emulators.Streaming;

/// <summary>
/// The stream stand-in, in-process: the embedded Kafka broker (or an existing one) and the OCI Streaming
/// REST facade over it. <c>await using var stream = await StreamEmulator.StartAsync(new() { Port = 0, KafkaPort = 0 });</c>
/// </summary>
internal sealed class StreamEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmbeddedKafkaBroker? _broker;

    private StreamEmulator(WebApplication app, EmbeddedKafkaBroker? broker, Uri facadeUrl, string bootstrapServers, IReadOnlyList<StreamDefinition> streams, FaultInjector faults)
    {
        _app = app;
        _broker = broker;
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

        // The facade's services need the broker's address, and the broker logs through the host's logging:
        // build the host first, start the broker, then map and start the facade.
        Backend? backend = null;
        var app = BuildFacade(options, loggerFactory, () => backend ?? throw new InvalidOperationException("The broker is not started yet."));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DevHarness.Emulators.Streaming");
        EmbeddedKafkaBroker? broker = null;
        try
        {
            if (options.KafkaBootstrap is { Length: > 0 } external)
            {
                backend = new Backend(external, await TopicProvisioner.EnsureAsync(external, options.Streams, logger, cancellationToken));
            }
            else
            {
                broker = EmbeddedKafkaBroker.Start(options.Host, options.KafkaPort, options.Streams, options.TrimCheckInterval, logger);
                backend = new Backend(broker.BootstrapServers, options.Streams);
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
            return new StreamEmulator(app, broker, url, backend.BootstrapServers, backend.Streams, app.Services.GetRequiredService<FaultInjector>());
        }
        catch
        {
            await app.DisposeAsync();
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
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    private static WebApplication BuildFacade(StreamEmulatorOptions options, ILoggerFactory? loggerFactory, Func<Backend> backend)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "DevHarness.Emulators.Streaming" });
        builder.AddServiceDefaults();
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
        builder.Services.AddSingleton(_ => new MessagePublisher(backend().BootstrapServers, options.TimeProvider));
        builder.Services.AddSingleton(_ => new PartitionReader(backend().BootstrapServers, brokerIndexesTime: options.KafkaBootstrap is { Length: > 0 }));
        builder.Services.AddSingleton(sp => new GroupSessions(backend().BootstrapServers, sp.GetRequiredService<PartitionReader>(), options.TimeProvider, sp.GetRequiredService<ILogger<GroupSessions>>()));
        builder.Services.AddSingleton(sp => new StreamingEndpoints(
            sp.GetRequiredService<StreamCatalog>(),
            sp.GetRequiredService<CursorCodec>(),
            sp.GetRequiredService<MessagePublisher>(),
            sp.GetRequiredService<PartitionReader>(),
            sp.GetRequiredService<GroupSessions>(),
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

    /// <summary>The broker the facade talks to and the streams it really has.</summary>
    private sealed record Backend(string BootstrapServers, IReadOnlyList<StreamDefinition> Streams);

    private static string HostForUrl(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}

using DevHarness.Oci;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Streaming;
using DevHarness.Relay.Configuration;
using DevHarness.Relay.Handling;
using DevHarness.Relay.Hosting;
using DevHarness.Relay.Publishing;

namespace DevHarness.Relay;

/// <summary>Registers the relay: its settings, the Object Storage client, the stream publisher and the call endpoint.</summary>
/// <remarks>
/// Everything is a singleton built by hand, once: a function pays for its start-up on every cold start, and
/// in a Native AOT build every open generic the container resolves (<c>ILogger&lt;T&gt;</c>, typed HTTP clients,
/// options) is a type built at run time. <see cref="RelayWarmUp"/> builds the graph before the first call.
/// </remarks>
internal static class RelayServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddRelay(this IHostApplicationBuilder builder, RelaySettings settings, HostingMode mode,
        OciCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(credentials);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new ObjectStorageClient(OciHttpClient.Create(new OciClientOptions
        {
            Endpoint = credentials.ObjectStorageEndpoint,
            KeyProvider = credentials.KeyProvider,
            Retry = RelayRetry,
        }, nameof(ObjectStorageClient), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>())));
        builder.AddStreamPublisher(settings, credentials);
        builder.Services.AddSingleton(services => new RelayHandler(
            services.GetRequiredService<ObjectStorageClient>(), services.GetRequiredService<IStreamPublisher>(), settings));
        builder.Services.AddSingleton(services => new CallEndpoint(
            services.GetRequiredService<RelayHandler>(), mode, settings.DefaultDeadline, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<CallEndpoint>()));
        builder.Services.AddHostedService(services => new RelayWarmUp(services, settings,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<RelayWarmUp>()));
        return builder;
    }

    /// <summary>The configured <see cref="IStreamPublisher"/>: one Kafka producer per process, or the REST client.</summary>
    public static IHostApplicationBuilder AddStreamPublisher(this IHostApplicationBuilder builder, RelaySettings settings,
        OciCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(credentials);
        if (settings.Publisher == PublisherKind.Kafka)
        {
            // Registered once: a second registration resolving the same instance would be disposed twice at stop.
            builder.Services.AddSingleton<IStreamPublisher>(services => new KafkaStreamPublisher(settings,
                services.GetRequiredService<ILoggerFactory>().CreateLogger<KafkaStreamPublisher>()));
        }
        else
        {
            builder.Services.AddSingleton<IStreamPublisher>(services => new RestStreamPublisher(
                new StreamClient(OciHttpClient.Create(new OciClientOptions
                {
                    Endpoint = settings.StreamEndpoint,
                    KeyProvider = credentials.KeyProvider,
                    Retry = RelayRetry,
                }, nameof(StreamClient), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>())),
                settings, services.GetRequiredService<TimeProvider>()));
        }

        return builder;
    }

    /// <summary>
    /// Retries within a function's life: OCI Functions' default timeout is 30 s (docs/oci-facts.md §8.3), and the
    /// invocation's own deadline cancels whatever is still waiting.
    /// </summary>
    private static OciRetryOptions RelayRetry => new()
    {
        MaxRetryAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(200),
        MaxDelay = TimeSpan.FromSeconds(5),
        MaxRetryAfter = TimeSpan.FromSeconds(10),
        AttemptTimeout = TimeSpan.FromSeconds(30),
        TotalTimeout = TimeSpan.FromMinutes(5),
    };
}

using DevHarness.Oci;
using DevHarness.Relay.Configuration;
using DevHarness.Relay.Handling;
using DevHarness.Relay.Hosting;
using DevHarness.Relay.Publishing;

namespace DevHarness.Relay;

/// <summary>Registers the relay: its settings, the Object Storage client, the stream publisher and the call endpoint.</summary>
internal static class RelayServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddRelay(this IHostApplicationBuilder builder, RelaySettings settings, HostingMode mode,
        OciCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(credentials);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOciObjectStorageClient(options =>
        {
            options.Endpoint = credentials.ObjectStorageEndpoint;
            options.KeyProvider = credentials.KeyProvider;
            options.Retry = RelayRetry;
        });
        builder.AddStreamPublisher(settings, credentials);
        builder.Services.AddTransient<RelayHandler>();
        builder.Services.AddTransient(services => new CallEndpoint(
            services.GetRequiredService<RelayHandler>(), mode, settings.DefaultDeadline, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<CallEndpoint>>()));
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
            builder.Services.AddSingleton<IStreamPublisher, KafkaStreamPublisher>();
        }
        else
        {
            builder.Services.AddOciStreamClient(options =>
            {
                options.Endpoint = settings.StreamEndpoint;
                options.KeyProvider = credentials.KeyProvider;
                options.Retry = RelayRetry;
            });
            builder.Services.AddTransient<IStreamPublisher, RestStreamPublisher>();
        }

        return builder;
    }

    /// <summary>
    /// Retries within a function's life: OCI Functions' default timeout is 30 s (OCI-NOTES §8.3), and the
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

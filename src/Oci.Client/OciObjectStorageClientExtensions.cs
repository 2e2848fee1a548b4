using DevHarness.Oci;
using DevHarness.Oci.Client;
using DevHarness.Oci.Connections;
using DevHarness.Oci.ObjectStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers OCI Object Storage for a service, from the connection string an Aspire AppHost gives it.</summary>
public static class OciObjectStorageClientExtensions
{
    /// <summary>The configuration section of the switches (<c>DisableHealthChecks</c>, <c>DisableTracing</c>).</summary>
    public const string ConfigurationSection = "DevHarness:Oci:ObjectStorage";

    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers <see cref="ObjectStorageClient"/> (signed as the connection string's <c>Auth</c>, <c>ConfigFile</c> and
    /// <c>Profile</c> say; unsigned for the emulator) and the parsed <see cref="ObjectStorageConnectionString"/> (its
    /// <c>Namespace</c> is what the client's calls take), plus a health check and tracing unless disabled.
    /// </summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="connectionName">The connection string's name: <c>ConnectionStrings:{connectionName}</c>.</param>
    /// <param name="configureSettings">Changes the settings after they are read from configuration.</param>
    /// <exception cref="InvalidOperationException">The connection string is missing, malformed, or names a credential that cannot be loaded.</exception>
    public static IHostApplicationBuilder AddOciObjectStorageClient(this IHostApplicationBuilder builder, string connectionName,
        Action<OciObjectStorageClientSettings>? configureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var settings = new OciObjectStorageClientSettings
        {
            Connection = OciConnectionStrings.Read(builder.Configuration, connectionName, ObjectStorageConnectionString.Parse) ?? new(),
            DisableHealthChecks = OciConnectionStrings.Flag(builder.Configuration, ConfigurationSection, nameof(OciObjectStorageClientSettings.DisableHealthChecks)),
            DisableTracing = OciConnectionStrings.Flag(builder.Configuration, ConfigurationSection, nameof(OciObjectStorageClientSettings.DisableTracing)),
        };
        configureSettings?.Invoke(settings);

        var connection = settings.Connection;
        var endpoint = connection.ResolvedEndpoint
            ?? throw OciConnectionStrings.Missing(connectionName, "an Endpoint or Region", "Endpoint=http://127.0.0.1:10100;Namespace=devharness");
        var keys = OciConnectionStrings.KeyProvider(connectionName, connection.Auth, connection.ConfigFile, connection.Profile);
        var http = builder.Services.AddOciObjectStorageClient(options =>
        {
            options.Endpoint = endpoint;
            options.KeyProvider = keys;
            options.Retry = settings.Retry;
        });
        builder.Services.AddSingleton(connection);

        if (!settings.DisableTracing)
        {
            http.AddHttpMessageHandler(() => new OciClientTracing("ObjectStorage"));
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(OciClientTracing.ActivitySourceName));
        }

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"OciObjectStorage_{connectionName}",
                services => new ObjectStorageHealthCheck(services.GetRequiredService<ObjectStorageClient>()), failureStatus: null, tags: null,
                timeout: HealthCheckTimeout));
        }

        return builder;
    }
}

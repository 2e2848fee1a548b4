using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Signing;
using DevHarness.Oci.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace DevHarness.Oci;

/// <summary>Registers the OCI clients as typed <see cref="HttpClient"/>s.</summary>
public static class OciServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ObjectStorageClient"/> for the endpoint, credential and retries in the options.</summary>
    public static IHttpClientBuilder AddOciObjectStorageClient(this IServiceCollection services, Action<OciClientOptions> configure) =>
        AddOciClient<ObjectStorageClient>(services, configure);

    /// <summary>Registers <see cref="StreamClient"/> for the messages endpoint, credential and retries in the options.</summary>
    public static IHttpClientBuilder AddOciStreamClient(this IServiceCollection services, Action<OciClientOptions> configure) =>
        AddOciClient<StreamClient>(services, configure);

    private static IHttpClientBuilder AddOciClient<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(IServiceCollection services, Action<OciClientOptions> configure)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        // Resolved at registration, so a missing endpoint fails at start-up, not at the first request.
        var options = new OciClientOptions();
        configure(options);
        options.Validate(typeof(TClient).Name);

        var builder = services.AddHttpClient<TClient>(http =>
        {
            http.BaseAddress = options.Endpoint;
            if (options.Retry is not null)
            {
                // The resilience pipeline owns the time budget; HttpClient's 100 s default would cut
                // large uploads and retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            }
        });

        // Order matters: the first handler added is the outermost, so retries wrap signing and every
        // attempt is signed with a fresh date.
        if (options.Retry is { } retry)
        {
            builder.AddOciResilience(retry);
        }

        if (options.KeyProvider is { } keys)
        {
            builder.AddHttpMessageHandler(services => new RequestSigningHandler(keys, services.GetService<TimeProvider>()));
        }

        return builder;
    }
}

using DevHarness.Oci.Signing;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace DevHarness.Oci;

/// <summary>
/// An <see cref="HttpClient"/> for one OCI service built without dependency injection: the same retries
/// (<see cref="OciResilienceExtensions.AddOciResilience"/>) and signing as the DI registrations, over one
/// long-lived connection pool. For a process whose start-up is on someone's clock (a function's cold start):
/// <c>IHttpClientFactory</c>'s options, handler rotation and pipeline registry cost more to set up than they
/// give a client that lives as long as the process. Give the client to <see cref="ObjectStorage.ObjectStorageClient"/>
/// or <see cref="Streaming.StreamClient"/>.
/// </summary>
public static class OciHttpClient
{
    /// <summary>The category retries are logged under (event 2001), as with the DI registrations.</summary>
    public const string LoggerCategory = "DevHarness.Oci.Http";

    /// <summary>How long a pooled connection is reused: DNS changes are picked up as IHttpClientFactory's rotation would.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <param name="options">Endpoint, credential (null: unsigned) and retries (null: none).</param>
    /// <param name="clientName">Names the client in a configuration error, e.g. <c>ObjectStorageClient</c>.</param>
    /// <param name="timeProvider">The clock for signatures, backoff and timeouts; the system clock when null.</param>
    /// <param name="loggerFactory">Where retries are logged; nowhere when null.</param>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) URL, or the retry options are invalid.</exception>
    public static HttpClient Create(OciClientOptions options, string clientName, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(clientName);
        var time = timeProvider ?? TimeProvider.System;

        // Innermost first; the retry handler is outermost, so every attempt is signed afresh (a new date).
        HttpMessageHandler handler = new SocketsHttpHandler { PooledConnectionLifetime = PooledConnectionLifetime };
        if (options.KeyProvider is { } keys)
        {
            handler = new RequestSigningHandler(keys, time) { InnerHandler = handler };
        }

        if (options.Retry is { } retry)
        {
            var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
            OciResilienceExtensions.Configure(pipeline, retry, time, loggerFactory?.CreateLogger(LoggerCategory) ?? NullLogger.Instance);
            handler = new ResilienceHandler(pipeline.Build()) { InnerHandler = handler };
        }

        // As with the DI registration: the pipeline owns the time budget when there is one.
        return new HttpClient(handler)
        {
            BaseAddress = options.Endpoint,
            Timeout = options.Retry is null ? TimeSpan.FromSeconds(100) : Timeout.InfiniteTimeSpan,
        };
    }
}

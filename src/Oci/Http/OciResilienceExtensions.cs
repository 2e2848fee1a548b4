using DevHarness.Oci.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DevHarness.Oci;

/// <summary>Retries for OCI clients, built on <c>Microsoft.Extensions.Http.Resilience</c> (Polly v8).</summary>
public static class OciResilienceExtensions
{
    /// <summary>The name of the resilience handler this adds (one per client).</summary>
    public const string HandlerName = "oci";

    /// <summary>
    /// Adds the OCI retry pipeline: a total time budget, then retries of transient failures (429,
    /// 408, 500, 502–504, attempt timeouts, connection failures) with exponential backoff and jitter,
    /// honouring <c>Retry-After</c> in seconds or as an HTTP date, then a per-attempt timeout. Only
    /// requests that may be sent twice are retried (<see cref="OciRequestOptions.Retryable"/>): never
    /// POST PutMessages, and PutObject only with a rewindable body. Add it before any signing handler,
    /// so that each attempt is signed afresh (a new <c>date</c>).
    /// </summary>
    public static IHttpClientBuilder AddOciResilience(this IHttpClientBuilder builder, OciRetryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var retry = options ?? new OciRetryOptions();
        retry.Validate();

        builder.AddResilienceHandler(HandlerName, (pipeline, context) =>
        {
            var timeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            var logger = context.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(OciHttpClient.LoggerCategory)
                ?? NullLogger.Instance;
            Configure(pipeline, retry, timeProvider, logger);
        });

        return builder;
    }

    /// <summary>The pipeline itself, shared by the DI registration and <see cref="OciHttpClient.Create"/>.</summary>
    internal static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, OciRetryOptions retry, TimeProvider timeProvider, ILogger logger)
    {
        pipeline.TimeProvider = timeProvider;
        pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "oci-total", Timeout = retry.TotalTimeout });
        if (retry.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "oci-retry",
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    OciRetryPolicy.ShouldRetry(args.Outcome, args.Context, retry, timeProvider.GetUtcNow())),
                DelayGenerator = args => ValueTask.FromResult(
                    OciRetryPolicy.RetryAfter(args.Outcome.Result, timeProvider.GetUtcNow())),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    var reason = args.Outcome.Result is { } response
                        ? $"{(int)response.StatusCode} {response.StatusCode}"
                        : args.Outcome.Exception?.GetType().Name ?? "unknown";
                    OciHttpLog.Retrying(logger, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath ?? "?",
                        args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, reason);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "oci-attempt", Timeout = retry.AttemptTimeout });
    }
}

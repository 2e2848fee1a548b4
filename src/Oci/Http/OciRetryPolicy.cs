using System.Net;
using Polly;
using Polly.Timeout;

namespace DevHarness.Oci.Http;

/// <summary>What the OCI resilience pipeline retries, and how long it waits when the service says.</summary>
internal static class OciRetryPolicy
{
    /// <summary>
    /// Transient by OCI's rules (docs/oci-facts.md §2.5): throttling (429), the 5xx answers a retry can fix, a
    /// request timeout, an attempt that timed out, or a connection that failed. 501 and 505 are not
    /// transient; 409 IncorrectState is left to callers because telling it from other 409s needs the body.
    /// </summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests
            or HttpStatusCode.RequestTimeout
            or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout,
        _ => false,
    };

    /// <summary>
    /// Whether a request may be sent twice. The client's explicit <see cref="OciRequestOptions.Retryable"/>
    /// wins; otherwise the idempotent methods of RFC 9110 §9.2.2 qualify and POST/PATCH do not.
    /// </summary>
    public static bool IsRetryable(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return false;
        }

        if (request.Options.TryGetValue(OciRequestOptions.Retryable, out var explicitly))
        {
            return explicitly;
        }

        var method = request.Method;
        return method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Delete
            || method == HttpMethod.Put || method == HttpMethod.Options;
    }

    /// <summary>
    /// The wait a response asks for with <c>Retry-After</c>, as seconds or as an HTTP date, or null
    /// when it asks for none. A date in the past means "now".
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>The decision the retry strategy asks for after each attempt.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, OciRetryOptions options, DateTimeOffset now)
    {
        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        if (!IsRetryable(request) || !IsTransient(outcome))
        {
            return false;
        }

        // A server asking for a longer pause than we are willing to wait gets its answer back now.
        return RetryAfter(outcome.Result, now) is not { } wait || wait <= options.MaxRetryAfter;
    }
}

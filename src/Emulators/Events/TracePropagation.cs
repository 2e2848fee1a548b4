using System.Diagnostics;

namespace DevHarness.Emulators.Events;

/// <summary>
/// Carries W3C trace context across the emulators' deferred hops (an event posted after the upload
/// returned, a function invoked after the event was accepted): captured when the work is queued, applied
/// when it is sent, by hand when no tracing listener is active (then HttpClient does not propagate).
/// </summary>
internal static class TracePropagation
{
    public static ActivityContext Capture(string? traceparent, string? tracestate)
    {
        if (Activity.Current is { } current)
        {
            return current.Context;
        }

        return ActivityContext.TryParse(traceparent, tracestate, out var parsed) ? parsed : default;
    }

    public static void Apply(HttpRequestMessage request, ActivityContext parent, Activity? started)
    {
        if (started is null && parent != default)
        {
            var flags = parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00";
            request.Headers.TryAddWithoutValidation("traceparent", $"00-{parent.TraceId}-{parent.SpanId}-{flags}");
        }
    }
}

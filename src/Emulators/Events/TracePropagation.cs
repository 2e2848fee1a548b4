using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;

namespace DevHarness.Emulators.Events;

/// <summary>
/// Carries W3C trace context across the emulators' deferred hops (an event posted after the upload
/// returned, a function invoked after the event was accepted), so one upload is one trace (issue 6)
/// whatever ActivityListeners the process has: captured from the request when the work is queued,
/// made current and written into the outgoing request when it is sent.
/// </summary>
internal static class TracePropagation
{
    /// <summary>
    /// The request's own server span when ASP.NET started one, else the context its headers carry. Not
    /// <see cref="Activity.Current"/>: without a server span that is whatever flowed in, not this request.
    /// </summary>
    public static ActivityContext Capture(HttpContext context)
    {
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } serverSpan)
        {
            return serverSpan.Context;
        }

        DistributedContextPropagator.Current.ExtractTraceIdAndState(
            context.Request.Headers,
            static (carrier, name, out value, out values) =>
            {
                values = null;
                value = ((IHeaderDictionary)carrier!)[name];
            },
            out var traceparent,
            out var tracestate);
        return ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out var parsed) ? parsed : default;
    }

    /// <summary>
    /// Starts the span of a deferred send under <paramref name="parent"/> and makes it current. When no
    /// listener samples <paramref name="source"/>, a bare activity with the same parent stands in, so that
    /// HttpClient instrumentation (OpenTelemetry's rewrites <c>traceparent</c> from the current activity)
    /// still joins the caller's trace instead of starting a fresh one.
    /// </summary>
    public static Activity StartSend(ActivitySource source, string name, ActivityKind kind, ActivityContext parent)
    {
        if (source.StartActivity(name, kind, parent) is { } sampled)
        {
            return sampled;
        }

        var bare = new Activity(name);
        if (parent != default)
        {
            bare.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
            bare.TraceStateString = parent.TraceState;
        }

        return bare.Start();
    }

    /// <summary>
    /// Writes <paramref name="span"/>'s context into the request with the process's propagator, so it
    /// travels even where HttpClient does not propagate (no DiagnosticsHandler, or propagation disabled).
    /// Headers already present are kept: HttpClient's own propagation never overwrites them either.
    /// </summary>
    public static void Inject(HttpRequestMessage request, Activity span) =>
        DistributedContextPropagator.Current.Inject(span, request.Headers, static (carrier, name, value) =>
        {
            if (carrier is HttpRequestHeaders headers && !headers.Contains(name))
            {
                headers.TryAddWithoutValidation(name, value);
            }
        });
}

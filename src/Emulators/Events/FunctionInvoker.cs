using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace DevHarness.Emulators.Events;

/// <summary>
/// Calls a function the way the Fn agent does (docs/oci-facts.md §8.2): <c>POST /call</c> with the event as the
/// body, <c>Fn-Call-Id</c>, <c>Fn-Deadline</c> (RFC 3339, seconds) and <c>Fn-Intent: cloudevent</c>. 200 is
/// success; 502 (function failed), 504 (deadline) and anything else are failures the caller may retry.
/// </summary>
internal sealed class FunctionInvoker(TimeSpan invocationTimeout, TimeProvider clock) : IDisposable
{
    public static readonly ActivitySource Source = new("DevHarness.Events");

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public async Task<InvocationResult> InvokeAsync(FunctionTarget target, byte[] body, ActivityContext parent, CancellationToken cancellationToken)
    {
        var client = _clients.GetOrAdd(target.Text, _ => new HttpClient(target.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan });
        using var activity = TracePropagation.StartSend(Source, "invoke function", ActivityKind.Client, parent);
        activity.SetTag("faas.invoked_name", target.Text);
        var deadline = clock.GetUtcNow() + invocationTimeout;
        using var request = new HttpRequestMessage(HttpMethod.Post, target.RequestUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add("Fn-Call-Id", Guid.NewGuid().ToString("N").ToUpperInvariant());
        request.Headers.Add("Fn-Deadline", deadline.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        request.Headers.Add("Fn-Intent", "cloudevent");
        TracePropagation.Inject(request, activity);

        // A little grace past the deadline: the function is expected to answer 504 itself before it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(invocationTimeout + TimeSpan.FromSeconds(2));
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            if (status == 200)
            {
                return new InvocationResult(true, status, null);
            }

            var reason = status switch
            {
                502 => "the function failed (502)",
                504 => "the function reported its deadline passed (504)",
                _ => $"the function answered {status}, which the Fn contract treats as a crashed container",
            };
            activity.SetStatus(ActivityStatusCode.Error, reason);
            return new InvocationResult(false, status, reason);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            activity.SetStatus(ActivityStatusCode.Error, "timeout");
            return new InvocationResult(false, null, $"no answer before the deadline ({invocationTimeout.TotalSeconds:0} s)");
        }
        catch (HttpRequestException ex)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            return new InvocationResult(false, null, $"cannot reach {target.Text}: {ex.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}

using System.Diagnostics;

namespace DevHarness.Oci.Client;

/// <summary>
/// One client span per OCI request (per attempt: it sits inside the retries), named for the service and
/// method, with the <c>opc-request-id</c> Oracle support asks for.
/// </summary>
internal sealed class OciClientTracing(string service) : DelegatingHandler
{
    /// <summary>The activity source the registrations add to OpenTelemetry's tracing.</summary>
    public const string ActivitySourceName = "DevHarness.Oci.Client";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity($"{service} {request.Method.Method}", ActivityKind.Client);
        if (activity is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        activity.SetTag("http.request.method", request.Method.Method);
        activity.SetTag("server.address", request.RequestUri?.Host);
        activity.SetTag("url.path", request.RequestUri?.AbsolutePath);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            activity.SetTag("http.response.status_code", (int)response.StatusCode);
            if (response.Headers.TryGetValues("opc-request-id", out var ids))
            {
                activity.SetTag("oci.request_id", ids.FirstOrDefault());
            }

            if ((int)response.StatusCode >= 400)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }

            return response;
        }
        catch (Exception ex)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }
}

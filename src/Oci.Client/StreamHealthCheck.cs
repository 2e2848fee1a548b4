using DevHarness.Oci.Streaming;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevHarness.Oci.Client;

/// <summary>Healthy when the Streaming REST API describes the stream (GetStream) as ACTIVE.</summary>
internal sealed class StreamHealthCheck(StreamClient client, string streamId) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var stream = await client.GetStreamAsync(streamId, cancellationToken).ConfigureAwait(false);
            return stream.LifecycleState == "ACTIVE"
                ? HealthCheckResult.Healthy($"stream {stream.Name}: {stream.Partitions} partitions")
                : new HealthCheckResult(context.Registration.FailureStatus, $"stream {stream.Name} is {stream.LifecycleState}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OciException or TaskCanceledException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}

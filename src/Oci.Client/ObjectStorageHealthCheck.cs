using DevHarness.Oci.ObjectStorage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevHarness.Oci.Client;

/// <summary>Healthy when Object Storage answers GetNamespace with the credential the client signs with.</summary>
internal sealed class ObjectStorageHealthCheck(ObjectStorageClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var name = await client.GetNamespaceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"namespace {name}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OciException or TaskCanceledException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}

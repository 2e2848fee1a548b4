using DevHarness.Oci.Connections;

namespace DevHarness.Oci.Client;

/// <summary>
/// How <c>AddOciObjectStorageClient</c> configures <see cref="ObjectStorage.ObjectStorageClient"/>: read from
/// <c>ConnectionStrings:{name}</c> and the section <c>DevHarness:Oci:ObjectStorage</c>, then handed to the
/// caller's callback, which may change anything.
/// </summary>
public sealed class OciObjectStorageClientSettings
{
    /// <summary>Endpoint (or region), namespace and credential, parsed from the connection string.</summary>
    public ObjectStorageConnectionString Connection { get; set; } = new();

    /// <summary>Retries of throttled and failed requests; null turns them off.</summary>
    public OciRetryOptions? Retry { get; set; } = new();

    /// <summary>No health check (GetNamespace) is registered.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>No span per request, and the activity source is not added to OpenTelemetry's tracing.</summary>
    public bool DisableTracing { get; set; }
}

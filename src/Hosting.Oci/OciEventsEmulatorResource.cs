using DevHarness.Hosting.Oci;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The OCI Events emulator behind an emulated <see cref="OciObjectStorageResource"/>: it receives the
/// emulator's object events and invokes, under the Fn contract, every function whose rule matches.
/// </summary>
public sealed class OciEventsEmulatorResource(string name, OciObjectStorageResource objectStorage, string workingDirectory)
    : ExecutableResource(name, "dotnet", workingDirectory)
{
    /// <summary>The documented default port.</summary>
    public const int DefaultPort = 10102;

    /// <summary>
    /// About 45 s of backoff (250 ms doubling, capped at 10 s): a function restarted or rebuilt from the
    /// dashboard misses no event. The emulator's own default (4 attempts, under 2 s) is OCI-like but would
    /// dead-letter everything a restart overlaps.
    /// </summary>
    public const int DefaultMaxAttempts = 10;

    private EndpointReference? _http;

    /// <summary>The Object Storage whose events this emulator receives.</summary>
    public OciObjectStorageResource ObjectStorage { get; } = objectStorage;

    /// <summary>One rule per <c>WithObjectStorageEvents</c> call.</summary>
    public IList<OciEventsRule> Rules { get; } = [];

    public int MaxAttempts { get; internal set; } = DefaultMaxAttempts;

    public EndpointReference HttpEndpoint => _http ??= new(this, EmulatorHost.HttpEndpointName);

    /// <summary>Where Object Storage posts events: <c>http://127.0.0.1:&lt;port&gt;/events</c>.</summary>
    public ReferenceExpression EventsUrl => ReferenceExpression.Create($"http://{EmulatorHost.Address}:{HttpEndpoint.Property(EndpointProperty.Port)}/events");
}

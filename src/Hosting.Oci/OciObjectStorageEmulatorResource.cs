using DevHarness.Hosting.Oci;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The Object Storage emulator process standing in for an <see cref="OciObjectStorageResource"/>. It shares
/// the service resource's name and annotations (as Aspire's Azure emulators do), so everything configured on
/// either builder lands on the one dashboard resource.
/// </summary>
public sealed class OciObjectStorageEmulatorResource(OciObjectStorageResource service, string workingDirectory)
    : ExecutableResource(service.Name, "dotnet", workingDirectory), IResourceWithConnectionString
{
    /// <summary>The documented default port.</summary>
    public const int DefaultPort = 10100;

    /// <summary>The documented default namespace.</summary>
    public const string DefaultNamespace = "devharness";

    /// <summary>The documented default bucket.</summary>
    public const string DefaultBucket = "uploads";

    private EndpointReference? _http;

    public override string Name => Service.Name;

    public override ResourceAnnotationCollection Annotations => Service.Annotations;

    /// <summary>The service this emulator stands in for.</summary>
    public OciObjectStorageResource Service { get; } = service;

    public string Namespace => Service.Namespace ?? DefaultNamespace;

    /// <summary>Buckets that exist at start (object events enabled); <c>uploads</c> when none is named.</summary>
    public IList<string> Buckets { get; } = [];

    /// <summary><c>--seed</c>: objects loaded at start from <c>DIR/&lt;bucket&gt;/&lt;name&gt;</c>.</summary>
    public string? SeedDirectory { get; internal set; }

    /// <summary><c>--data-dir</c>: keep buckets and objects on disk.</summary>
    public string? DataDirectory { get; internal set; }

    /// <summary><c>--verify-signatures</c>: public keys whose signatures are required (strict mode).</summary>
    public IList<string> TrustedPublicKeys { get; } = [];

    /// <summary>The port of the events emulator <c>WithObjectStorageEvents</c> adds.</summary>
    public int EventsPort { get; internal set; } = OciEventsEmulatorResource.DefaultPort;

    /// <summary>The events emulator's <c>--concurrency</c> (invocations in flight); null leaves its default.</summary>
    public int? EventsConcurrency { get; internal set; }

    /// <summary>The events emulator's <c>--queue-limit</c> (events waiting to be invoked); null leaves its default.</summary>
    public int? EventsQueueLimit { get; internal set; }

    public EndpointReference HttpEndpoint => _http ??= new(this, EmulatorHost.HttpEndpointName);

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public ReferenceExpression Url => ReferenceExpression.Create($"http://{EmulatorHost.Address}:{HttpEndpoint.Property(EndpointProperty.Port)}");

    public ReferenceExpression ConnectionStringExpression => Service.ConnectionStringExpression;

    internal IEnumerable<string> EffectiveBuckets => Buckets.Count == 0 ? [DefaultBucket] : Buckets;
}

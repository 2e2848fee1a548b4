using DevHarness.Hosting.Oci;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The stream stand-in standing in for an <see cref="OciStreamResource"/>: the embedded Kafka broker (or, with
/// <c>WithKafkaContainer()</c>, a Kafka container) and the OCI Streaming REST API over the same log. It shares
/// the stream resource's name and annotations, so it is one resource on the dashboard.
/// </summary>
public sealed class OciStreamEmulatorResource(OciStreamResource service, string workingDirectory)
    : ExecutableResource(service.Name, "dotnet", workingDirectory), IResourceWithConnectionString
{
    /// <summary>The documented default port of the REST API.</summary>
    public const int DefaultPort = 10101;

    /// <summary>The documented default Kafka bootstrap port.</summary>
    public const int DefaultKafkaPort = 10109;

    private EndpointReference? _http;

    public override string Name => Service.Name;

    public override ResourceAnnotationCollection Annotations => Service.Annotations;

    /// <summary>The stream this emulator stands in for.</summary>
    public OciStreamResource Service { get; } = service;

    /// <summary>The Kafka container the facade fronts instead of the embedded broker, if any.</summary>
    public ContainerResource? KafkaContainer { get; internal set; }

    /// <summary><c>--data-dir</c>: the stream's log and committed offsets survive restarts here.</summary>
    public string? DataDirectory { get; internal set; }

    /// <summary><c>--retention-hours</c> (1–168; the broker's default is 24, as OCI's).</summary>
    public int? RetentionHours { get; internal set; }

    /// <summary><c>--retention-bytes</c> per partition.</summary>
    public long? RetentionBytes { get; internal set; }

    /// <summary><c>--auto-create-topics</c>: more lenient than OCI, off unless asked for.</summary>
    public bool AutoCreateTopics { get; internal set; }

    /// <summary><c>--verify-signatures</c>: a public key whose signatures the REST API requires.</summary>
    public string? TrustedPublicKey { get; internal set; }

    public EndpointReference HttpEndpoint => _http ??= new(this, EmulatorHost.HttpEndpointName);

    /// <summary>The Kafka listener clients dial: the embedded broker's, or the container's.</summary>
    public EndpointReference KafkaEndpoint =>
        KafkaContainer is { } container
            ? new(container, EmulatorHost.KafkaEndpointName, KnownNetworkIdentifiers.LocalhostNetwork)
            : new(this, EmulatorHost.KafkaEndpointName);

    /// <summary>The REST API (and the stream's messages endpoint): <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public ReferenceExpression Url => ReferenceExpression.Create($"http://{EmulatorHost.Address}:{HttpEndpoint.Property(EndpointProperty.Port)}");

    /// <summary><c>127.0.0.1:&lt;kafka port&gt;</c>.</summary>
    public ReferenceExpression BootstrapServers => ReferenceExpression.Create($"{EmulatorHost.Address}:{KafkaEndpoint.Property(EndpointProperty.Port)}");

    public ReferenceExpression ConnectionStringExpression => Service.ConnectionStringExpression;
}

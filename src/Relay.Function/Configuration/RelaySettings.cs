namespace DevHarness.Relay.Configuration;

/// <summary>
/// Everything the relay is configured with, read once at start from .NET configuration (environment
/// variables with <c>__</c>, <c>appsettings.json</c>, command line), the original function's variables and
/// the Aspire connection strings, by <see cref="RelaySettingsReader"/>.
/// </summary>
internal sealed record RelaySettings
{
    /// <summary>The default for <c>Relay:MaxInlineBytes</c>: 50 MiB.</summary>
    public const long DefaultMaxInlineBytes = 52_428_800;

    /// <summary>The default for <c>Stream:Topic</c>, the stream name the stand-in creates.</summary>
    public const string DefaultTopic = "relay";

    /// <summary>
    /// OCI Functions' default function timeout (docs/oci-facts.md §8.3), the default for
    /// <c>Relay:DefaultDeadlineSeconds</c>: a call without <c>Fn-Deadline</c> is held no longer than the platform would.
    /// </summary>
    public static readonly TimeSpan FunctionsDefaultTimeout = TimeSpan.FromSeconds(30);

    public RelayFormat Format { get; init; } = RelayFormat.CloudEvents;

    /// <summary>Objects larger than this are relayed as a reference message, not copied.</summary>
    public long MaxInlineBytes { get; init; } = DefaultMaxInlineBytes;

    public PublisherKind Publisher { get; init; } = PublisherKind.Kafka;

    /// <summary>How long a call without (or with an unreadable) <c>Fn-Deadline</c> may take before it is answered 504.</summary>
    public TimeSpan DefaultDeadline { get; init; } = FunctionsDefaultTimeout;

    /// <summary>The Object Storage endpoint, or null to derive it from the region.</summary>
    public Uri? ObjectStorageEndpoint { get; init; }

    public string? BootstrapServers { get; init; }

    public string Topic { get; init; } = DefaultTopic;

    /// <summary>The stream's messages endpoint for the REST publisher.</summary>
    public Uri? StreamEndpoint { get; init; }

    public string? StreamId { get; init; }

    public string? SaslUsername { get; init; }

    public string? AuthToken { get; init; }

    /// <summary>How long the Kafka producer keeps trying to deliver a message before the invocation fails.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(25);

    public OciAuthMode Auth { get; init; } = OciAuthMode.Auto;

    public string? ConfigFile { get; init; }

    public string? Profile { get; init; }

    public string? Region { get; init; }

    /// <summary>API key given field by field (the original function's <c>OCI_*</c> variables).</summary>
    public string? TenancyId { get; init; }

    public string? UserId { get; init; }

    public string? Fingerprint { get; init; }

    public string? KeyFile { get; init; }

    public string? Passphrase { get; init; }

    /// <summary>True when every field of an inline API key is present.</summary>
    public bool HasInlineApiKey =>
        TenancyId is not null && UserId is not null && Fingerprint is not null && KeyFile is not null;
}

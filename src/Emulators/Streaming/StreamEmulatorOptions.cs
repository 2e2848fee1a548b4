using DevHarness.KafkaBroker;

namespace DevHarness.Emulators.Streaming;

/// <summary>How to start a <see cref="StreamEmulator"/>; ports 0 pick random free ports (tests).</summary>
internal sealed record StreamEmulatorOptions
{
    public const int DefaultPort = 10101;
    public const int DefaultKafkaPort = 10109;

    /// <summary>Address the facade and the embedded broker bind.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>REST facade port (and <c>/health</c>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The embedded broker's bootstrap port.</summary>
    public int KafkaPort { get; init; } = DefaultKafkaPort;

    /// <summary>When set, no embedded broker: the facade fronts this existing broker.</summary>
    public string? KafkaBootstrap { get; init; }

    public IReadOnlyList<StreamDefinition> Streams { get; init; } = [StreamDefinition.Default];

    /// <summary>Where the embedded broker keeps its log and committed offsets; null: a temporary folder removed at exit.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The embedded broker's retention by age, in hours (1-168).</summary>
    public int RetentionHours { get; init; } = BrokerOptions.DefaultRetentionHours;

    /// <summary>The embedded broker's optional retention by size, per partition.</summary>
    public long? RetentionBytes { get; init; }

    /// <summary>Whether the embedded broker creates unknown topics Kafka clients produce to (OCI does not).</summary>
    public bool AutoCreateTopics { get; init; }

    /// <summary>A PEM public key file; when set, requests must carry a valid OCI signature.</summary>
    public string? VerifySignaturesPublicKeyPath { get; init; }

    /// <summary>The clock cursors are issued and expired by, and the embedded broker's retention runs on (tests inject a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

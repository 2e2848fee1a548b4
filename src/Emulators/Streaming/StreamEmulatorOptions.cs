namespace DevHarness.Emulators.Streaming;

/// <summary>How to start a <see cref="StreamEmulator"/>; ports 0 pick random free ports (tests).</summary>
internal sealed record StreamEmulatorOptions
{
    public const int DefaultPort = 10101;
    public const int DefaultKafkaPort = 10109;

    /// <summary>Address the facade and the embedded broker's forwarder bind.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>REST facade port (and <c>/health</c>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The embedded broker's stable bootstrap port.</summary>
    public int KafkaPort { get; init; } = DefaultKafkaPort;

    /// <summary>When set, no embedded broker: the facade fronts this existing broker.</summary>
    public string? KafkaBootstrap { get; init; }

    public IReadOnlyList<StreamDefinition> Streams { get; init; } = [StreamDefinition.Default];

    /// <summary>A PEM public key file; when set, requests must carry a valid OCI signature.</summary>
    public string? VerifySignaturesPublicKeyPath { get; init; }

    /// <summary>The clock cursors are issued and expired by (tests inject a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often the embedded broker's low watermarks are checked for trimming.</summary>
    public TimeSpan TrimCheckInterval { get; init; } = TimeSpan.FromSeconds(1);
}

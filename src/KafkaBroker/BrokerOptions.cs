namespace DevHarness.KafkaBroker;

/// <summary>How to start a <see cref="Broker"/>.</summary>
public sealed record BrokerOptions
{
    /// <summary>
    /// OCI's limit on one message, key plus value as decoded bytes (docs/oci-facts.md §2.5): a record whose
    /// key and value together exceed it is refused with MESSAGE_TOO_LARGE, exactly 1 MiB passes.
    /// </summary>
    public const int MaxMessageBytes = 1024 * 1024;

    /// <summary>OCI's default and longest retention, in hours (docs/oci-facts.md §2.5); 1 h is allowed here for local work.</summary>
    public const int DefaultRetentionHours = 24;
    public const int MinRetentionHours = 1;
    public const int MaxRetentionHours = 168;

    /// <summary>Address to listen on; a wildcard address advertises 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The bootstrap port (0: any free port).</summary>
    public int Port { get; init; } = 10109;

    /// <summary>
    /// Where the log and committed offsets live. Null: a temporary folder, deleted when the broker stops
    /// (the log is still on disk, so memory stays flat however much is produced).
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Topics that exist from the start, with their partition counts.</summary>
    public IReadOnlyList<TopicDefinition> Topics { get; init; } = [];

    /// <summary>Whether producing to, or asking metadata for, an unknown topic creates it (with one partition); OCI does not.</summary>
    public bool AutoCreateTopics { get; init; }

    /// <summary>Messages older than this are deleted, a whole segment at a time, never earlier.</summary>
    public int RetentionHours { get; init; } = DefaultRetentionHours;

    /// <summary>When set, also keeps each partition under this many bytes by deleting its oldest segments.</summary>
    public long? RetentionBytes { get; init; }

    /// <summary>The size at which a partition's log rolls to a new segment file (retention deletes whole segments).</summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks the options, naming the command-line option to fix.</summary>
    public void Validate()
    {
        if (RetentionHours is < MinRetentionHours or > MaxRetentionHours)
        {
            throw new ArgumentException($"--retention-hours must be from {MinRetentionHours} to {MaxRetentionHours} (OCI keeps a stream 24 hours to 7 days), not {RetentionHours}.");
        }

        if (RetentionBytes is < MaxMessageBytes)
        {
            throw new ArgumentException($"--retention-bytes must be at least {MaxMessageBytes} (one 1 MiB message), not {RetentionBytes}.");
        }

        // The segment index records positions as 32-bit numbers.
        if (SegmentBytes is < 1024 or > int.MaxValue / 2)
        {
            throw new ArgumentException($"SegmentBytes must be from 1024 to 1 GiB, not {SegmentBytes}.");
        }

        foreach (var topic in Topics)
        {
            topic.Validate();
        }
    }
}

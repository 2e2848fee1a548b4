namespace DevHarness.Emulators.Replay;

/// <summary>Settings of a replay run (the <c>replay</c> subcommand's options).</summary>
internal sealed class ReplayOptions
{
    /// <summary>The function (<c>http://…/call</c> or <c>unix:/…/lsnr.sock</c>) or the events emulator's <c>/events</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The Object Storage emulator to seed fixture objects into; no seeding when absent.</summary>
    public Uri? ObjectStorageUrl { get; init; }

    /// <summary>Where fixture objects live: <c>DIR/&lt;bucket&gt;/&lt;object name&gt;</c> (default: <c>objects</c> beside the events directory).</summary>
    public string? ObjectsDirectory { get; init; }

    public string? Namespace { get; init; }

    public string? Bucket { get; init; }

    public int Concurrency { get; init; } = 1;

    /// <summary>Invocations started per second at most; unlimited when null.</summary>
    public double? Rate { get; init; }

    public int Repeat { get; init; } = 1;

    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

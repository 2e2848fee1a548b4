namespace DevHarness.Emulators.Events;

/// <summary>Settings of the <c>events</c> emulator (README "Events emulator").</summary>
internal sealed class EventsEmulatorOptions
{
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port; the started emulator reports it in <see cref="EventsEmulator.Url"/>.</summary>
    public int Port { get; set; } = 10102;

    /// <summary>The rules file; without it, <see cref="RulesFile.DefaultRule"/> sends to <see cref="Target"/>.</summary>
    public string? RulesFile { get; set; }

    /// <summary>Rules given directly (tests, AppHost); take precedence over <see cref="RulesFile"/>.</summary>
    public IReadOnlyList<EventRule>? Rules { get; set; }

    public string Target { get; set; } = Events.RulesFile.DefaultTarget;

    /// <summary>Attempts per invocation (the first included) before it becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry; doubled each time, with jitter, capped at 10 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a function may take (sent as <c>Fn-Deadline</c>; OCI's default sync timeout is 30 s).</summary>
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Enough in flight to keep a warm relay busy on a small machine (the loop bench), few enough to stay polite.</summary>
    public const int DefaultConcurrency = 16;

    /// <summary>Invocations in flight at once (lanes; one object's events always share a lane).</summary>
    public int Concurrency { get; set; } = DefaultConcurrency;

    /// <summary>
    /// A queued event holds its body (about 1.5 KB) and a little bookkeeping, so 1,024 of them stay within a
    /// few MiB, while still covering half a second of uploads at 2,000 a second: a burst is absorbed, and the
    /// lanes never run dry while whoever posts (Object Storage) is waiting for room.
    /// </summary>
    public const int DefaultQueueLimit = 1024;

    /// <summary>
    /// Events accepted but not yet being invoked, across all lanes (each lane holds its share, at least one).
    /// When an event's lane is full, <c>POST /events</c> waits for room before it answers.
    /// </summary>
    public int QueueLimit { get; set; } = DefaultQueueLimit;

    /// <summary>PEM files of public keys; when not empty, the admin endpoints require a signature by one of them.</summary>
    public IList<string> TrustedPublicKeyFiles { get; init; } = [];

    /// <summary>Where dead letters are kept across restarts (<see cref="DeadLetterStore"/>); memory only when null.</summary>
    public string? DataDirectory { get; set; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every problem with the settings, each naming its option; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxAttempts < 1)
        {
            problems.Add($"--max-attempts must be at least 1 (the first invocation is an attempt), not {MaxAttempts}.");
        }

        if (Concurrency < 1)
        {
            problems.Add($"--concurrency must be at least 1, not {Concurrency}.");
        }

        if (QueueLimit < 1)
        {
            problems.Add($"--queue-limit must be at least 1, not {QueueLimit}.");
        }

        if (Rules?.SelectMany(r => r.Targets).FirstOrDefault(t => !FunctionTarget.IsValid(t)) is { } badTarget)
        {
            problems.Add($"the rule target '{badTarget}' is not an http(s) URL or unix:/path/to/lsnr.sock.");
        }

        if (Rules is { Count: 0 })
        {
            problems.Add("no rules were given: an events emulator without rules would accept every event and invoke nothing.");
        }

        return problems;
    }
}

namespace DevHarness.Oci;

/// <summary>
/// How the OCI clients retry transient failures (429, 408, 500, 502–504, timeouts, connection
/// failures). Defaults follow the spirit of the OCI .NET SDK's default retry (docs/oci-facts.md §2.5: a long
/// total budget, exponential backoff) while keeping single attempts bounded.
/// </summary>
public sealed class OciRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The first backoff delay; each later one doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest computed backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits for. A longer one is not waited out: the
    /// throttled answer is returned to the caller as an <see cref="OciException"/>.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>One attempt, up to the response headers (bodies are streamed and not bounded here).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The whole call, every attempt and delay included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    internal void Validate()
    {
        Require(MaxRetryAttempts >= 0, nameof(MaxRetryAttempts), "must be 0 or more");
        Require(BaseDelay > TimeSpan.Zero, nameof(BaseDelay), "must be positive");
        Require(MaxDelay >= BaseDelay, nameof(MaxDelay), "must be at least BaseDelay");
        Require(MaxRetryAfter >= TimeSpan.Zero, nameof(MaxRetryAfter), "must not be negative");
        Require(AttemptTimeout >= TimeSpan.FromMilliseconds(10), nameof(AttemptTimeout), "must be at least 10 ms");
        Require(TotalTimeout >= AttemptTimeout, nameof(TotalTimeout), "must be at least AttemptTimeout");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"OciRetryOptions.{name} {rule}.");
        }
    }
}

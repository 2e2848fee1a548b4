namespace DevHarness.Emulators.Replay;

/// <summary>The outcome of a replay run, with latency percentiles and throughput.</summary>
internal sealed record ReplaySummary(IReadOnlyList<ReplayResult> Results, TimeSpan Elapsed)
{
    public int Succeeded => Results.Count(r => r.Succeeded);

    public int Failed => Results.Count - Succeeded;

    public bool AllSucceeded => Results.Count > 0 && Failed == 0;

    public double Throughput => Elapsed > TimeSpan.Zero ? Results.Count / Elapsed.TotalSeconds : 0;

    public TimeSpan Percentile(double percentile)
    {
        if (Results.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = Results.Select(r => r.Latency).Order().ToList();
        // Nearest-rank percentile.
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

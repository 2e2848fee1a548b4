namespace DevHarness.Benchmarks;

/// <summary>The machine's load average: a figure means little without the load it was taken under.</summary>
internal static class MachineLoad
{
    /// <summary>The 1, 5 and 15 minute load averages, or "n/a" off Linux.</summary>
    public static string Describe() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

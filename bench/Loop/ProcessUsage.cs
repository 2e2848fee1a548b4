using System.Globalization;

namespace DevHarness.Benchmarks.Loop;

/// <summary>Resident memory and CPU time of a process, read from <c>/proc</c>.</summary>
internal static class ProcessUsage
{
    /// <summary>VmRSS of <paramref name="pid"/> in bytes; 0 when it has gone.</summary>
    public static long RssBytes(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>
    /// CPU time (user + system) <paramref name="pid"/> has used so far; on a loaded machine it says where the
    /// work goes far more steadily than wall-clock time. Zero when the process has gone.
    /// </summary>
    public static TimeSpan CpuTime(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        // Fields after the parenthesised command name: state is [0], utime [11], stime [12], in USER_HZ (100) ticks.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
    }

    /// <summary>The single child of a wrapper such as <c>timeout</c>, or the wrapper itself when it has none.</summary>
    public static int OnlyChild(int pid)
    {
        var path = $"/proc/{pid}/task/{pid}/children";
        return File.Exists(path) && File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var child]
            ? int.Parse(child, CultureInfo.InvariantCulture)
            : pid;
    }

    public static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture) + " MiB";
}

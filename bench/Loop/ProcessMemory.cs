using System.Globalization;

namespace DevHarness.Benchmarks.Loop;

/// <summary>Resident memory of a process, read from <c>/proc</c>.</summary>
internal static class ProcessMemory
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

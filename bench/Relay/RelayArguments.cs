using System.Globalization;

namespace DevHarness.Benchmarks.Relay;

/// <summary>Argument parsing and order statistics shared by the relay scenarios.</summary>
internal static class RelayArguments
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static string String(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return Percentile(sorted, 0.5);
    }
}

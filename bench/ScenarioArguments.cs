using System.Globalization;

namespace DevHarness.Benchmarks;

/// <summary>Argument parsing and order statistics shared by the scenarios.</summary>
internal static class ScenarioArguments
{
    public static int Int(string[] args, string name, int fallback) =>
        Value(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public static string String(string[] args, string name, string fallback) => Value(args, name) ?? fallback;

    /// <summary>The value after <paramref name="name"/>, or null when the option is absent.</summary>
    public static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
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

namespace DevHarness.Relay.Configuration;

/// <summary>
/// The relay cannot start as configured. The message lists every problem at once, each naming the
/// configuration key to set, so a user fixes them in one round.
/// </summary>
internal sealed class RelayConfigurationException(IReadOnlyList<string> problems)
    : Exception(Format(problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Format(IReadOnlyList<string> problems) =>
        $"The relay is not configured correctly ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):"
        + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
}

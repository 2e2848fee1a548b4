namespace DevHarness.AppHost;

/// <summary>
/// Every problem with the harness's settings at once, raised before any resource starts, so a user fixes
/// them in one go instead of meeting them one restart at a time.
/// </summary>
internal sealed class HarnessConfigurationException(IReadOnlyList<string> problems)
    : Exception(Format(problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Format(IReadOnlyList<string> problems) =>
        "DevHarness cannot start; fix these settings first:" + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}

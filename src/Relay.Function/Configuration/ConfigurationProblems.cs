namespace DevHarness.Relay.Configuration;

/// <summary>
/// Every configuration problem found at start, each with the key it concerns, so a later check can tell a
/// value that was given but unusable from one that was never given (and not report it twice).
/// </summary>
internal sealed class ConfigurationProblems
{
    private readonly List<(string[] Keys, string Message)> _problems = [];

    public int Count => _problems.Count;

    /// <summary>The messages, in the order found; each names the key to set.</summary>
    public IReadOnlyList<string> Messages => [.. _problems.Select(p => p.Message)];

    public void Add(string key, string message) => _problems.Add(([key], message));

    /// <summary>One problem that concerns several keys, e.g. a malformed connection string and the keys it would fill.</summary>
    public void Add(string[] keys, string message) => _problems.Add((keys, message));

    /// <summary>Whether a problem was already reported for <paramref name="key"/>.</summary>
    public bool Concern(string key) => _problems.Exists(p => p.Keys.Contains(key));
}

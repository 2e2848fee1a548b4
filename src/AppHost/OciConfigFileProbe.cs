namespace DevHarness.AppHost;

/// <summary>
/// A pre-flight look at an OCI config file (OCI-NOTES §6.2 rules: trimmed lines, <c>#</c> comments,
/// split at the first <c>=</c>, keys fall back to <c>[DEFAULT]</c>), only to name what is missing before
/// anything starts. The relay itself signs with <c>src/Oci</c>'s reader.
/// </summary>
internal sealed record OciConfigFileProbe(string? Region)
{
    private static readonly string[] RequiredKeys = ["user", "fingerprint", "key_file", "tenancy"];

    public static OciConfigFileProbe? Read(string path, string profile, string homeDirectory, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!File.Exists(path))
        {
            problems.Add($"OCI config file: {path} does not exist (create it with `oci setup config`, or set OCI_CONFIG_FILE / --oci-config-file).");
            return null;
        }

        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var name = line[1..^1].Trim();
                current = sections.TryGetValue(name, out var existing) ? existing : sections[name] = new(StringComparer.Ordinal);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && current is not null)
            {
                current[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        if (!sections.TryGetValue(profile, out var values))
        {
            var known = sections.Count == 0 ? "none" : string.Join(", ", sections.Keys);
            problems.Add($"OCI profile [{profile}] is not in {path} (profiles there: {known}).");
            return null;
        }

        sections.TryGetValue("DEFAULT", out var defaults);
        string? Get(string key) =>
            values.TryGetValue(key, out var v) ? v : defaults is not null && defaults.TryGetValue(key, out var d) ? d : null;

        var missing = RequiredKeys.Where(k => string.IsNullOrWhiteSpace(Get(k))).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"OCI profile [{profile}] in {path} lacks {string.Join(", ", missing)} (API-key auth needs user, fingerprint, key_file and tenancy).");
        }

        var keyFile = Get("key_file");
        if (!string.IsNullOrWhiteSpace(keyFile) && !File.Exists(ExpandHome(keyFile, homeDirectory)))
        {
            problems.Add($"OCI profile [{profile}]: key_file {keyFile} does not exist.");
        }

        var region = Get("region");
        return new OciConfigFileProbe(string.IsNullOrWhiteSpace(region) ? null : region);
    }

    public static string ExpandHome(string path, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path == "~" ? homeDirectory
            : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(homeDirectory, path[2..])
            : path;
    }
}

namespace DevHarness.Oci.Config;

/// <summary>
/// Reads a profile from the OCI config file (<c>~/.oci/config</c>) by the rules of the OCI SDKs
/// (docs/oci-facts.md §6.2): <c>[profile]</c> headers, <c>key=value</c> split at the first <c>=</c> with both sides
/// trimmed, blank and <c>#</c> lines ignored, keys missing from a profile taken from <c>[DEFAULT]</c>.
/// </summary>
public static class OciConfigFile
{
    /// <summary>The profile used when none is named.</summary>
    public const string DefaultProfile = "DEFAULT";

    /// <summary>Names the config file when no path is given (the SDKs' <c>OCI_CONFIG_FILE</c>).</summary>
    public const string PathVariable = "OCI_CONFIG_FILE";

    /// <summary>
    /// Loads <paramref name="profile"/> from <paramref name="path"/>; without a path, from the file named by
    /// <c>OCI_CONFIG_FILE</c>, else <c>~/.oci/config</c>, else the legacy <c>~/.oraclebmc/config</c>.
    /// A leading <c>~</c> means the home directory (<c>HOME</c>, or <c>USERPROFILE</c> on Windows).
    /// </summary>
    /// <param name="path">The config file, or null to locate it.</param>
    /// <param name="profile">The profile name (case-sensitive, as in the SDKs).</param>
    /// <param name="env">Looks up environment variables; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <exception cref="OciConfigException">No such file, a malformed file, or no such profile.</exception>
    public static OciConfigProfile Load(string? path = null, string profile = DefaultProfile, Func<string, string?>? env = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        env ??= Environment.GetEnvironmentVariable;
        var home = HomeDirectory(env);
        var file = Locate(path, env, home);

        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciConfigException($"Cannot read the OCI config file {file}: {e.Message}", file, profile, innerException: e);
        }

        var sections = Parse(lines, file);
        if (!sections.TryGetValue(profile, out var values))
        {
            var known = sections.Count == 0 ? "it has no profiles" : "it has " + string.Join(", ", sections.Keys.Select(k => $"[{k}]"));
            throw new OciConfigException($"The OCI config file {file} has no profile [{profile}]: {known}.", file, profile);
        }

        // A missing [DEFAULT] is allowed (docs/oci-facts.md §6.2): the profile then stands alone.
        sections.TryGetValue(DefaultProfile, out var defaults);
        return new OciConfigProfile(file, profile, values, profile == DefaultProfile ? null : defaults, home, env);
    }

    /// <summary>Replaces a leading <c>~</c> (alone or before a separator) with <paramref name="home"/>.</summary>
    internal static string ExpandHome(string path, string home)
    {
        if (path == "~")
        {
            return home;
        }

        return path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal)
            ? Path.Combine(home, path[2..])
            : path;
    }

    private static string HomeDirectory(Func<string, string?> env) =>
        env("HOME") is { Length: > 0 } home ? home
        : env("USERPROFILE") is { Length: > 0 } profile ? profile
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static string Locate(string? path, Func<string, string?> env, string home)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            var given = ExpandHome(path.Trim(), home);
            return File.Exists(given) ? given : throw new OciConfigException($"The OCI config file {given} does not exist.", given, null);
        }

        if (env(PathVariable) is { Length: > 0 } fromEnv)
        {
            var named = ExpandHome(fromEnv.Trim(), home);
            return File.Exists(named)
                ? named
                : throw new OciConfigException($"The OCI config file {named} named by {PathVariable} does not exist.", named, null);
        }

        var standard = Path.Combine(home, ".oci", "config");
        if (File.Exists(standard))
        {
            return standard;
        }

        var legacy = Path.Combine(home, ".oraclebmc", "config");
        return File.Exists(legacy)
            ? legacy
            : throw new OciConfigException(
                $"No OCI config file: neither {standard} nor {legacy} exists. Create one with `oci setup config`, or name one with {PathVariable}.",
                null,
                null);
    }

    private static Dictionary<string, Dictionary<string, string>> Parse(string[] lines, string file)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var sectionLines = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        string? currentName = null;

        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var line = lines[index].Trim();

            // '#' is the SDKs' comment; ';' is accepted too because the OCI CLI (Python configparser) does.
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']')
                {
                    throw Malformed(file, number, $"'{line}' opens a profile header but does not close it with ']'");
                }

                var name = line[1..^1].Trim();
                if (name.Length == 0)
                {
                    throw Malformed(file, number, "a profile header has an empty name");
                }

                if (!sectionLines.TryAdd(name, number))
                {
                    throw Malformed(file, number, $"profile [{name}] appears a second time (first at line {sectionLines[name]})");
                }

                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                currentName = name;
                sections[name] = current;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw Malformed(file, number, $"'{line}' is neither a [profile] header nor key=value");
            }

            var key = line[..equals].Trim();
            if (key.Length == 0)
            {
                throw Malformed(file, number, $"'{line}' has no key before '='");
            }

            if (current is null)
            {
                throw Malformed(file, number, $"'{key}' comes before any [profile] header");
            }

            if (!current.TryAdd(key, line[(equals + 1)..].Trim()))
            {
                throw Malformed(file, number, $"key {key} appears twice in profile [{currentName}]");
            }
        }

        return sections;
    }

    private static OciConfigException Malformed(string file, int line, string problem) =>
        new($"The OCI config file {file}, line {line}: {problem}.", file, null);
}

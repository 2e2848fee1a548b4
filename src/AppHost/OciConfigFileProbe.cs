using DevHarness.Oci.Config;

namespace DevHarness.AppHost;

/// <summary>
/// A pre-flight look at the OCI config file through <c>src/Oci</c>'s reader (the one the relay signs
/// with), only to name everything that is missing before anything starts.
/// </summary>
internal sealed record OciConfigFileProbe(string? Region)
{
    public static OciConfigFileProbe? Read(string path, string profile, Func<string, string?> environment, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!File.Exists(path))
        {
            problems.Add($"OCI config file: {path} does not exist (create it with `oci setup config`, or set OCI_CONFIG_FILE / --oci-config-file).");
            return null;
        }

        OciConfigProfile values;
        try
        {
            values = OciConfigFile.Load(path, profile, environment);
        }
        catch (OciConfigException ex)
        {
            problems.Add(ex.Message);
            return null;
        }

        var missing = new (string Key, string? Value)[]
            {
                ("user", values.User), ("fingerprint", values.Fingerprint), ("key_file", values.KeyFile), ("tenancy", values.Tenancy),
            }
            .Where(k => k.Value is null)
            .Select(k => k.Key)
            .ToList();
        if (missing.Count > 0)
        {
            problems.Add($"OCI profile [{profile}] in {path} lacks {string.Join(", ", missing)} (API-key auth needs user, fingerprint, key_file and tenancy).");
        }

        if (values.KeyFile is { } keyFile && !File.Exists(keyFile))
        {
            problems.Add($"OCI profile [{profile}]: key_file {keyFile} does not exist.");
        }

        return new OciConfigFileProbe(values.Region);
    }
}

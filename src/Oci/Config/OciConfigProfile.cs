using DevHarness.Oci.Auth;

namespace DevHarness.Oci.Config;

/// <summary>
/// One profile of the OCI config file, with <c>[DEFAULT]</c> filling the keys it lacks. Paths have a
/// leading <c>~</c> expanded.
/// </summary>
public sealed class OciConfigProfile
{
    private static readonly string[] ApiKeyRequired = ["user", "fingerprint", "key_file", "tenancy"];
    private static readonly string[] SessionRequired = ["key_file"];

    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly IReadOnlyDictionary<string, string>? _defaults;
    private readonly string _home;
    private readonly Func<string, string?> _env;

    internal OciConfigProfile(
        string filePath, string name, IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string>? defaults, string home, Func<string, string?> env)
    {
        FilePath = filePath;
        Name = name;
        _values = values;
        _defaults = defaults;
        _home = home;
        _env = env;
    }

    /// <summary>The config file the profile was read from.</summary>
    public string FilePath { get; }

    /// <summary>The profile name.</summary>
    public string Name { get; }

    /// <summary>A key's value (profile first, then <c>[DEFAULT]</c>), as written; null when absent. Keys are case-insensitive.</summary>
    public string? this[string key] =>
        _values.TryGetValue(key, out var value) ? value
        : _defaults is not null && _defaults.TryGetValue(key, out var fallback) ? fallback
        : null;

    /// <summary>Every key the profile has, its own and inherited from <c>[DEFAULT]</c>.</summary>
    public IReadOnlyCollection<string> Keys =>
        _values.Keys.Union(_defaults?.Keys ?? [], StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary><c>user</c>: the user OCID.</summary>
    public string? User => NonEmpty("user");

    /// <summary><c>fingerprint</c>: the API key's fingerprint.</summary>
    public string? Fingerprint => NonEmpty("fingerprint");

    /// <summary><c>key_file</c>, <c>~</c> expanded.</summary>
    public string? KeyFile => Expand(NonEmpty("key_file"));

    /// <summary><c>tenancy</c>: the tenancy OCID.</summary>
    public string? Tenancy => NonEmpty("tenancy");

    /// <summary><c>region</c>; when the profile has none, the <c>OCI_REGION</c> environment variable (as the .NET SDK does).</summary>
    public string? Region => NonEmpty("region") ?? (_env("OCI_REGION") is { Length: > 0 } region ? region : null);

    /// <summary><c>pass_phrase</c>: the passphrase of an encrypted key.</summary>
    public string? PassPhrase => NonEmpty("pass_phrase");

    /// <summary><c>security_token_file</c>, <c>~</c> expanded: set for a CLI session profile.</summary>
    public string? SecurityTokenFile => Expand(NonEmpty("security_token_file"));

    /// <summary>
    /// The key provider the profile describes: <see cref="SessionTokenKeyProvider"/> when it has a
    /// <c>security_token_file</c>, otherwise <see cref="ApiKeyProvider"/>.
    /// </summary>
    /// <param name="verifyFingerprint">False skips the API key fingerprint check (only for OCI's test vectors).</param>
    /// <param name="time">The clock session token expiry is checked against.</param>
    /// <exception cref="OciConfigException">Keys are missing (all of them are named), or the key or token cannot be used.</exception>
    public IKeyProvider CreateKeyProvider(bool verifyFingerprint = true, TimeProvider? time = null)
    {
        // The .NET SDK reads authentication_type=instance_principal (docs/oci-facts.md §6.2); instance principals
        // exist only on OCI compute instances, which DevHarness does not target.
        if (NonEmpty("authentication_type") is { } authenticationType)
        {
            throw new OciConfigException(
                $"{Where}: authentication_type={authenticationType} is not supported; use an API key profile "
                + "(user, fingerprint, key_file, tenancy) or a session profile (security_token_file, key_file).",
                FilePath,
                Name);
        }

        var session = SecurityTokenFile is not null;
        var missing = (session ? SessionRequired : ApiKeyRequired).Where(key => NonEmpty(key) is null).ToList();
        if (missing.Count > 0)
        {
            throw new OciConfigException(
                $"{Where}: missing {string.Join(", ", missing)} (set {(missing.Count == 1 ? "it" : "them")} in [{Name}] or in [DEFAULT]).",
                FilePath,
                Name,
                missing);
        }

        var keyFile = KeyFile!;
        if (!File.Exists(keyFile))
        {
            throw new OciConfigException($"{Where}: key_file {keyFile} does not exist.", FilePath, Name);
        }

        try
        {
            return session
                ? new SessionTokenKeyProvider(SecurityTokenFile!, keyFile, PassPhrase, Tenancy, Region, time)
                : ApiKeyProvider.FromPemFile(Tenancy!, User!, Fingerprint!, keyFile, PassPhrase, Region, verifyFingerprint);
        }
        catch (OciCredentialException e)
        {
            throw new OciConfigException($"{Where}: {e.Message}", FilePath, Name, innerException: e);
        }
    }

    private string Where => $"OCI config file {FilePath}, profile [{Name}]";

    private string? NonEmpty(string key) => this[key] is { Length: > 0 } value ? value : null;

    private string? Expand(string? path) => path is null ? null : OciConfigFile.ExpandHome(path, _home);
}

using System.Security.Cryptography;

namespace DevHarness.Oci.Auth;

/// <summary>
/// Resource principal v2.2, the credential OCI Functions gives a function (docs/oci-facts.md §6.1): a session token
/// (RPST) and the session's private key, each in an environment variable as the value itself or as the
/// absolute path of a file that the platform rotates. keyId <c>ST$&lt;rpst&gt;</c>; tenancy from the
/// token's <c>res_tenant</c> claim. Files are re-read when they change; an expired token is refused.
/// </summary>
public sealed class ResourcePrincipalKeyProvider : IKeyProvider, IRotatingKeyProvider
{
    /// <summary>Must be <c>2.2</c>.</summary>
    public const string VersionVariable = "OCI_RESOURCE_PRINCIPAL_VERSION";

    /// <summary>The RPST, or the absolute path of a file holding it.</summary>
    public const string TokenVariable = "OCI_RESOURCE_PRINCIPAL_RPST";

    /// <summary>The session private key PEM, or the absolute path of a file holding it.</summary>
    public const string PrivateKeyVariable = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM";

    /// <summary>Optional: the key's passphrase, or a path — the same kind as <see cref="PrivateKeyVariable"/>.</summary>
    public const string PassphraseVariable = "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE";

    /// <summary>The region id or short code.</summary>
    public const string RegionVariable = "OCI_RESOURCE_PRINCIPAL_REGION";

    /// <summary>The only version supported: what OCI Functions sets.</summary>
    public const string SupportedVersion = "2.2";

    private readonly TokenCredential _credential;

    /// <summary>Reads the resource principal settings and loads the token and key once, so bad settings fail here.</summary>
    /// <param name="environment">Looks up an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <param name="time">The clock the token's <c>exp</c> is checked against; the system clock when null.</param>
    /// <exception cref="OciCredentialException">A setting is missing, mixed, unreadable or malformed, or the token has expired.</exception>
    public ResourcePrincipalKeyProvider(Func<string, string?>? environment = null, TimeProvider? time = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var version = Get(VersionVariable);
        var token = Get(TokenVariable);
        var key = Get(PrivateKeyVariable);
        var passphrase = Get(PassphraseVariable);
        var region = Get(RegionVariable);

        var missing = new[] { (VersionVariable, version), (TokenVariable, token), (PrivateKeyVariable, key), (RegionVariable, region) }
            .Where(setting => setting.Item2 is null)
            .Select(setting => setting.Item1)
            .ToList();
        if (missing.Count > 0)
        {
            throw new OciCredentialException(
                $"Resource principal authentication needs {string.Join(", ", missing)}, which {(missing.Count == 1 ? "is" : "are")} not set. "
                + "OCI Functions sets them inside a function; elsewhere use an API key (config file profile) instead.");
        }

        if (version != SupportedVersion)
        {
            throw new OciCredentialException(
                $"{VersionVariable} is '{version}', but only resource principal version {SupportedVersion} (what OCI Functions uses) is supported.");
        }

        // docs/oci-facts.md §6.1: the SDKs refuse a key given one way and its passphrase the other.
        if (passphrase is not null && Path.IsPathRooted(key) != Path.IsPathRooted(passphrase))
        {
            throw new OciCredentialException(
                $"Cannot mix path and constant settings for {PrivateKeyVariable} and {PassphraseVariable}: both must be absolute file paths, or both must be values.");
        }

        try
        {
            Region = Regions.Region.Parse(region!).Id;
        }
        catch (FormatException e)
        {
            throw new OciCredentialException($"{RegionVariable}: {e.Message}", e);
        }

        _credential = new TokenCredential(
            CredentialSource.FromSetting(TokenVariable, token!),
            CredentialSource.FromSetting(PrivateKeyVariable, key!),
            passphrase is null ? null : CredentialSource.FromSetting(PassphraseVariable, passphrase),
            time ?? TimeProvider.System,
            "Inside OCI Functions the platform rotates the token file; outside it, issue a new token.");

        if (_credential.Current().Token.Claim("res_tenant") is null)
        {
            throw new OciCredentialException($"The resource principal token from {TokenVariable} has no res_tenant claim, so its tenancy is unknown.");
        }
    }

    /// <summary><c>ST$&lt;rpst&gt;</c> with the current token.</summary>
    /// <exception cref="OciCredentialException">The token has expired or a rotated file is unreadable.</exception>
    public string KeyId => _credential.Current().KeyId;

    /// <inheritdoc />
    public RSA PrivateKey => _credential.Current().Key;

    /// <inheritdoc />
    (string KeyId, RSA PrivateKey) IRotatingKeyProvider.CurrentKeyPair()
    {
        var (keyId, _, key) = _credential.Current();
        return (keyId, key);
    }

    /// <summary>The token's <c>res_tenant</c> claim.</summary>
    public string TenancyId => _credential.Current().Token.Claim("res_tenant")!;

    /// <summary>The token's <c>res_compartment</c> claim, if present.</summary>
    public string? CompartmentId => _credential.Current().Token.Claim("res_compartment");

    /// <summary>When the current token expires (its <c>exp</c> claim).</summary>
    public DateTimeOffset ExpiresAt => _credential.Current().Token.ExpiresAt;

    /// <summary>The region id from <see cref="RegionVariable"/> (a short code is turned into the id).</summary>
    public string? Region { get; }
}

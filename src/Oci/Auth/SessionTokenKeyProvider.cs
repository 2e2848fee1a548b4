using System.Security.Cryptography;

namespace DevHarness.Oci.Auth;

/// <summary>
/// A CLI session (<c>oci session authenticate</c>): the config profile's <c>security_token_file</c> and
/// <c>key_file</c> (docs/oci-facts.md §6.2). keyId <c>ST$&lt;token&gt;</c>. Both files are re-read when they change
/// (<c>oci session refresh</c> rewrites the token); an expired token is refused with the command to run.
/// </summary>
public sealed class SessionTokenKeyProvider : IKeyProvider, IRotatingKeyProvider
{
    private readonly TokenCredential _credential;
    private readonly string? _tenancyId;

    /// <summary>Loads the token and key once, so bad files fail here.</summary>
    /// <param name="securityTokenFile">The token file.</param>
    /// <param name="privateKeyFile">The session's private key PEM file.</param>
    /// <param name="passphrase">The key's passphrase, if it is encrypted.</param>
    /// <param name="tenancyId">The tenancy OCID; when null, the token's <c>tenant</c> claim.</param>
    /// <param name="region">The region id, if known.</param>
    /// <param name="time">The clock the token's <c>exp</c> is checked against; the system clock when null.</param>
    /// <exception cref="OciCredentialException">A file is missing or malformed, or the token has expired.</exception>
    public SessionTokenKeyProvider(
        string securityTokenFile, string privateKeyFile, string? passphrase = null,
        string? tenancyId = null, string? region = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(securityTokenFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyFile);
        _credential = new TokenCredential(
            CredentialSource.FromFile("security_token_file", securityTokenFile),
            CredentialSource.FromFile("key_file", privateKeyFile),
            string.IsNullOrEmpty(passphrase) ? null : CredentialSource.FromValue("pass_phrase", passphrase),
            time ?? TimeProvider.System,
            "Refresh it with `oci session refresh`, or sign in again with `oci session authenticate`.");
        _tenancyId = string.IsNullOrWhiteSpace(tenancyId) ? null : tenancyId.Trim();
        Region = region;

        if ((_tenancyId ?? _credential.Current().Token.Claim("tenant")) is null)
        {
            throw new OciCredentialException($"No tenancy: the profile names none and the session token in {securityTokenFile} has no tenant claim.");
        }
    }

    /// <summary><c>ST$&lt;token&gt;</c> with the current token.</summary>
    /// <exception cref="OciCredentialException">The token has expired or a file is unreadable.</exception>
    public string KeyId => _credential.Current().KeyId;

    /// <inheritdoc />
    public RSA PrivateKey => _credential.Current().Key;

    /// <inheritdoc />
    (string KeyId, RSA PrivateKey) IRotatingKeyProvider.CurrentKeyPair()
    {
        var (keyId, _, key) = _credential.Current();
        return (keyId, key);
    }

    /// <inheritdoc />
    public string TenancyId => _tenancyId ?? _credential.Current().Token.Claim("tenant")!;

    /// <inheritdoc />
    public string? Region { get; }

    /// <summary>When the current token expires (its <c>exp</c> claim).</summary>
    public DateTimeOffset ExpiresAt => _credential.Current().Token.ExpiresAt;
}

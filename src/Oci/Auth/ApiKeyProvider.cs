using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace DevHarness.Oci.Auth;

/// <summary>
/// A user API key: keyId <c>&lt;tenancy&gt;/&lt;user&gt;/&lt;fingerprint&gt;</c> and the user's RSA private key
/// (docs/oci-facts.md §5). The configured fingerprint is checked against the key when the provider is created,
/// so a mismatched key file fails here, with both fingerprints named, instead of as a 401 later.
/// </summary>
public sealed class ApiKeyProvider : IKeyProvider, IDisposable
{
    private readonly bool _ownsKey;

    /// <summary>Creates the provider around a key the caller owns (it is not disposed here).</summary>
    /// <param name="tenancyId">The tenancy OCID.</param>
    /// <param name="userId">The user OCID.</param>
    /// <param name="fingerprint">The API key's fingerprint as the console shows it (<c>aa:bb:…</c>).</param>
    /// <param name="privateKey">The RSA private key.</param>
    /// <param name="region">The region id the credential is used in, if known.</param>
    /// <param name="verifyFingerprint">
    /// False skips the fingerprint check: only for OCI's official signing test vectors, whose fingerprint
    /// is a dummy that belongs to no key.
    /// </param>
    /// <exception cref="OciCredentialException">The key's fingerprint is not <paramref name="fingerprint"/>.</exception>
    public ApiKeyProvider(string tenancyId, string userId, string fingerprint, RSA privateKey, string? region = null, bool verifyFingerprint = true)
        : this(tenancyId, userId, fingerprint, privateKey, region, verifyFingerprint, ownsKey: false)
    {
    }

    private ApiKeyProvider(string tenancyId, string userId, string fingerprint, RSA privateKey, string? region, bool verifyFingerprint, bool ownsKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenancyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        ArgumentNullException.ThrowIfNull(privateKey);

        if (verifyFingerprint)
        {
            var actual = ComputeFingerprint(privateKey);
            if (!actual.Equals(fingerprint.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                throw new OciCredentialException(
                    $"The private key's fingerprint is {actual}, but the configured fingerprint is {fingerprint.Trim()}: "
                    + "the key and the fingerprint belong to different API keys. Use the key file you uploaded for this "
                    + "fingerprint, or the fingerprint the console shows for this key.");
            }
        }

        TenancyId = tenancyId.Trim();
        UserId = userId.Trim();
        Fingerprint = fingerprint.Trim();
        PrivateKey = privateKey;
        Region = region;
        KeyId = $"{TenancyId}/{UserId}/{Fingerprint}";
        _ownsKey = ownsKey;
    }

    /// <summary>Reads the private key from PEM text (PKCS#1, PKCS#8, or encrypted PKCS#8 with <paramref name="passphrase"/>).</summary>
    /// <exception cref="OciCredentialException">The key cannot be read, or its fingerprint does not match.</exception>
    public static ApiKeyProvider FromPem(
        string tenancyId, string userId, string fingerprint, string privateKeyPem,
        string? passphrase = null, string? region = null, bool verifyFingerprint = true)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        return Create(tenancyId, userId, fingerprint, PrivateKeyPem.Import(privateKeyPem, passphrase, "private key"), region, verifyFingerprint);
    }

    /// <summary>Reads the private key from a PEM file; see <see cref="FromPem"/>.</summary>
    /// <exception cref="OciCredentialException">The file is missing or unreadable, or the key does not match.</exception>
    public static ApiKeyProvider FromPemFile(
        string tenancyId, string userId, string fingerprint, string privateKeyPath,
        string? passphrase = null, string? region = null, bool verifyFingerprint = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPath);
        var key = PrivateKeyPem.Import(ReadKeyFile(privateKeyPath), passphrase, $"key file {privateKeyPath}");
        return Create(tenancyId, userId, fingerprint, key, region, verifyFingerprint);
    }

    /// <summary>
    /// The OCI fingerprint of a key: MD5 over the DER SubjectPublicKeyInfo, lowercase hex pairs joined with
    /// colons — what <c>openssl rsa -pubout -outform DER | openssl md5 -c</c> prints.
    /// </summary>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "OCI defines the key fingerprint as MD5; it identifies a key, it protects nothing.")]
    public static string ComputeFingerprint(RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = MD5.HashData(key.ExportSubjectPublicKeyInfo());
        return string.Join(':', hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <inheritdoc />
    public RSA PrivateKey { get; }

    /// <inheritdoc />
    public string TenancyId { get; }

    /// <inheritdoc />
    public string? Region { get; }

    /// <summary>The user OCID.</summary>
    public string UserId { get; }

    /// <summary>The configured fingerprint.</summary>
    public string Fingerprint { get; }

    /// <summary>Disposes the key if this provider read it from PEM.</summary>
    public void Dispose()
    {
        if (_ownsKey)
        {
            PrivateKey.Dispose();
        }
    }

    internal static string ReadKeyFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciCredentialException($"Cannot read the key file {path}: {e.Message}", e);
        }
    }

    private static ApiKeyProvider Create(string tenancyId, string userId, string fingerprint, RSA key, string? region, bool verifyFingerprint)
    {
        try
        {
            return new ApiKeyProvider(tenancyId, userId, fingerprint, key, region, verifyFingerprint, ownsKey: true);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}

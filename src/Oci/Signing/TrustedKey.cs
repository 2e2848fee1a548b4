using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DevHarness.Oci.Signing;

/// <summary>A public key the <see cref="SignatureVerifier"/> accepts signatures from.</summary>
/// <param name="KeyId">
/// The keyId this key answers for (<c>tenancy/user/fingerprint</c>, or <c>ST$…</c>). Null trusts the key
/// for any keyId, session-token keyIds included: the emulators' <c>--verify-signatures PEM</c> mode.
/// </param>
/// <param name="PublicKey">The RSA public key.</param>
public sealed record TrustedKey(string? KeyId, RSA PublicKey)
{
    /// <summary>
    /// Reads a key from PEM text: a public key (<c>PUBLIC KEY</c> or <c>RSA PUBLIC KEY</c>), a certificate,
    /// or an unencrypted private key (only its public half is kept).
    /// </summary>
    /// <exception cref="ArgumentException">The text holds no usable RSA key; the message says why.</exception>
    public static TrustedKey FromPem(string pem, string? keyId = null) => new(keyId, ReadPublicKey(pem, "the PEM text"));

    /// <summary>Like <see cref="FromPem"/>, reading the file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static TrustedKey FromPemFile(string path, string? keyId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The public key file {path} does not exist.", path);
        }

        return new TrustedKey(keyId, ReadPublicKey(File.ReadAllText(path), path));
    }

    private static RSA ReadPublicKey(string pem, string source)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new ArgumentException($"There is no PEM block (-----BEGIN PUBLIC KEY----- …) in {source}.");
        }

        var label = pem[fields.Label];
        if (label == "CERTIFICATE")
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return certificate.GetRSAPublicKey() ?? throw new ArgumentException($"The certificate in {source} does not hold an RSA key.");
        }

        if (label is "ENCRYPTED PRIVATE KEY" || pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The key in {source} is an encrypted private key; give the public key instead (openssl rsa -pubout).");
        }

        using var parsed = RSA.Create();
        try
        {
            parsed.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new ArgumentException($"The '{label}' PEM block in {source} is not an RSA key: {e.Message}", e);
        }

        // Keep only the public half: a verifier has no business holding a private key.
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(parsed.ExportSubjectPublicKeyInfo(), out _);
        return publicKey;
    }
}

using System.Security.Cryptography;

namespace DevHarness.Oci.Auth;

/// <summary>Reads an RSA private key from PEM, turning every way it can fail into a sentence a user can act on.</summary>
internal static class PrivateKeyPem
{
    /// <param name="pem">PKCS#1 (<c>RSA PRIVATE KEY</c>), PKCS#8 (<c>PRIVATE KEY</c>) or encrypted PKCS#8 (<c>ENCRYPTED PRIVATE KEY</c>).</param>
    /// <param name="passphrase">The passphrase of an encrypted key; ignored for an unencrypted one, as the OCI SDKs do.</param>
    /// <param name="source">Names the key in messages, e.g. <c>key file /home/me/.oci/key.pem</c>.</param>
    /// <exception cref="OciCredentialException">The key cannot be read; the message says why.</exception>
    public static RSA Import(string pem, string? passphrase, string source)
    {
        // Legacy OpenSSL encryption ("Proc-Type: 4,ENCRYPTED" inside a PKCS#1 block) has no .NET reader.
        if (pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new OciCredentialException(
                $"The {source} is encrypted in the legacy OpenSSL format, which .NET cannot read. Convert it to encrypted PKCS#8 "
                + "with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.pem -out new.pem` (it asks for the old and a new passphrase).");
        }

        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new OciCredentialException($"The {source} contains no PEM private key (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----).");
        }

        var label = pem[fields.Label];
        var rsa = RSA.Create();
        try
        {
            switch (label)
            {
                case "RSA PRIVATE KEY" or "PRIVATE KEY":
                    rsa.ImportFromPem(pem);
                    break;
                case "ENCRYPTED PRIVATE KEY" when string.IsNullOrEmpty(passphrase):
                    throw new OciCredentialException($"The {source} is encrypted and no passphrase was given (pass_phrase in the config file).");
                case "ENCRYPTED PRIVATE KEY":
                    rsa.ImportFromEncryptedPem(pem, passphrase);
                    break;
                case "PUBLIC KEY" or "RSA PUBLIC KEY":
                    throw new OciCredentialException($"The {source} holds a public key; signing needs the private key (the file you generated the API key from).");
                default:
                    throw new OciCredentialException($"The {source} holds a '{label}' PEM block, not an RSA private key.");
            }
        }
        catch (CryptographicException e)
        {
            rsa.Dispose();
            throw new OciCredentialException(
                label == "ENCRYPTED PRIVATE KEY"
                    ? $"The passphrase does not decrypt the {source}."
                    : $"The {source} is not a readable RSA private key: {e.Message}",
                e);
        }
        catch (ArgumentException e)
        {
            rsa.Dispose();
            throw new OciCredentialException($"The {source} is not an RSA private key (OCI API keys are RSA): {e.Message}", e);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }

        return rsa;
    }
}

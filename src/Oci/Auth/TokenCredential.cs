using System.Security.Cryptography;

namespace DevHarness.Oci.Auth;

/// <summary>
/// A session token and the private key it was issued for, kept current as their sources rotate, and
/// refused once the token's <c>exp</c> has passed. Shared by resource principals and CLI session tokens.
/// </summary>
internal sealed class TokenCredential(
    CredentialSource token, CredentialSource key, CredentialSource? passphrase, TimeProvider time, string expiredAdvice)
{
    private readonly Lock _gate = new();
    private (int Token, int Key, int Passphrase) _versions = (-1, -1, -1);
    private SecurityToken? _token;
    private RSA? _key;

    /// <summary>The keyId, token and key to sign the next request with.</summary>
    /// <exception cref="OciCredentialException">A source is unreadable or malformed, or the token has expired.</exception>
    public (string KeyId, SecurityToken Token, RSA Key) Current()
    {
        lock (_gate)
        {
            var (tokenText, tokenVersion) = token.Read();
            var (keyText, keyVersion) = key.Read();
            (string? passphraseText, var passphraseVersion) = passphrase is null ? (null, 0) : passphrase.Read();

            if (tokenVersion != _versions.Token || _token is null)
            {
                _token = SecurityToken.Parse(tokenText, token.Description);
            }

            if (keyVersion != _versions.Key || passphraseVersion != _versions.Passphrase || _key is null)
            {
                // The previous key is not disposed: a request being signed on another thread may hold it.
                // A passphrase file ends with a newline that is not part of the passphrase; spaces may be.
                _key = PrivateKeyPem.Import(keyText, passphraseText?.TrimEnd('\r', '\n'), $"private key from {key.Description}");
            }

            _versions = (tokenVersion, keyVersion, passphraseVersion);

            var now = time.GetUtcNow();
            if (now >= _token.ExpiresAt)
            {
                throw new OciCredentialException(
                    $"The session token from {token.Description} expired at {_token.ExpiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'} "
                    + $"({(long)(now - _token.ExpiresAt).TotalSeconds} seconds ago). {expiredAdvice}");
            }

            return ("ST$" + _token.Token, _token, _key);
        }
    }
}

using System.Security.Cryptography;

namespace DevHarness.Oci.Auth;

/// <summary>
/// A provider whose token and key rotate together. The signer asks it for both in one call, so a
/// rotation between reading <see cref="IKeyProvider.KeyId"/> and <see cref="IKeyProvider.PrivateKey"/>
/// cannot pair a new token with an old key.
/// </summary>
internal interface IRotatingKeyProvider : IKeyProvider
{
    /// <summary>The keyId and the key that belongs to it, read together.</summary>
    (string KeyId, RSA PrivateKey) CurrentKeyPair();
}

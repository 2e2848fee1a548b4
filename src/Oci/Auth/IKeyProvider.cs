using System.Security.Cryptography;

namespace DevHarness.Oci.Auth;

/// <summary>
/// What the request signer needs from any credential source: the <c>keyId</c> to name and the RSA key
/// to sign with. API keys answer <c>tenancy/user/fingerprint</c>; resource principals and session
/// tokens answer <c>ST$&lt;token&gt;</c> and may rotate, so both are read per request (<see cref="KeyId"/>
/// first: rotating providers refresh their token and key together on that read). A rotating provider
/// throws <see cref="OciCredentialException"/> from these members once its token has expired or a
/// rotated file cannot be read.
/// </summary>
public interface IKeyProvider
{
    /// <summary>The <c>keyId</c> signature parameter for the next request.</summary>
    string KeyId { get; }

    /// <summary>The private key for the next request (the same instance until the key rotates).</summary>
    RSA PrivateKey { get; }

    /// <summary>The tenancy OCID this credential belongs to.</summary>
    string TenancyId { get; }

    /// <summary>The region id (e.g. <c>us-phoenix-1</c>) the credential names, if any.</summary>
    string? Region { get; }
}

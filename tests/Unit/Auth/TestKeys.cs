using System.Security.Cryptography;
using DevHarness.Oci.Auth;

namespace DevHarness.Unit.Auth;

/// <summary>
/// RSA keys generated once per test run (2048-bit generation is slow on two cores); tests only ever
/// receive PEM text and import their own instances, so nothing mutable is shared.
/// </summary>
internal static class TestKeys
{
    private static readonly Lazy<(string Pkcs1, string Pkcs8, string Public, string Fingerprint)> First = new(Generate);
    private static readonly Lazy<(string Pkcs1, string Pkcs8, string Public, string Fingerprint)> Second = new(Generate);

    public static string Pkcs1Pem => First.Value.Pkcs1;

    public static string Pkcs8Pem => First.Value.Pkcs8;

    public static string PublicPem => First.Value.Public;

    public static string Fingerprint => First.Value.Fingerprint;

    public static string OtherPkcs8Pem => Second.Value.Pkcs8;

    public static string OtherPublicPem => Second.Value.Public;

    public static string EncryptedPkcs8Pem(string passphrase)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(Pkcs8Pem);
        return rsa.ExportEncryptedPkcs8PrivateKeyPem(
            passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 2048));
    }

    private static (string, string, string, string) Generate()
    {
        using var rsa = RSA.Create(2048);
        return (rsa.ExportRSAPrivateKeyPem(), rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem(), ApiKeyProvider.ComputeFingerprint(rsa));
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;
using DevHarness.Unit.Auth;

namespace DevHarness.Unit.Signing;

public sealed class TrustedKeyTests
{
    [Fact]
    public void APublicKeyFileIsRead()
    {
        var key = TrustedKey.FromPemFile(OfficialVectors.PublicKeyPath, OfficialVectors.KeyId);

        Assert.Equal(OfficialVectors.KeyId, key.KeyId);
        Assert.Equal(OfficialVectors.RealFingerprint, ApiKeyProvider.ComputeFingerprint(key.PublicKey));
    }

    [Fact]
    public void APkcs1PublicKeyIsRead()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.Pkcs8Pem);

        var key = TrustedKey.FromPem(rsa.ExportRSAPublicKeyPem());

        Assert.Null(key.KeyId);
        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(key.PublicKey));
    }

    [Fact]
    public void APrivateKeyFileIsReducedToItsPublicHalf()
    {
        var key = TrustedKey.FromPemFile(OfficialVectors.PrivateKeyPath);

        Assert.Equal(OfficialVectors.RealFingerprint, ApiKeyProvider.ComputeFingerprint(key.PublicKey));
        Assert.ThrowsAny<CryptographicException>(() => key.PublicKey.ExportRSAPrivateKey());
    }

    [Fact]
    public void ACertificatesKeyIsRead()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(TestKeys.Pkcs8Pem);
        using var certificate = new CertificateRequest("CN=devharness", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var key = TrustedKey.FromPem(certificate.ExportCertificatePem());

        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(key.PublicKey));
    }

    [Fact]
    public void AnEncryptedPrivateKeyAsksForThePublicKey()
    {
        var error = Assert.Throws<ArgumentException>(() => TrustedKey.FromPem(TestKeys.EncryptedPkcs8Pem("pw")));

        Assert.Equal("The key in the PEM text is an encrypted private key; give the public key instead (openssl rsa -pubout).", error.Message);
    }

    [Fact]
    public void TextWithoutPemIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => TrustedKey.FromPem("ssh-rsa AAAA"));

        Assert.StartsWith("There is no PEM block (-----BEGIN PUBLIC KEY----- …) in the PEM text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEcKeyIsRefusedAsNotRsa()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var error = Assert.Throws<ArgumentException>(() => TrustedKey.FromPem(ec.ExportSubjectPublicKeyInfoPem()));

        Assert.StartsWith("The 'PUBLIC KEY' PEM block in the PEM text is not an RSA key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"devharness-missing-{Guid.NewGuid():N}.pem");

        var error = Assert.Throws<FileNotFoundException>(() => TrustedKey.FromPemFile(path));

        Assert.Equal($"The public key file {path} does not exist.", error.Message);
    }
}

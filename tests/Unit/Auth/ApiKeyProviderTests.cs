using System.Security.Cryptography;
using DevHarness.Oci.Auth;
using DevHarness.Unit.Signing;

namespace DevHarness.Unit.Auth;

public sealed class ApiKeyProviderTests
{
    private const string Tenancy = "ocid1.tenancy.oc1..apikey";
    private const string User = "ocid1.user.oc1..apikey";

    [Fact]
    public void TheFingerprintIsTheMd5OfThePublicKeyAsOpensslPrintsIt()
    {
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(OfficialVectors.PrivateKeyPath));

        // openssl rsa -in official-vector-private.pem -pubout -outform DER | openssl md5 -c
        Assert.Equal(OfficialVectors.RealFingerprint, ApiKeyProvider.ComputeFingerprint(key));
    }

    [Fact]
    public void Pkcs1AndPkcs8FormsOfOneKeyGiveTheSameProvider()
    {
        using var pkcs1 = ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.Pkcs1Pem, region: "us-phoenix-1");
        using var pkcs8 = ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.Pkcs8Pem);

        Assert.Equal($"{Tenancy}/{User}/{TestKeys.Fingerprint}", pkcs1.KeyId);
        Assert.Equal(pkcs1.KeyId, pkcs8.KeyId);
        Assert.Equal(pkcs1.PrivateKey.ExportRSAPrivateKey(), pkcs8.PrivateKey.ExportRSAPrivateKey());
        Assert.Equal(Tenancy, pkcs1.TenancyId);
        Assert.Equal("us-phoenix-1", pkcs1.Region);
    }

    [Fact]
    public void AFingerprintIsComparedWithoutRegardToCaseOrSurroundingSpace()
    {
        using var provider = ApiKeyProvider.FromPem(Tenancy, User, $"  {TestKeys.Fingerprint.ToUpperInvariant()} ", TestKeys.Pkcs8Pem);

        Assert.EndsWith("/" + TestKeys.Fingerprint.ToUpperInvariant(), provider.KeyId, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEncryptedKeyIsReadWithItsPassphrase()
    {
        using var provider = ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.EncryptedPkcs8Pem("s3cret!"), "s3cret!");

        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(provider.PrivateKey));
    }

    [Fact]
    public void AWrongPassphraseIsReportedAsSuch()
    {
        var error = Assert.Throws<OciCredentialException>(() =>
            ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.EncryptedPkcs8Pem("s3cret!"), "wrong"));

        Assert.Equal("The passphrase does not decrypt the private key.", error.Message);
    }

    [Fact]
    public void AnEncryptedKeyWithoutPassphraseAsksForPassPhrase()
    {
        var error = Assert.Throws<OciCredentialException>(() =>
            ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.EncryptedPkcs8Pem("s3cret!")));

        Assert.Equal("The private key is encrypted and no passphrase was given (pass_phrase in the config file).", error.Message);
    }

    [Fact]
    public void AMismatchedFingerprintNamesBothFingerprints()
    {
        var error = Assert.Throws<OciCredentialException>(() =>
            ApiKeyProvider.FromPemFile(OfficialVectors.TenancyId, OfficialVectors.UserId, OfficialVectors.Fingerprint, OfficialVectors.PrivateKeyPath));

        Assert.StartsWith(
            $"The private key's fingerprint is {OfficialVectors.RealFingerprint}, but the configured fingerprint is {OfficialVectors.Fingerprint}: ",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void TheOfficialVectorsDummyFingerprintIsAcceptedWhenTheCheckIsSkipped()
    {
        using var provider = OfficialVectors.KeyProvider();

        Assert.Equal(OfficialVectors.KeyId, provider.KeyId);
    }

    [Fact]
    public void APublicKeyIsNotMistakenForAPrivateKey()
    {
        var error = Assert.Throws<OciCredentialException>(() => ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, TestKeys.PublicPem));

        Assert.StartsWith("The private key holds a public key;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALegacyEncryptedKeyExplainsHowToConvertIt()
    {
        const string Legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";

        var error = Assert.Throws<OciCredentialException>(() => ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, Legacy, "pass"));

        Assert.Contains("openssl pkcs8 -topk8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEcKeyIsRefusedAsNotRsa()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var error = Assert.Throws<OciCredentialException>(() => ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, ec.ExportPkcs8PrivateKeyPem()));

        Assert.Contains("RSA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextWithoutPemIsRefused()
    {
        var error = Assert.Throws<OciCredentialException>(() => ApiKeyProvider.FromPem(Tenancy, User, TestKeys.Fingerprint, "not a key"));

        Assert.StartsWith("The private key contains no PEM private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingKeyFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"devharness-missing-{Guid.NewGuid():N}.pem");

        var error = Assert.Throws<OciCredentialException>(() => ApiKeyProvider.FromPemFile(Tenancy, User, TestKeys.Fingerprint, path));

        Assert.StartsWith($"Cannot read the key file {path}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyGivenByTheCallerIsNotDisposedWithTheProvider()
    {
        using var key = RSA.Create();
        key.ImportFromPem(TestKeys.Pkcs8Pem);

        new ApiKeyProvider(Tenancy, User, TestKeys.Fingerprint, key).Dispose();

        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(key));
    }
}

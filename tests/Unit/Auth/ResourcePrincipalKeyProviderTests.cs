using System.Security.Cryptography;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Unit.Auth;

public sealed class ResourcePrincipalKeyProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void InlineTokenAndKeyGiveAnStKeyIdAndTheTenancyFromResTenant()
    {
        var token = TestTokens.Create(TestTokens.Now.AddMinutes(20), tenant: "ocid1.tenancy.oc1..customer");
        var provider = new ResourcePrincipalKeyProvider(Environment(token, TestKeys.Pkcs8Pem), Clock());

        Assert.Equal("ST$" + token, provider.KeyId);
        Assert.Equal("ocid1.tenancy.oc1..customer", provider.TenancyId);
        Assert.Equal("ocid1.compartment.oc1..relay", provider.CompartmentId);
        Assert.Equal("us-phoenix-1", provider.Region);
        Assert.Equal(TestTokens.Now.AddMinutes(20), provider.ExpiresAt);
        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(provider.PrivateKey));
    }

    [Fact]
    public void AbsolutePathsAreReadAsFiles()
    {
        using var dir = new TempDirectory();
        var token = TestTokens.Create(TestTokens.Now.AddMinutes(20));
        var provider = new ResourcePrincipalKeyProvider(
            Environment(dir.Write("rpst", token + "\n"), dir.Write("private.pem", TestKeys.Pkcs1Pem)), Clock());

        Assert.Equal("ST$" + token, provider.KeyId);
        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(provider.PrivateKey));
    }

    [Fact]
    public void AShortRegionCodeBecomesTheRegionId()
    {
        var provider = new ResourcePrincipalKeyProvider(Environment(TestTokens.Create(TestTokens.Now.AddMinutes(20)), TestKeys.Pkcs8Pem, region: "FRA"), Clock());

        Assert.Equal("eu-frankfurt-1", provider.Region);
    }

    [Fact]
    public void AnUnknownRegionCodeIsRefusedWithTheVariableName()
    {
        var error = Assert.Throws<OciCredentialException>(() =>
            new ResourcePrincipalKeyProvider(Environment(TestTokens.Create(TestTokens.Now.AddMinutes(20)), TestKeys.Pkcs8Pem, region: "zzz"), Clock()));

        Assert.StartsWith("OCI_RESOURCE_PRINCIPAL_REGION: Unknown OCI region code 'zzz'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMissingVariableIsNamedAtOnce()
    {
        var error = Assert.Throws<OciCredentialException>(() => new ResourcePrincipalKeyProvider(_ => null, Clock()));

        Assert.StartsWith(
            "Resource principal authentication needs OCI_RESOURCE_PRINCIPAL_VERSION, OCI_RESOURCE_PRINCIPAL_RPST, OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM, OCI_RESOURCE_PRINCIPAL_REGION, which are not set.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyVersionTwoPointTwoIsAccepted()
    {
        var error = Assert.Throws<OciCredentialException>(() =>
            new ResourcePrincipalKeyProvider(Environment(TestTokens.Create(TestTokens.Now.AddMinutes(20)), TestKeys.Pkcs8Pem, version: "1.1"), Clock()));

        Assert.Equal("OCI_RESOURCE_PRINCIPAL_VERSION is '1.1', but only resource principal version 2.2 (what OCI Functions uses) is supported.", error.Message);
    }

    [Fact]
    public void AKeyPathWithAnInlinePassphraseCannotBeMixed()
    {
        using var dir = new TempDirectory();
        var key = dir.Write("private.pem", TestKeys.EncryptedPkcs8Pem("pw"));

        var error = Assert.Throws<OciCredentialException>(() =>
            new ResourcePrincipalKeyProvider(Environment(TestTokens.Create(TestTokens.Now.AddMinutes(20)), key, passphrase: "pw"), Clock()));

        Assert.StartsWith("Cannot mix path and constant settings for OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM and OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInlineKeyWithAPassphrasePathCannotBeMixed()
    {
        using var dir = new TempDirectory();
        var passphrase = dir.Write("passphrase", "pw");

        var error = Assert.Throws<OciCredentialException>(() =>
            new ResourcePrincipalKeyProvider(Environment(TestTokens.Create(TestTokens.Now.AddMinutes(20)), TestKeys.EncryptedPkcs8Pem("pw"), passphrase: passphrase), Clock()));

        Assert.StartsWith("Cannot mix path and constant settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEncryptedKeyIsReadWithAPassphraseOfTheSameKind()
    {
        using var dir = new TempDirectory();
        var token = TestTokens.Create(TestTokens.Now.AddMinutes(20));
        var bothPaths = new ResourcePrincipalKeyProvider(
            Environment(token, dir.Write("private.pem", TestKeys.EncryptedPkcs8Pem(" pw ")), passphrase: dir.Write("passphrase", " pw \n")), Clock());
        var bothValues = new ResourcePrincipalKeyProvider(Environment(token, TestKeys.EncryptedPkcs8Pem(" pw "), passphrase: " pw "), Clock());

        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(bothPaths.PrivateKey));
        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(bothValues.PrivateKey));
    }

    [Fact]
    public void AnExpiredTokenIsRefusedWithItsExpiry()
    {
        var token = TestTokens.Create(new DateTimeOffset(2019, 3, 15, 20, 19, 28, TimeSpan.Zero));

        var error = Assert.Throws<OciCredentialException>(() => new ResourcePrincipalKeyProvider(Environment(token, TestKeys.Pkcs8Pem), Clock()));

        Assert.StartsWith("The session token from OCI_RESOURCE_PRINCIPAL_RPST expired at 2019-03-15T20:19:28Z (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATokenThatExpiresWhileInUseIsRefusedFromThen()
    {
        var clock = Clock();
        var token = TestTokens.Create(TestTokens.Now.AddMinutes(20));
        var provider = new ResourcePrincipalKeyProvider(Environment(token, TestKeys.Pkcs8Pem), clock);
        Assert.Equal("ST$" + token, provider.KeyId);

        clock.Advance(TimeSpan.FromMinutes(21));

        var error = Assert.Throws<OciCredentialException>(() => provider.KeyId);
        Assert.Contains("(60 seconds ago)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RotatedFilesAreReadAgainAndTheNewTokenAndKeySign()
    {
        using var dir = new TempDirectory();
        var clock = Clock();
        var first = TestTokens.Create(TestTokens.Now.AddMinutes(20));
        var rpst = dir.Write("rpst", first);
        var pem = dir.Write("private.pem", TestKeys.Pkcs8Pem);
        var provider = new ResourcePrincipalKeyProvider(Environment(rpst, pem), clock);
        Assert.Equal("ST$" + first, provider.KeyId);

        // The platform rotates both files before the first token expires.
        clock.Advance(TimeSpan.FromMinutes(19));
        var second = TestTokens.Create(TestTokens.Now.AddMinutes(40));
        File.WriteAllText(rpst, second);
        File.WriteAllText(pem, TestKeys.OtherPkcs8Pem);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("ST$" + second, provider.KeyId);
        using var other = RSA.Create();
        other.ImportFromPem(TestKeys.OtherPkcs8Pem);
        Assert.Equal(ApiKeyProvider.ComputeFingerprint(other), ApiKeyProvider.ComputeFingerprint(provider.PrivateKey));
    }

    [Fact]
    public void ASymlinkRepointedToANewTokenIsFollowed()
    {
        using var dir = new TempDirectory();
        var clock = Clock();
        var first = TestTokens.Create(TestTokens.Now.AddMinutes(20));
        var second = TestTokens.Create(TestTokens.Now.AddMinutes(40));
        var link = Path.Combine(dir.Path, "rpst");
        File.CreateSymbolicLink(link, dir.Write("v1/rpst", first));
        var provider = new ResourcePrincipalKeyProvider(Environment(link, TestKeys.Pkcs8Pem), clock);
        Assert.Equal("ST$" + first, provider.KeyId);

        var next = dir.Write("v2/rpst", second);
        File.Delete(link);
        File.CreateSymbolicLink(link, next);

        Assert.Equal("ST$" + second, provider.KeyId);
    }

    [Fact]
    public async Task ReadersDuringAtomicRotationSeeAWholeTokenEveryTime()
    {
        using var dir = new TempDirectory();
        var tokens = Enumerable.Range(0, 20).Select(i => TestTokens.Create(TestTokens.Now.AddMinutes(20 + i))).ToArray();
        var rpst = dir.Write("rpst", tokens[0]);
        var provider = new ResourcePrincipalKeyProvider(Environment(rpst, TestKeys.Pkcs8Pem), Clock());
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();

        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                seen.Add(provider.KeyId);
            }
        })).ToArray();
        foreach (var token in tokens.Skip(1))
        {
            var staged = dir.Write("rpst.new", token);
            File.Move(staged, rpst, overwrite: true);
            await Task.Delay(2, Ct);
        }

        stop.Cancel();
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.All(seen, keyId => Assert.Contains(keyId[3..], tokens));
        Assert.Equal("ST$" + tokens[^1], provider.KeyId);
    }

    [Fact]
    public async Task ARequestSignedWithTheResourcePrincipalVerifiesAgainstATrustAnyKeyVerifier()
    {
        var clock = Clock();
        var token = TestTokens.Create(TestTokens.Now.AddMinutes(20));
        var provider = new ResourcePrincipalKeyProvider(Environment(token, TestKeys.Pkcs8Pem), clock);
        using var message = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:10100/n/devharness/b/uploads/o/a.json");
        await new RequestSigner(provider, clock).SignAsync(message, SigningStrategy.Standard, Ct);

        var result = new SignatureVerifier([TrustedKey.FromPem(TestKeys.PublicPem)], clock)
            .Verify(await SignedRequest.FromHttpRequestMessageAsync(message, Ct));

        Assert.True(result.IsValid, result.Failure);
        Assert.Equal("ST$" + token, result.KeyId);
    }

    [Theory]
    [InlineData("not-a-jwt", "is not a JWT (expected three dot-separated base64url parts)")]
    [InlineData("a.%%%.c", "is not a JWT: its payload is not base64url JSON")]
    public void ATokenThatIsNotAJwtIsRefused(string token, string problem)
    {
        var error = Assert.Throws<OciCredentialException>(() => new ResourcePrincipalKeyProvider(Environment(token, TestKeys.Pkcs8Pem), Clock()));

        Assert.StartsWith("The session token from OCI_RESOURCE_PRINCIPAL_RPST " + problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATokenWithoutExpIsRefused()
    {
        var token = TestTokens.Encode("{\"alg\":\"RS256\"}") + "." + TestTokens.Encode("{\"res_tenant\":\"t\"}") + ".sig";

        var error = Assert.Throws<OciCredentialException>(() => new ResourcePrincipalKeyProvider(Environment(token, TestKeys.Pkcs8Pem), Clock()));

        Assert.Equal("The session token from OCI_RESOURCE_PRINCIPAL_RPST has no numeric exp claim, so its lifetime is unknown.", error.Message);
    }

    [Fact]
    public void ATokenWithoutResTenantIsRefused()
    {
        var token = TestTokens.Create(TestTokens.Now.AddMinutes(20), tenantClaim: "tenant");

        var error = Assert.Throws<OciCredentialException>(() => new ResourcePrincipalKeyProvider(Environment(token, TestKeys.Pkcs8Pem), Clock()));

        Assert.Contains("has no res_tenant claim", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingTokenFileIsNamed()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "rpst");

        var error = Assert.Throws<OciCredentialException>(() => new ResourcePrincipalKeyProvider(Environment(missing, TestKeys.Pkcs8Pem), Clock()));

        Assert.Equal($"The file {missing} named by OCI_RESOURCE_PRINCIPAL_RPST does not exist.", error.Message);
    }

    private static FakeTimeProvider Clock() => new(TestTokens.Now);

    private static Func<string, string?> Environment(string rpst, string pem, string? passphrase = null, string region = "us-phoenix-1", string version = "2.2")
    {
        var variables = new Dictionary<string, string?>
        {
            ["OCI_RESOURCE_PRINCIPAL_VERSION"] = version,
            ["OCI_RESOURCE_PRINCIPAL_RPST"] = rpst,
            ["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"] = pem,
            ["OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE"] = passphrase,
            ["OCI_RESOURCE_PRINCIPAL_REGION"] = region,
        };
        return name => variables.GetValueOrDefault(name);
    }
}

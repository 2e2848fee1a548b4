using DevHarness.Oci.Auth;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Unit.Auth;

public sealed class SessionTokenKeyProviderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TheKeyIdIsTheTokenAndTheTenancyComesFromTheProfileFirst()
    {
        var token = TestTokens.Create(TestTokens.Now.AddHours(1), tenant: "ocid1.tenancy.oc1..claim", tenantClaim: "tenant");
        var (tokenFile, keyFile) = Files(token);

        var fromProfile = new SessionTokenKeyProvider(tokenFile, keyFile, tenancyId: "ocid1.tenancy.oc1..profile", region: "us-ashburn-1", time: Clock());
        var fromClaim = new SessionTokenKeyProvider(tokenFile, keyFile, time: Clock());

        Assert.Equal("ST$" + token, fromProfile.KeyId);
        Assert.Equal("ocid1.tenancy.oc1..profile", fromProfile.TenancyId);
        Assert.Equal("ocid1.tenancy.oc1..claim", fromClaim.TenancyId);
        Assert.Equal("us-ashburn-1", fromProfile.Region);
        Assert.Equal(TestTokens.Now.AddHours(1), fromClaim.ExpiresAt);
    }

    [Fact]
    public void ARefreshedTokenFileIsPickedUp()
    {
        var clock = Clock();
        var first = TestTokens.Create(TestTokens.Now.AddHours(1), tenantClaim: "tenant");
        var (tokenFile, keyFile) = Files(first);
        var provider = new SessionTokenKeyProvider(tokenFile, keyFile, time: clock);
        Assert.Equal("ST$" + first, provider.KeyId);

        var refreshed = TestTokens.Create(TestTokens.Now.AddHours(2), tenantClaim: "tenant");
        File.WriteAllText(tokenFile, refreshed);
        clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal("ST$" + refreshed, provider.KeyId);
    }

    [Fact]
    public void AnExpiredSessionSaysHowToRefreshIt()
    {
        var clock = Clock();
        var (tokenFile, keyFile) = Files(TestTokens.Create(TestTokens.Now.AddHours(1), tenantClaim: "tenant"));
        var provider = new SessionTokenKeyProvider(tokenFile, keyFile, time: clock);

        clock.Advance(TimeSpan.FromHours(2));

        var error = Assert.Throws<OciCredentialException>(() => provider.KeyId);
        Assert.Equal(
            $"The session token from {tokenFile} (named by security_token_file) expired at 2026-11-27T05:00:00Z (3600 seconds ago). "
            + "Refresh it with `oci session refresh`, or sign in again with `oci session authenticate`.",
            error.Message);
    }

    [Fact]
    public void ATokenWithoutAnyTenancyIsRefused()
    {
        var (tokenFile, keyFile) = Files(TestTokens.Create(TestTokens.Now.AddHours(1), tenantClaim: "res_tenant"));

        var error = Assert.Throws<OciCredentialException>(() => new SessionTokenKeyProvider(tokenFile, keyFile, time: Clock()));

        Assert.Equal($"No tenancy: the profile names none and the session token in {tokenFile} has no tenant claim.", error.Message);
    }

    [Fact]
    public void AnEncryptedSessionKeyIsReadWithThePassphrase()
    {
        var tokenFile = _dir.Write("token", TestTokens.Create(TestTokens.Now.AddHours(1), tenantClaim: "tenant"));
        var keyFile = _dir.Write("key.pem", TestKeys.EncryptedPkcs8Pem("pw"));

        var provider = new SessionTokenKeyProvider(tokenFile, keyFile, passphrase: "pw", time: Clock());

        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(provider.PrivateKey));
    }

    private (string Token, string Key) Files(string token) =>
        (_dir.Write("token", token), _dir.Write("oci_api_key.pem", TestKeys.Pkcs8Pem));

    private static FakeTimeProvider Clock() => new(TestTokens.Now);
}

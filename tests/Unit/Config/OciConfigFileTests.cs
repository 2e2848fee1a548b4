using DevHarness.Oci.Auth;
using DevHarness.Oci.Config;
using DevHarness.Unit.Auth;
using DevHarness.Unit.Signing;

namespace DevHarness.Unit.Config;

public sealed class OciConfigFileTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void TheDefaultProfileIsReadFromTildeOciConfig()
    {
        WriteConfig(".oci/config", $"""
            [DEFAULT]
            user=ocid1.user.oc1..me
            fingerprint={TestKeys.Fingerprint}
            key_file=~/.oci/oci_api_key.pem
            tenancy=ocid1.tenancy.oc1..mine
            region=us-ashburn-1
            """);

        var profile = OciConfigFile.Load(env: Env());

        Assert.Equal(Path.Combine(_home.Path, ".oci", "config"), profile.FilePath);
        Assert.Equal("DEFAULT", profile.Name);
        Assert.Equal("ocid1.user.oc1..me", profile.User);
        Assert.Equal(TestKeys.Fingerprint, profile.Fingerprint);
        Assert.Equal(Path.Combine(_home.Path, ".oci/oci_api_key.pem"), profile.KeyFile);
        Assert.Equal("ocid1.tenancy.oc1..mine", profile.Tenancy);
        Assert.Equal("us-ashburn-1", profile.Region);
        Assert.Null(profile.PassPhrase);
        Assert.Null(profile.SecurityTokenFile);
    }

    [Fact]
    public void ANamedProfileTakesWhatItLacksFromDefault()
    {
        var path = WriteConfig("config", """
            [DEFAULT]
            tenancy=ocid1.tenancy.oc1..shared
            region=us-ashburn-1

            [DEV]
            user=ocid1.user.oc1..dev
            region=us-phoenix-1
            """);

        var profile = OciConfigFile.Load(path, "DEV", Env());

        Assert.Equal("ocid1.user.oc1..dev", profile.User);
        Assert.Equal("us-phoenix-1", profile.Region);
        Assert.Equal("ocid1.tenancy.oc1..shared", profile.Tenancy);
        Assert.Equal(["region", "tenancy", "user"], profile.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LinesAreTrimmedCommentsSkippedAndTheFirstEqualsSplits()
    {
        var path = WriteConfig("config", """
            # a comment
              ; another comment, as the OCI CLI allows

               [DEFAULT]
              user   =   ocid1.user.oc1..spaced
            pass_phrase=a=b==c
            custom_key = keeps # everything after the first =
            """);

        var profile = OciConfigFile.Load(path, env: Env());

        Assert.Equal("ocid1.user.oc1..spaced", profile.User);
        Assert.Equal("a=b==c", profile.PassPhrase);
        Assert.Equal("keeps # everything after the first =", profile["custom_key"]);
        Assert.Equal("keeps # everything after the first =", profile["CUSTOM_KEY"]);
        Assert.Null(profile["absent"]);
    }

    [Fact]
    public void WindowsLineEndingsAndAByteOrderMarkAreRead()
    {
        var path = Path.Combine(_home.Path, "crlf");
        File.WriteAllText(path, "[DEFAULT]\r\nuser=ocid1.user.oc1..crlf\r\nregion=us-phoenix-1\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var profile = OciConfigFile.Load(path, env: Env());

        Assert.Equal("ocid1.user.oc1..crlf", profile.User);
        Assert.Equal("us-phoenix-1", profile.Region);
    }

    [Fact]
    public void AnInstancePrincipalProfileIsRefusedClearly()
    {
        var path = WriteConfig("config", "[DEFAULT]\nauthentication_type=instance_principal\nregion=us-phoenix-1\n");

        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, env: Env()).CreateKeyProvider());

        Assert.StartsWith($"OCI config file {path}, profile [DEFAULT]: authentication_type=instance_principal is not supported;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutDefaultIsAllowed()
    {
        var path = WriteConfig("config", "[ONLY]\nregion=eu-frankfurt-1\n");

        Assert.Equal("eu-frankfurt-1", OciConfigFile.Load(path, "ONLY", Env()).Region);
    }

    [Fact]
    public void OciConfigFileNamesTheFileWithTildeExpanded()
    {
        WriteConfig("elsewhere/cfg", "[DEFAULT]\nregion=uk-london-1\n");

        var profile = OciConfigFile.Load(env: Env(("OCI_CONFIG_FILE", "~/elsewhere/cfg")));

        Assert.Equal(Path.Combine(_home.Path, "elsewhere/cfg"), profile.FilePath);
        Assert.Equal("uk-london-1", profile.Region);
    }

    [Fact]
    public void AnExplicitPathWinsOverOciConfigFile()
    {
        var path = WriteConfig("explicit", "[DEFAULT]\nregion=ap-tokyo-1\n");
        WriteConfig("from-env", "[DEFAULT]\nregion=ap-osaka-1\n");

        Assert.Equal("ap-tokyo-1", OciConfigFile.Load(path, env: Env(("OCI_CONFIG_FILE", Path.Combine(_home.Path, "from-env")))).Region);
    }

    [Fact]
    public void TheLegacyOraclebmcFileIsUsedWhenTildeOciConfigIsMissing()
    {
        WriteConfig(".oraclebmc/config", "[DEFAULT]\nregion=sa-saopaulo-1\n");

        var profile = OciConfigFile.Load(env: Env());

        Assert.Equal(Path.Combine(_home.Path, ".oraclebmc", "config"), profile.FilePath);
    }

    [Fact]
    public void TildeOciConfigIsPreferredOverTheLegacyFile()
    {
        WriteConfig(".oraclebmc/config", "[DEFAULT]\nregion=sa-saopaulo-1\n");
        WriteConfig(".oci/config", "[DEFAULT]\nregion=us-chicago-1\n");

        Assert.Equal("us-chicago-1", OciConfigFile.Load(env: Env()).Region);
    }

    [Fact]
    public void NoConfigFileAnywhereNamesBothPlacesLookedAt()
    {
        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(env: Env()));

        Assert.Equal(
            $"No OCI config file: neither {Path.Combine(_home.Path, ".oci", "config")} nor {Path.Combine(_home.Path, ".oraclebmc", "config")} exists. "
            + "Create one with `oci setup config`, or name one with OCI_CONFIG_FILE.",
            error.Message);
    }

    [Fact]
    public void AMissingExplicitFileIsNamed()
    {
        var path = Path.Combine(_home.Path, "nope");

        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, env: Env()));

        Assert.Equal($"The OCI config file {path} does not exist.", error.Message);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void AMissingFileNamedByOciConfigFileSaysSo()
    {
        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(env: Env(("OCI_CONFIG_FILE", "~/missing"))));

        Assert.Equal($"The OCI config file {Path.Combine(_home.Path, "missing")} named by OCI_CONFIG_FILE does not exist.", error.Message);
    }

    [Fact]
    public void AnUnknownProfileListsTheProfilesThatExist()
    {
        var path = WriteConfig("config", "[DEFAULT]\nregion=x\n[DEV]\nuser=u\n");

        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, "PROD", Env()));

        Assert.Equal($"The OCI config file {path} has no profile [PROD]: it has [DEFAULT], [DEV].", error.Message);
        Assert.Equal("PROD", error.Profile);
    }

    [Fact]
    public void ProfileNamesAreCaseSensitive()
    {
        var path = WriteConfig("config", "[dev]\nuser=u\n");

        Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, "DEV", Env()));
    }

    [Theory]
    [InlineData("[DEFAULT]\nuser\n", 2, "'user' is neither a [profile] header nor key=value")]
    [InlineData("[DEFAULT]\nuser=a\n[  ]\n", 3, "a profile header has an empty name")]
    [InlineData("[DEFAULT\nuser=a\n", 1, "'[DEFAULT' opens a profile header but does not close it with ']'")]
    [InlineData("user=a\n[DEFAULT]\n", 1, "'user' comes before any [profile] header")]
    [InlineData("[DEFAULT]\n=value\n", 2, "'=value' has no key before '='")]
    [InlineData("[A]\nuser=a\n\n[A]\nuser=b\n", 4, "profile [A] appears a second time (first at line 1)")]
    [InlineData("[A]\nuser=a\nUSER=b\n", 3, "key USER appears twice in profile [A]")]
    public void AMalformedLineIsReportedWithItsNumber(string content, int line, string problem)
    {
        var path = WriteConfig("config", content);

        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, "A", Env()));

        Assert.Equal($"The OCI config file {path}, line {line}: {problem}.", error.Message);
    }

    [Fact]
    public void RegionFallsBackToOciRegion()
    {
        var path = WriteConfig("config", "[DEFAULT]\nuser=u\n");

        Assert.Equal("ca-toronto-1", OciConfigFile.Load(path, env: Env(("OCI_REGION", "ca-toronto-1"))).Region);
    }

    [Fact]
    public void AnApiKeyProfileCreatesAnApiKeyProvider()
    {
        _home.Write(".oci/key.pem", TestKeys.Pkcs1Pem);
        var path = WriteConfig("config", ApiKeyProfile("~/.oci/key.pem"));

        using var provider = Assert.IsType<ApiKeyProvider>(OciConfigFile.Load(path, env: Env()).CreateKeyProvider());

        Assert.Equal($"ocid1.tenancy.oc1..t/ocid1.user.oc1..u/{TestKeys.Fingerprint}", provider.KeyId);
        Assert.Equal("us-phoenix-1", provider.Region);
    }

    [Fact]
    public void APassphraseProtectedKeyIsReadWithPassPhrase()
    {
        _home.Write("enc.pem", TestKeys.EncryptedPkcs8Pem("correct horse"));
        var path = WriteConfig("config", ApiKeyProfile("~/enc.pem") + "pass_phrase=correct horse\n");

        using var provider = Assert.IsType<ApiKeyProvider>(OciConfigFile.Load(path, env: Env()).CreateKeyProvider());

        Assert.Equal(TestKeys.Fingerprint, ApiKeyProvider.ComputeFingerprint(provider.PrivateKey));
    }

    [Fact]
    public void AWrongPassPhraseNamesTheFileAndProfile()
    {
        var key = _home.Write("enc.pem", TestKeys.EncryptedPkcs8Pem("correct horse"));
        var path = WriteConfig("config", ApiKeyProfile("~/enc.pem") + "pass_phrase=battery staple\n");

        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, env: Env()).CreateKeyProvider());

        Assert.Equal($"OCI config file {path}, profile [DEFAULT]: The passphrase does not decrypt the key file {key}.", error.Message);
        Assert.IsType<OciCredentialException>(error.InnerException);
    }

    [Fact]
    public void EveryMissingKeyIsNamedAtOnce()
    {
        var path = WriteConfig("config", "[DEFAULT]\nregion=us-phoenix-1\n[DEV]\nuser=ocid1.user.oc1..u\nfingerprint=\n");

        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, "DEV", Env()).CreateKeyProvider());

        Assert.Equal($"OCI config file {path}, profile [DEV]: missing fingerprint, key_file, tenancy (set them in [DEV] or in [DEFAULT]).", error.Message);
        Assert.Equal(["fingerprint", "key_file", "tenancy"], error.MissingKeys);
        Assert.Equal(path, error.FilePath);
        Assert.Equal("DEV", error.Profile);
    }

    [Fact]
    public void AMissingKeyFileIsNamed()
    {
        var path = WriteConfig("config", ApiKeyProfile("~/.oci/absent.pem"));

        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, env: Env()).CreateKeyProvider());

        Assert.Equal($"OCI config file {path}, profile [DEFAULT]: key_file {Path.Combine(_home.Path, ".oci/absent.pem")} does not exist.", error.Message);
    }

    [Fact]
    public void AFingerprintThatDoesNotMatchTheKeyFailsBeforeAnyRequest()
    {
        var path = WriteConfig("config", $"""
            [DEFAULT]
            user={OfficialVectors.UserId}
            fingerprint={OfficialVectors.Fingerprint}
            key_file={OfficialVectors.PrivateKeyPath}
            tenancy={OfficialVectors.TenancyId}
            """);

        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, env: Env()).CreateKeyProvider());
        using var skipped = Assert.IsType<ApiKeyProvider>(OciConfigFile.Load(path, env: Env()).CreateKeyProvider(verifyFingerprint: false));

        Assert.StartsWith(
            $"OCI config file {path}, profile [DEFAULT]: The private key's fingerprint is {OfficialVectors.RealFingerprint}, but the configured fingerprint is {OfficialVectors.Fingerprint}",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal(OfficialVectors.KeyId, skipped.KeyId);
    }

    [Fact]
    public void ASecurityTokenProfileCreatesASessionTokenProvider()
    {
        var token = TestTokens.Create(DateTimeOffset.UtcNow.AddHours(1), tenant: "ocid1.tenancy.oc1..session", tenantClaim: "tenant");
        _home.Write(".oci/sessions/S/token", token);
        _home.Write(".oci/sessions/S/oci_api_key.pem", TestKeys.Pkcs8Pem);
        var path = WriteConfig("config", """
            [S]
            fingerprint=ignored-for-sessions
            key_file=~/.oci/sessions/S/oci_api_key.pem
            region=us-ashburn-1
            security_token_file=~/.oci/sessions/S/token
            """);

        var provider = Assert.IsType<SessionTokenKeyProvider>(OciConfigFile.Load(path, "S", Env()).CreateKeyProvider());

        Assert.Equal("ST$" + token, provider.KeyId);
        Assert.Equal("ocid1.tenancy.oc1..session", provider.TenancyId);
        Assert.Equal("us-ashburn-1", provider.Region);
    }

    [Fact]
    public void AMissingSecurityTokenFileIsNamedWithTheProfile()
    {
        _home.Write("key.pem", TestKeys.Pkcs8Pem);
        var path = WriteConfig("config", "[S]\nkey_file=~/key.pem\nsecurity_token_file=~/token\n");

        var error = Assert.Throws<OciConfigException>(() => OciConfigFile.Load(path, "S", Env()).CreateKeyProvider());

        Assert.Equal($"OCI config file {path}, profile [S]: The file {Path.Combine(_home.Path, "token")} named by security_token_file does not exist.", error.Message);
    }

    private static string ApiKeyProfile(string keyFile) => $"""
        [DEFAULT]
        user=ocid1.user.oc1..u
        fingerprint={TestKeys.Fingerprint}
        key_file={keyFile}
        tenancy=ocid1.tenancy.oc1..t
        region=us-phoenix-1

        """;

    private string WriteConfig(string relativePath, string content) => _home.Write(relativePath, content);

    private Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => (string?)v.Value);
        map["HOME"] = _home.Path;
        return name => map.GetValueOrDefault(name);
    }
}

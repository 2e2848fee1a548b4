using DevHarness.Relay.Configuration;
using DevHarness.Support;
using Microsoft.Extensions.Configuration;

namespace DevHarness.Integration.Relay;

/// <summary>Configuration: documented keys, the original function's variables, and one error listing every problem.</summary>
public sealed class RelayConfigurationTests
{
    [Fact]
    public void OriginalFunctionVariablesSelectRestWithTheirStreamAndKey()
    {
        var variables = new Dictionary<string, string?>
        {
            ["OCI_STREAM_OCID"] = "ocid1.stream.oc1.phx.example",
            ["OCI_STREAM_ENDPOINT"] = "https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com",
            ["OCI_REGION"] = "us-phoenix-1",
            ["OCI_TENANCY_OCID"] = "ocid1.tenancy.oc1..t",
            ["OCI_USER_OCID"] = "ocid1.user.oc1..u",
            ["OCI_FINGERPRINT"] = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34",
            ["OCI_PRIVATE_KEY_FILE"] = "/keys/oci.pem",
        };
        var configuration = new ConfigurationBuilder();
        configuration.AddLegacyEnvironment(name => variables.GetValueOrDefault(name));
        var problems = new ConfigurationProblems();

        var settings = RelaySettingsReader.Read(configuration.Build(), problems);

        Assert.Empty(problems.Messages);
        Assert.Equal(PublisherKind.Rest, settings.Publisher);
        Assert.Equal("ocid1.stream.oc1.phx.example", settings.StreamId);
        Assert.Equal(new Uri("https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com"), settings.StreamEndpoint);
        Assert.True(settings.HasInlineApiKey);
        Assert.Equal("us-phoenix-1", settings.Region);
        Assert.Equal(RelayFormat.CloudEvents, settings.Format);
        Assert.Equal(52_428_800, settings.MaxInlineBytes);
    }

    [Fact]
    public void DocumentedKeysWinOverTheOriginalVariables()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stream:StreamId"] = "ocid1.stream.oc1.local.relay",
            ["Stream:Endpoint"] = "http://127.0.0.1:10101",
        });
        configuration.AddLegacyEnvironment(name => name == "OCI_STREAM_OCID" ? "ocid1.stream.oc1.phx.legacy" : null);
        var problems = new ConfigurationProblems();

        var settings = RelaySettingsReader.Read(configuration.Build(), problems);

        Assert.Empty(problems.Messages);
        Assert.Equal("ocid1.stream.oc1.local.relay", settings.StreamId);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceNamingItsKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Relay:Format"] = "xml",
            ["Relay:MaxInlineBytes"] = "lots",
            ["Relay:Publisher"] = "rest",
            ["Stream:Endpoint"] = "cell-1.streaming",
            ["Oci:Auth"] = "password",
            ["Oci:UserId"] = "ocid1.user.oc1..u",
        }).Build();
        var problems = new ConfigurationProblems();

        RelaySettingsReader.Read(configuration, problems);

        Assert.Collection(problems.Messages,
            p => Assert.StartsWith("Relay:Format is 'xml'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Relay:MaxInlineBytes is 'lots'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Oci:Auth is 'password'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Stream:Endpoint is 'cell-1.streaming'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("Stream:StreamId (or OCI_STREAM_OCID) is missing", p, StringComparison.Ordinal),
            p => Assert.Equal("An API key is partly configured; also set Oci:TenancyId (OCI_TENANCY_OCID), Oci:Fingerprint (OCI_FINGERPRINT), Oci:KeyFile (OCI_PRIVATE_KEY_FILE).", p));
    }

    [Fact]
    public void KafkaSaslNeedsBothUsernameAndToken()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stream:BootstrapServers"] = "cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092",
        }).Build();
        var builder = new ConfigurationBuilder().AddConfiguration(configuration);
        builder.AddLegacyEnvironment(name => name == "OCI_AUTH_TOKEN" ? "token" : null);
        var problems = new ConfigurationProblems();

        var settings = RelaySettingsReader.Read(builder.Build(), problems);

        Assert.Equal(PublisherKind.Kafka, settings.Publisher);
        Assert.StartsWith("Stream:SaslUsername is missing", Assert.Single(problems.Messages), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task MisconfiguredProcessExitsNonZeroListingEveryProblem(string build)
    {
        var (exitCode, output) = await RelayProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["Relay__Format"] = "xml",
            ["Relay__Publisher"] = "kafka",
            ["Oci__Region"] = "atlantis",
        }, TestContext.Current.CancellationToken, RelayBuilds.Get(build));

        Assert.Equal(2, exitCode);
        Assert.Contains("(3 problems)", output, StringComparison.Ordinal);
        Assert.Contains("Relay:Format is 'xml'", output, StringComparison.Ordinal);
        Assert.Contains("Stream:BootstrapServers is missing", output, StringComparison.Ordinal);
        Assert.Contains("Oci:Region (OCI_REGION) is 'atlantis'", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task FnListenerThatIsNotAUnixSocketStopsTheProcess(string build)
    {
        var (exitCode, output) = await RelayProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["FN_FORMAT"] = "http-stream",
            ["FN_LISTENER"] = "tcp://127.0.0.1:8080",
        }, TestContext.Current.CancellationToken, RelayBuilds.Get(build));

        Assert.Equal(2, exitCode);
        Assert.Contains("FN_LISTENER is 'tcp://127.0.0.1:8080': expected unix:/path/to/lsnr.sock.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Stream__Endpoint", "http://127.0.0.1:10101", "Stream:Endpoint (or OCI_STREAM_ENDPOINT) selects the REST publisher")]
    [InlineData("OCI_STREAM_OCID", "ocid1.stream.oc1.phx.x", "Stream:StreamId (or OCI_STREAM_OCID) selects the REST publisher")]
    public async Task KeysForBothPublishersWithoutRelayPublisherStopTheProcessNamingBoth(string restKey, string restValue, string named)
    {
        var (exitCode, output) = await RelayProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["Stream__BootstrapServers"] = "127.0.0.1:10109",
            [restKey] = restValue,
            ["ObjectStorage__Endpoint"] = "http://127.0.0.1:10100",
        }, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("(1 problem)", output, StringComparison.Ordinal);
        Assert.Contains($"Stream:BootstrapServers selects the Kafka publisher but {named}: set Relay:Publisher to kafka or rest", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidEndpointIsReportedOnceAsInvalid()
    {
        var (exitCode, output) = await RelayProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["ObjectStorage__Endpoint"] = "ftp://x",
            ["Stream__BootstrapServers"] = "127.0.0.1:10109",
        }, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("(1 problem)", output, StringComparison.Ordinal);
        Assert.Contains("ObjectStorage:Endpoint is 'ftp://x': expected an absolute http:// or https:// URL.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("is missing", output, StringComparison.Ordinal);
    }
}

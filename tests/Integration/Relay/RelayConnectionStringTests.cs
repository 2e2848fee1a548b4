using DevHarness.Relay.Configuration;
using Microsoft.Extensions.Configuration;

namespace DevHarness.Integration.Relay;

/// <summary>
/// The Aspire connection strings (<c>ConnectionStrings:objectstorage</c>, <c>ConnectionStrings:stream</c>) fill
/// what the relay's keys and the original function's variables leave open; those win when set.
/// </summary>
public sealed class RelayConnectionStringTests
{
    private const string EmulatorObjectStorage = "Endpoint=http://127.0.0.1:10100;Namespace=devharness";

    private const string EmulatorStream =
        "BootstrapServers=127.0.0.1:10109;StreamId=ocid1.stream.oc1.local.relay;StreamName=relay;MessagesEndpoint=http://127.0.0.1:10101";

    [Fact]
    public void TheEmulatorsConnectionStringsAloneConfigureTheRelay()
    {
        var (settings, problems) = Read(new()
        {
            ["ConnectionStrings:objectstorage"] = EmulatorObjectStorage,
            ["ConnectionStrings:stream"] = EmulatorStream,
        });

        Assert.Empty(problems.Messages);
        Assert.Equal(new Uri("http://127.0.0.1:10100"), settings.ObjectStorageEndpoint);
        Assert.Equal(PublisherKind.Kafka, settings.Publisher);
        Assert.Equal("127.0.0.1:10109", settings.BootstrapServers);
        Assert.Equal("relay", settings.Topic);
        Assert.Equal(new Uri("http://127.0.0.1:10101"), settings.StreamEndpoint);
        Assert.Equal("ocid1.stream.oc1.local.relay", settings.StreamId);
        Assert.Equal(OciAuthMode.Auto, settings.Auth);
    }

    [Fact]
    public void AStreamConnectionStringNamingBothDoorsIsNoContradictionAndRelayPublisherChooses()
    {
        var (settings, problems) = Read(new()
        {
            ["ConnectionStrings:objectstorage"] = EmulatorObjectStorage,
            ["ConnectionStrings:stream"] = EmulatorStream,
            ["Relay:Publisher"] = "rest",
        });

        Assert.Empty(problems.Messages);
        Assert.Equal(PublisherKind.Rest, settings.Publisher);
    }

    [Fact]
    public void TheRelaysKeysAndTheOriginalVariablesWinOverConnectionStrings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:objectstorage"] = EmulatorObjectStorage + ";Region=us-ashburn-1;Profile=FROMCS",
            ["ConnectionStrings:stream"] = EmulatorStream,
            ["ObjectStorage:Endpoint"] = "http://127.0.0.1:20100",
            ["Stream:Topic"] = "mine",
            ["Oci:Profile"] = "DEV",
        });
        configuration.AddLegacyEnvironment(name => name == "OCI_REGION" ? "eu-frankfurt-1" : null);

        var (settings, problems) = ReadFrom(configuration);

        Assert.Empty(problems.Messages);
        Assert.Equal(new Uri("http://127.0.0.1:20100"), settings.ObjectStorageEndpoint);
        Assert.Equal("mine", settings.Topic);
        Assert.Equal("DEV", settings.Profile);
        Assert.Equal("eu-frankfurt-1", settings.Region);
    }

    [Fact]
    public void TheOriginalVariablesSelectRestEvenWhenTheConnectionStringHasABootstrapAddress()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:stream"] = EmulatorStream,
        });
        configuration.AddLegacyEnvironment(name => name == "OCI_STREAM_OCID" ? "ocid1.stream.oc1.phx.mine" : null);

        var (settings, problems) = ReadFrom(configuration);

        Assert.Empty(problems.Messages);
        Assert.Equal(PublisherKind.Rest, settings.Publisher);
        Assert.Equal("ocid1.stream.oc1.phx.mine", settings.StreamId);
        Assert.Equal(new Uri("http://127.0.0.1:10101"), settings.StreamEndpoint);
    }

    [Fact]
    public void ACloudStreamConnectionStringCarriesSaslAndTheCredentialProfile()
    {
        var (settings, problems) = Read(new()
        {
            ["ConnectionStrings:objectstorage"] = "Namespace=mytenancy;Region=us-ashburn-1;ConfigFile=/home/me/.oci/config;Profile=DEV",
            ["ConnectionStrings:stream"] = "BootstrapServers=cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092;StreamName=orders;"
                + "Region=us-ashburn-1;ConfigFile=/home/me/.oci/config;Profile=DEV;SaslUsername=t/u/ocid1.streampool.oc1.iad.p;AuthToken=tok",
        });

        Assert.Empty(problems.Messages);
        Assert.Equal(PublisherKind.Kafka, settings.Publisher);
        Assert.Equal("orders", settings.Topic);
        Assert.Equal("t/u/ocid1.streampool.oc1.iad.p", settings.SaslUsername);
        Assert.Equal("tok", settings.AuthToken);
        Assert.Equal("us-ashburn-1", settings.Region);
        Assert.Equal("DEV", settings.Profile);
        Assert.Equal("/home/me/.oci/config", settings.ConfigFile);
        Assert.Null(settings.ObjectStorageEndpoint);
    }

    [Fact]
    public void ResourcePrincipalAuthInTheConnectionStringSelectsIt()
    {
        var (settings, _) = Read(new()
        {
            ["ConnectionStrings:objectstorage"] = "Region=phx;Auth=ResourcePrincipal",
            ["Stream:BootstrapServers"] = "127.0.0.1:9092",
        });

        Assert.Equal(OciAuthMode.ResourcePrincipal, settings.Auth);
    }

    [Fact]
    public void OtherConnectionNamesAreRead()
    {
        var (settings, problems) = Read(new()
        {
            ["Relay:ObjectStorageConnection"] = "landing",
            ["Relay:StreamConnection"] = "orders",
            ["ConnectionStrings:landing"] = "Endpoint=http://127.0.0.1:30100",
            ["ConnectionStrings:orders"] = "MessagesEndpoint=http://127.0.0.1:30101;StreamId=ocid1.stream.oc1.local.orders",
            ["ConnectionStrings:stream"] = EmulatorStream,
        });

        Assert.Empty(problems.Messages);
        Assert.Equal(new Uri("http://127.0.0.1:30100"), settings.ObjectStorageEndpoint);
        Assert.Equal(PublisherKind.Rest, settings.Publisher);
        Assert.Equal("ocid1.stream.oc1.local.orders", settings.StreamId);
    }

    [Fact]
    public void AMalformedConnectionStringIsReportedOnceNotAlsoAsMissingKeys()
    {
        var (_, problems) = Read(new()
        {
            ["ConnectionStrings:stream"] = "BootstrapServers=127.0.0.1;AuthToken=s3cret",
            ["ObjectStorage:Endpoint"] = "http://127.0.0.1:10100",
        });

        var problem = Assert.Single(problems.Messages);
        Assert.StartsWith("ConnectionStrings:stream: The stream connection string is not valid: BootstrapServers is '127.0.0.1'", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoConnectionStringsNamingDifferentProfilesAreAProblem()
    {
        var (_, problems) = Read(new()
        {
            ["ConnectionStrings:objectstorage"] = "Region=phx;Profile=A",
            ["ConnectionStrings:stream"] = "BootstrapServers=127.0.0.1:9092;Profile=B",
        });

        Assert.Equal(
            "ConnectionStrings:objectstorage has Profile=A but ConnectionStrings:stream has Profile=B: the relay signs both with one credential; set Oci:Profile to choose.",
            Assert.Single(problems.Messages));
    }

    private static (RelaySettings Settings, ConfigurationProblems Problems) Read(Dictionary<string, string?> values) =>
        ReadFrom(new ConfigurationBuilder().AddInMemoryCollection(values));

    private static (RelaySettings Settings, ConfigurationProblems Problems) ReadFrom(IConfigurationBuilder configuration)
    {
        var problems = new ConfigurationProblems();
        return (RelaySettingsReader.Read(configuration.Build(), problems), problems);
    }
}

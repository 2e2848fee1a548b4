using DevHarness.Oci.Connections;
using DevHarness.Oci.Regions;

namespace DevHarness.Unit.Connections;

public sealed class ObjectStorageConnectionStringTests
{
    [Fact]
    public void TheEmulatorsConnectionStringGivesEndpointAndNamespace()
    {
        var parsed = ObjectStorageConnectionString.Parse("Endpoint=http://127.0.0.1:10100;Namespace=devharness");

        Assert.Equal(new Uri("http://127.0.0.1:10100"), parsed.Endpoint);
        Assert.Equal("devharness", parsed.Namespace);
        Assert.Null(parsed.Region);
        Assert.Null(parsed.ConfigFile);
        Assert.Null(parsed.Profile);
        Assert.Null(parsed.Auth);
        Assert.Equal(parsed.Endpoint, parsed.ResolvedEndpoint);
    }

    [Fact]
    public void ATenancysConnectionStringGivesRegionAndProfile()
    {
        var parsed = ObjectStorageConnectionString.Parse(
            "Endpoint=https://objectstorage.us-phoenix-1.oraclecloud.com;Namespace=mytenancy;Region=us-phoenix-1;ConfigFile=/home/me/.oci/config;Profile=DEV");

        Assert.Equal("mytenancy", parsed.Namespace);
        Assert.Equal(Region.Parse("us-phoenix-1"), parsed.Region);
        Assert.Equal("/home/me/.oci/config", parsed.ConfigFile);
        Assert.Equal("DEV", parsed.Profile);
    }

    [Fact]
    public void KeysAreCaseInsensitiveAndUnknownKeysAreIgnored()
    {
        var parsed = ObjectStorageConnectionString.Parse("endpoint=http://127.0.0.1:10100; NAMESPACE = devharness ;auth=resourceprincipal;Bucket=uploads");

        Assert.Equal(new Uri("http://127.0.0.1:10100"), parsed.Endpoint);
        Assert.Equal("devharness", parsed.Namespace);
        Assert.Equal(ConnectionAuth.ResourcePrincipal, parsed.Auth);
    }

    [Fact]
    public void WithoutAnEndpointTheRegionsEndpointIsUsed()
    {
        var parsed = ObjectStorageConnectionString.Parse("Namespace=mytenancy;Region=fra");

        Assert.Null(parsed.Endpoint);
        Assert.Equal(new Uri("https://objectstorage.eu-frankfurt-1.oraclecloud.com"), parsed.ResolvedEndpoint);
    }

    [Fact]
    public void EveryMalformedValueIsNamedInOneError()
    {
        var error = Assert.Throws<FormatException>(() =>
            ObjectStorageConnectionString.Parse("Endpoint=ftp://x;Region=atlantis;Auth=password;Namespace=n"));

        Assert.Equal("The Object Storage connection string is not valid: Endpoint is 'ftp://x': expected an absolute http:// or https:// URL; "
            + "Region is 'atlantis': expected a region id or code, e.g. us-phoenix-1 or phx; "
            + "Auth is 'password': expected one of ApiKey, ResourcePrincipal, None.", error.Message);
    }

    [Theory]
    [InlineData("Endpoint")]
    [InlineData("Endpoint=http://a;Namespace='unterminated")]
    public void TextThatIsNotKeyValuePairsIsRefused(string text)
    {
        var error = Assert.Throws<FormatException>(() => ObjectStorageConnectionString.Parse(text));

        Assert.Contains("it is not a list of key=value pairs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericAuthValuesAreNotAcceptedAsEnumMembers()
    {
        Assert.Throws<FormatException>(() => ObjectStorageConnectionString.Parse("Auth=1"));
    }

    [Fact]
    public void ToStringIsReadBackUnchanged()
    {
        var original = new ObjectStorageConnectionString
        {
            Endpoint = new Uri("http://127.0.0.1:10100"),
            Namespace = "devharness",
            Region = Region.Parse("phx"),
            ConfigFile = "/home/me/my config;v2",
            Profile = "DEV",
            Auth = ConnectionAuth.ApiKey,
        };

        var text = original.ToString();

        Assert.StartsWith("Endpoint=http://127.0.0.1:10100;Namespace=devharness;Region=us-phoenix-1;", text, StringComparison.Ordinal);
        Assert.Equal(original, ObjectStorageConnectionString.Parse(text));
    }
}

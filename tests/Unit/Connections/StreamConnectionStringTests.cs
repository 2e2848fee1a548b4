using DevHarness.Oci.Connections;
using DevHarness.Oci.Regions;

namespace DevHarness.Unit.Connections;

public sealed class StreamConnectionStringTests
{
    [Fact]
    public void TheEmulatorsConnectionStringGivesBothDoors()
    {
        var parsed = StreamConnectionString.Parse(
            "BootstrapServers=127.0.0.1:10109;StreamId=ocid1.stream.oc1.local.relay;StreamName=relay;MessagesEndpoint=http://127.0.0.1:10101");

        Assert.Equal("127.0.0.1:10109", parsed.BootstrapServers);
        Assert.Equal("ocid1.stream.oc1.local.relay", parsed.StreamId);
        Assert.Equal("relay", parsed.StreamName);
        Assert.Equal(new Uri("http://127.0.0.1:10101"), parsed.MessagesEndpoint);
        Assert.Null(parsed.SaslUsername);
        Assert.Null(parsed.AuthToken);
    }

    [Fact]
    public void ATenancysKafkaConnectionStringCarriesSaslCredentials()
    {
        var parsed = StreamConnectionString.Parse(
            "BootstrapServers=cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092;StreamName=relay;StreamId=ocid1.stream.oc1.iad.x;"
            + "Region=us-ashburn-1;ConfigFile=/home/me/.oci/config;Profile=DEV;SaslUsername=tenancy/me/ocid1.streampool.oc1.iad.p;AuthToken=\"a;b=c\"");

        Assert.Equal("cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092", parsed.BootstrapServers);
        Assert.Equal("tenancy/me/ocid1.streampool.oc1.iad.p", parsed.SaslUsername);
        Assert.Equal("a;b=c", parsed.AuthToken);
        Assert.Equal("DEV", parsed.Profile);
        Assert.Equal(Region.Parse("us-ashburn-1"), parsed.Region);
        Assert.Null(parsed.MessagesEndpoint);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:port")]
    [InlineData("127.0.0.1:10109,:9092")]
    [InlineData("127.0.0.1:70000")]
    public void BootstrapServersWithoutAPortAreRefused(string servers)
    {
        var error = Assert.Throws<FormatException>(() => StreamConnectionString.Parse($"BootstrapServers={servers}"));

        Assert.Equal($"The stream connection string is not valid: BootstrapServers is '{servers}': expected host:port[,host:port…], e.g. 127.0.0.1:10109.", error.Message);
    }

    [Fact]
    public void SeveralBootstrapServersAreAccepted()
    {
        var parsed = StreamConnectionString.Parse("BootstrapServers=a:9092, b:9092");

        Assert.Equal("a:9092, b:9092", parsed.BootstrapServers);
    }

    [Fact]
    public void AMalformedAuthTokenIsNeverEchoed()
    {
        var error = Assert.Throws<FormatException>(() => StreamConnectionString.Parse("AuthToken=s3cret;MessagesEndpoint=cell-1"));

        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Contains("MessagesEndpoint is 'cell-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringIsReadBackUnchanged()
    {
        var original = new StreamConnectionString
        {
            BootstrapServers = "127.0.0.1:10109",
            StreamId = "ocid1.stream.oc1.local.relay",
            StreamName = "relay",
            MessagesEndpoint = new Uri("http://127.0.0.1:10101"),
            Region = Region.Parse("iad"),
            SaslUsername = "t/u/p",
            AuthToken = "tok;en",
            Auth = ConnectionAuth.None,
        };

        Assert.Equal(original, StreamConnectionString.Parse(original.ToString()));
    }
}

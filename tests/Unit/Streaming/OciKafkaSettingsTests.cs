using Confluent.Kafka;
using DevHarness.Oci.Connections;
using DevHarness.Oci.Streaming;
using DevHarness.Oci.Streaming.Kafka;

namespace DevHarness.Unit.Streaming;

public sealed class OciKafkaSettingsTests
{
    [Fact]
    public void TheProducerFollowsOciStreamingsRules()
    {
        var config = OciKafkaSettings.Producer("127.0.0.1:10109");

        Assert.Equal("127.0.0.1:10109", config.BootstrapServers);
        Assert.Equal(Acks.All, config.Acks);
        Assert.False(config.EnableIdempotence);
        Assert.Equal(1, config.MaxInFlight);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal(StreamLimits.KafkaPartitioner, config.Get("partitioner"));
        Assert.InRange(config.MessageMaxBytes!.Value, StreamLimits.MaxMessageBytes + 97, StreamLimits.MaxMessageBytes + 4096);
        Assert.Null(config.SecurityProtocol);
    }

    [Fact]
    public void AnAuthTokenMeansSaslSslPlainForEveryClient()
    {
        var stream = StreamConnectionString.Parse(
            "BootstrapServers=cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092;StreamName=orders;SaslUsername=t/u/ocid1.streampool.oc1..p;AuthToken=secret");

        ClientConfig[] configs = [OciKafkaSettings.Producer(stream), OciKafkaSettings.Consumer(stream, "g"), OciKafkaSettings.Admin(stream)];

        Assert.All(configs, config =>
        {
            Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
            Assert.Equal(SaslMechanism.Plain, config.SaslMechanism);
            Assert.Equal("t/u/ocid1.streampool.oc1..p", config.SaslUsername);
            Assert.Equal("secret", config.SaslPassword);
        });
    }

    [Fact]
    public void TheConsumerNeverCreatesTopicsAndFetchesAWholeMessage()
    {
        var config = OciKafkaSettings.Consumer("127.0.0.1:10109", "readers");

        Assert.Equal("readers", config.GroupId);
        Assert.False(config.AllowAutoCreateTopics);
        Assert.Equal(OciKafkaSettings.MaxEncodedMessageBytes, config.MaxPartitionFetchBytes);
    }

    [Theory]
    [InlineData("t/u/p", null, "without an auth token")]
    [InlineData(null, "secret", "without a SASL username")]
    public void HalfASaslCredentialIsRefusedNamingTheMissingHalf(string? username, string? token, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => OciKafkaSettings.Producer("127.0.0.1:9092", username, token));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConnectionStringWithoutBootstrapServersIsRefusedNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => OciKafkaSettings.Producer(StreamConnectionString.Parse("StreamName=relay")));

        Assert.Contains("BootstrapServers", error.Message, StringComparison.Ordinal);
    }
}

using Confluent.Kafka;
using DevHarness.Oci.Streaming.Kafka;
using DevHarness.Relay.Configuration;
using DevHarness.Relay.Contract;
using DevHarness.Relay.Publishing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHarness.Integration.Relay;

/// <summary>The Kafka publisher against the embedded broker, which refuses what OCI Streaming refuses.</summary>
public sealed class KafkaPublisherTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void ProducerConfigurationIsOciCompatible()
    {
        var config = KafkaStreamPublisher.Config(new RelaySettings { BootstrapServers = "127.0.0.1:9092" });

        Assert.False(config.EnableIdempotence);
        Assert.Null(config.TransactionalId);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(OciKafkaSettings.MaxEncodedMessageBytes, config.MessageMaxBytes);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal(1, config.MaxInFlight);
        Assert.Equal(0, config.LingerMs);
        Assert.Equal("devharness-relay", config.ClientId);
        Assert.Null(config.SecurityProtocol);
    }

    [Fact]
    public void AuthTokenSelectsSaslSslPlainAsOciStreamingRequires()
    {
        var config = KafkaStreamPublisher.Config(new RelaySettings
        {
            BootstrapServers = "cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092",
            SaslUsername = "tenancy/user/ocid1.streampool.oc1..p",
            AuthToken = "token",
        });

        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.Plain, config.SaslMechanism);
        Assert.Equal("tenancy/user/ocid1.streampool.oc1..p", config.SaslUsername);
        Assert.Equal("token", config.SaslPassword);
    }

    [Fact]
    public async Task PublisherDeliversInOrderToOnePartitionOnTheBrokerThatRefusesIdempotence()
    {
        await using var stream = await RelayEnvironment.StartStreamAsync(Token);
        using var tail = RelayEnvironment.Tail(stream);
        var settings = new RelaySettings { BootstrapServers = stream.BootstrapServers, Topic = stream.Streams[0].Name };
        using var publisher = new KafkaStreamPublisher(settings, NullLogger<KafkaStreamPublisher>.Instance);
        var key = "devharness/uploads/ordered.bin"u8.ToArray();

        PublishReceipt receipt;
        await using (var publication = publisher.Begin())
        {
            for (var i = 0; i < 20; i++)
            {
                await publication.AddAsync(new RelayMessage(key, [(byte)i]), Token);
            }

            receipt = await publication.CompleteAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        }

        Assert.Equal(20, receipt.Messages);
        Assert.DoesNotContain(",", receipt.Partitions, StringComparison.Ordinal);
        var messages = await tail.ReadExactlyAsync(20, TimeSpan.FromMilliseconds(500), Token);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (byte)i), messages.Select(m => m.Message.Value[0]));
        Assert.Single(messages.Select(m => m.Partition.Value).Distinct());

        // The same broker refuses an idempotent producer, as OCI does: the relay's settings are what made it work.
        var idempotent = KafkaStreamPublisher.Config(settings);
        idempotent.EnableIdempotence = true;
        using var refused = new ProducerBuilder<byte[], byte[]>(idempotent).Build();
        await Assert.ThrowsAnyAsync<KafkaException>(() =>
            refused.ProduceAsync(settings.Topic, new Message<byte[], byte[]> { Key = key, Value = [1] }, Token).WaitAsync(TimeSpan.FromSeconds(30), Token));
    }

    [Fact]
    public async Task UnreachableBrokerFailsThePublicationInsteadOfAcknowledging()
    {
        var settings = new RelaySettings { BootstrapServers = "127.0.0.1:1", DeliveryTimeout = TimeSpan.FromSeconds(2) };
        using var publisher = new KafkaStreamPublisher(settings, NullLogger<KafkaStreamPublisher>.Instance);
        await using var publication = publisher.Begin();

        await publication.AddAsync(new RelayMessage("k"u8.ToArray(), [1]), Token);

        var error = await Assert.ThrowsAsync<StreamPublishException>(() => publication.CompleteAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token));
        Assert.Contains("Kafka delivery of message 0 to topic 'relay' failed", error.Message, StringComparison.Ordinal);
    }
}

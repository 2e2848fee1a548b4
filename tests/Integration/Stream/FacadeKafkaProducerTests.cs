using Confluent.Kafka;
using DevHarness.Emulators.Streaming.Backends.ExternalKafka;
using DevHarness.Oci.Streaming;
using DevHarness.Oci.Streaming.Kafka;

namespace DevHarness.Integration.Streaming;

/// <summary>The facade's Kafka producer (external brokers) follows OCI's producer rules, and OCI's largest message still passes it.</summary>
public sealed class FacadeKafkaProducerTests
{
    [Fact]
    public void TheFacadeProducerKeepsOneRequestInFlightSoARetryCannotReorderAPartition()
    {
        var config = KafkaPublisher.Config("127.0.0.1:9092");

        // Without idempotence, a retried request overtakes the next one unless only one is ever in flight.
        Assert.Equal(1, config.MaxInFlight);
        Assert.False(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal(OciKafkaSettings.MaxEncodedMessageBytes, config.MessageMaxBytes);
        Assert.Equal("devharness-stream-facade", config.ClientId);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.External)]
    public async Task AMessageOfExactlyOneMebibyteOfKeyAndValueIsAcceptedAndReadBack(BrokerKind broker)
    {
        await using var stream = await TestStream.StartAsync(broker, partitions: 1);
        var value = new byte[StreamLimits.MaxMessageBytes - 1];
        Random.Shared.NextBytes(value);

        var result = await stream.Client.PutAsync([new PutMessagesDetailsEntry([7], value)]);

        Assert.Equal(0, result.Failures);
        var cursor = await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon);
        var read = Assert.Single(await stream.Client.ReadAsync(cursor, 1));
        Assert.Equal(value, read.Value);
    }
}

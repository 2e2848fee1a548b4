using Confluent.Kafka;
using DevHarness.Hosting.Oci;
using DevHarness.Integration.Infrastructure;
using DevHarness.KafkaBroker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// The stream emulator in front of a Kafka broker it does not own (<c>--kafka</c>, as with the Kafka container),
/// and the race that made the <c>stream</c> resource wait forever: the AppHost's health check runs as soon as the
/// emulator is running, before it has provisioned the topic; on a broker that auto-creates topics a metadata
/// request naming the topic created it with one partition. Reproduced as it was found, with a second emulator
/// (<c>stream --auto-create-topics</c>, the embedded broker) as the real broker.
/// </summary>
public sealed class ExternalKafkaProvisioningTests
{
    private const string Topic = "relay";
    private const string StreamOcid = "ocid1.stream.oc1.local.relay";

    [Fact]
    public async Task TheHealthCheckBeforeProvisioningCreatesNothingOnABrokerThatAutoCreatesTopics()
    {
        var kafkaPort = FreePort.Next();
        var bootstrap = $"127.0.0.1:{kafkaPort}";
        using var broker = StreamCommandProcess.Start(
            "--kafka-port", $"{kafkaPort}", "--auto-create-topics", "--stream", "ocid1.stream.oc1.local.other=other:1");
        await broker.WaitReadyAsync();

        // The bed reproduces the mechanism: a metadata request naming a topic creates it here, with one partition.
        Assert.Equal(1, NamedMetadataRequest(bootstrap, "control"));

        var check = new KafkaHealthCheck(() => bootstrap, Topic, partitions: 3);
        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"topic {Topic} is not available", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Topic, TopicNames(bootstrap));
    }

    [Fact]
    public async Task AnExistingTopicWithAnotherPartitionCountStopsTheEmulatorWithTheReason()
    {
        await using var broker = await Broker.StartAsync(
            new BrokerOptions { Port = 0, Topics = [new(Topic, 1)] }, new CapturingLoggerFactory(), TestContext.Current.CancellationToken);
        using var emulator = StreamCommandProcess.Start("--kafka", broker.BootstrapServers, "--stream", $"{StreamOcid}={Topic}:3");

        var (exitCode, error) = await emulator.WaitExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains(
            $"Topic '{Topic}' on {broker.BootstrapServers} has 1 partition(s) but stream {StreamOcid} expects 3.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingTopicTheBrokerCannotCreateStopsTheEmulatorWithTheReason()
    {
        // The embedded broker, like OCI, has no CreateTopics: the emulator says so rather than crashing.
        await using var broker = await Broker.StartAsync(
            new BrokerOptions { Port = 0, Topics = [new("other", 1)] }, new CapturingLoggerFactory(), TestContext.Current.CancellationToken);
        using var emulator = StreamCommandProcess.Start("--kafka", broker.BootstrapServers, "--stream", $"{StreamOcid}={Topic}:3");

        var (exitCode, error) = await emulator.WaitExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains($"The Kafka broker at {broker.BootstrapServers} could not create topic '{Topic}'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Topic, TopicNames(broker.BootstrapServers));
    }

    /// <summary>What the health check used to send: metadata for one topic, from a client that may auto-create.</summary>
    private static int NamedMetadataRequest(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count;
    }

    private static List<string> TopicNames(string bootstrap)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        return [.. admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Where(t => !t.Error.IsError).Select(t => t.Topic)];
    }
}

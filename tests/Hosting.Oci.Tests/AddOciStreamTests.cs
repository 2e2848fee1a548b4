namespace DevHarness.Hosting.Oci.Tests;

public sealed class AddOciStreamTests
{
    [Fact]
    public async Task RunAsEmulatorServesKafkaAndRestOnTheDocumentedPorts()
    {
        var builder = AppModel.CreateBuilder();
        var stream = builder.AddOciStream("stream", partitions: 3).WithStreamName("relay").RunAsEmulator();

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var emulator = Assert.IsType<OciStreamEmulatorResource>(Assert.Single(model.Resources, r => r.Name == "stream"));
        var endpoints = emulator.Annotations.OfType<EndpointAnnotation>().OrderBy(e => e.Name).Select(e => (e.Name, e.UriScheme, e.Port, e.TargetPort, e.IsProxied));
        Assert.Equal([("http", "http", 10101, 10101, false), ("kafka", "tcp", 10109, 10109, false)], endpoints);
        Assert.Equal(
            [AppModel.EmulatorsDll, "stream", "--host", "127.0.0.1", "--port", "10101", "--stream", "ocid1.stream.oc1.local.relay=relay:3", "--kafka-port", "10109"],
            await AppModel.ArgumentsAsync(emulator));
        Assert.Equal(
            "BootstrapServers=127.0.0.1:10109;StreamId=ocid1.stream.oc1.local.relay;StreamName=relay;MessagesEndpoint=http://127.0.0.1:10101",
            await AppModel.ConnectionStringAsync(stream.Resource));
        var healthChecks = emulator.Annotations.OfType<HealthCheckAnnotation>().Select(h => h.Key).ToList();
        Assert.Equal(2, healthChecks.Count); // GET /health of the REST API, and the topic through the Kafka listener
        Assert.Contains("stream_kafka_check", healthChecks);
        Assert.Contains(emulator.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == OciDashboardCommands.TailStream);
    }

    [Fact]
    public async Task DataFolderRetentionAndLeniencyAreBrokerOptions()
    {
        var builder = AppModel.CreateBuilder();
        builder.AddOciStream("orders", partitions: 2).WithStreamId("ocid1.stream.oc1.local.orders-1").RunAsEmulator(emulator => emulator
            .WithPort(20101)
            .WithKafkaPort(20109)
            .WithDataFolder()
            .WithRetention(hours: 48, bytesPerPartition: 1_048_576)
            .WithAutoCreateTopics());

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var arguments = await AppModel.ArgumentsAsync(model.Resources.Single(r => r.Name == "orders"));
        Assert.Equal("ocid1.stream.oc1.local.orders-1=orders:2", AppModel.ValueOf(arguments, "--stream"));
        Assert.Equal("20101", AppModel.ValueOf(arguments, "--port"));
        Assert.Equal("20109", AppModel.ValueOf(arguments, "--kafka-port"));
        Assert.Equal(Path.Combine(builder.AppHostDirectory, ".devharness", "orders"), AppModel.ValueOf(arguments, "--data-dir"));
        Assert.Equal("48", AppModel.ValueOf(arguments, "--retention-hours"));
        Assert.Equal("1048576", AppModel.ValueOf(arguments, "--retention-bytes"));
        Assert.Contains("--auto-create-topics", arguments);
    }

    [Fact]
    public async Task KafkaContainerTakesTheKafkaPortAndTheFacadeFrontsIt()
    {
        var builder = AppModel.CreateBuilder();
        var stream = builder.AddOciStream("stream", partitions: 3).WithStreamName("relay").RunAsEmulator(emulator => emulator.WithKafkaContainer().WithKafkaPort(20109));

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var kafka = Assert.IsType<ContainerResource>(Assert.Single(model.Resources, r => r.Name == "stream-kafka"));
        var image = Assert.Single(kafka.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("apache/kafka", "4.0.0"), (image.Image, image.Tag));
        var endpoint = Assert.Single(kafka.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(("kafka", "tcp", 20109, 9092, false), (endpoint.Name, endpoint.UriScheme, endpoint.Port, endpoint.TargetPort, endpoint.IsProxied));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["KAFKA_NODE_ID"] = "1",
                ["KAFKA_PROCESS_ROLES"] = "broker,controller",
                ["KAFKA_LISTENERS"] = "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093",
                ["KAFKA_ADVERTISED_LISTENERS"] = "PLAINTEXT://127.0.0.1:20109",
                ["KAFKA_CONTROLLER_LISTENER_NAMES"] = "CONTROLLER",
                ["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] = "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                ["KAFKA_CONTROLLER_QUORUM_VOTERS"] = "1@localhost:9093",
                ["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] = "1",
                ["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] = "1",
                ["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] = "1",
                ["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] = "0",
                ["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] = "false",
                ["KAFKA_MESSAGE_MAX_BYTES"] = "1049600",
                ["KAFKA_LOG_RETENTION_HOURS"] = "24",
            },
            await AppModel.EnvironmentAsync(kafka));
        Assert.Equal(["stream-kafka_kafka_check"], kafka.Annotations.OfType<HealthCheckAnnotation>().Select(h => h.Key));

        var emulator = stream.Resource.Emulator!;
        Assert.Equal(["http"], emulator.Annotations.OfType<EndpointAnnotation>().Select(e => e.Name));
        var arguments = await AppModel.ArgumentsAsync(emulator);
        Assert.Equal("127.0.0.1:20109", AppModel.ValueOf(arguments, "--kafka"));
        Assert.DoesNotContain("--kafka-port", arguments);
        var wait = Assert.Single(emulator.Annotations.OfType<WaitAnnotation>());
        Assert.Same(kafka, wait.Resource);
        // The emulator, not the broker, creates the topic, with the stream's partitions; its health check waits for them.
        Assert.Equal("ocid1.stream.oc1.local.relay=relay:3", AppModel.ValueOf(arguments, "--stream"));
        Assert.DoesNotContain("--auto-create-topics", arguments);
        Assert.Equal(2, emulator.Annotations.OfType<HealthCheckAnnotation>().Count());
        Assert.Contains(emulator.Annotations.OfType<HealthCheckAnnotation>(), h => h.Key == "stream_kafka_check");
        Assert.StartsWith("BootstrapServers=127.0.0.1:20109;", await AppModel.ConnectionStringAsync(stream.Resource), StringComparison.Ordinal);
    }
}

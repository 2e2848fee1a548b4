using DevHarness.Emulators.Streaming;

namespace DevHarness.Integration.Relay;

/// <summary>The relay's environment for a test: publisher and format, pointed at in-process emulators.</summary>
internal static class RelayEnvironment
{
    public static Dictionary<string, string?> For(StreamEmulator stream, Uri objectStorage, string publisher = "kafka", string format = "cloudevents") =>
        new()
        {
            ["Relay__Publisher"] = publisher,
            ["Relay__Format"] = format,
            ["Stream__BootstrapServers"] = publisher == "kafka" ? stream.BootstrapServers : null,
            ["Stream__Topic"] = stream.Streams[0].Name,
            ["Stream__Endpoint"] = publisher == "rest" ? stream.FacadeUrl.ToString() : null,
            ["Stream__StreamId"] = publisher == "rest" ? stream.Streams[0].Ocid : null,
            ["Stream__DeliveryTimeoutMs"] = "5000",
            ["ObjectStorage__Endpoint"] = objectStorage.ToString(),
            ["Oci__Auth"] = "none",
        };

    /// <summary>A stream emulator on random ports with the default stream (3 partitions).</summary>
    public static Task<StreamEmulator> StartStreamAsync(CancellationToken cancellationToken) =>
        StreamEmulator.StartAsync(new StreamEmulatorOptions { Port = 0, KafkaPort = 0 }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, cancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);

    public static StreamTail Tail(StreamEmulator stream) =>
        new(stream.BootstrapServers, stream.Streams[0].Name, stream.Streams[0].Partitions);
}

using System.CommandLine;
using DevHarness.KafkaBroker;

namespace DevHarness.Emulators.Streaming;

/// <summary>
/// <c>stream</c>: the embedded Kafka broker (or <c>--kafka</c> an existing one) and the OCI Streaming
/// REST facade over it, until Ctrl+C / SIGTERM.
/// </summary>
internal static class StreamCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to bind (facade and embedded broker).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "OCI Streaming REST facade port (also serves GET /health).", DefaultValueFactory = _ => StreamEmulatorOptions.DefaultPort };
        var kafkaPort = new Option<int>("--kafka-port") { Description = "The embedded broker's bootstrap port.", DefaultValueFactory = _ => StreamEmulatorOptions.DefaultKafkaPort };
        var kafka = new Option<string?>("--kafka") { Description = "Front an existing Kafka broker (bootstrap servers) instead of starting the embedded one." };
        var streams = new Option<string[]>("--stream")
        {
            Description = "A stream to serve, OCID=NAME[:PARTITIONS] (repeatable). Default: ocid1.stream.oc1.local.relay=relay:3.",
        };
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "Keep the embedded broker's log and committed offsets here, across restarts (default: a temporary folder removed at exit)." };
        var retentionHours = new Option<int>("--retention-hours")
        {
            Description = $"Delete messages older than this many hours ({BrokerOptions.MinRetentionHours}-{BrokerOptions.MaxRetentionHours}; OCI's default is 24).",
            DefaultValueFactory = _ => BrokerOptions.DefaultRetentionHours,
        };
        var retentionBytes = new Option<long?>("--retention-bytes") { Description = "Also keep each partition under about this many bytes, deleting its oldest segments (default: no size limit)." };
        var autoCreate = new Option<bool>("--auto-create-topics") { Description = "Create topics Kafka clients produce to that do not exist (OCI does not; off by default)." };
        var verify = new Option<FileInfo?>("--verify-signatures") { Description = "A PEM public key: require OCI request signatures made with its private key." };

        var command = new Command("stream", "OCI Streaming stand-in: an embedded Kafka broker (or --kafka) with the OCI Streaming REST facade.")
        {
            host, port, kafkaPort, kafka, streams, dataDir, retentionHours, retentionBytes, autoCreate, verify,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            List<StreamDefinition> definitions;
            try
            {
                var given = result.GetValue(streams) ?? [];
                definitions = given.Length == 0 ? [StreamDefinition.Default] : [.. given.Select(StreamDefinition.Parse)];
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }

            var verifyKey = result.GetValue(verify);
            if (verifyKey is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"--verify-signatures: the public key file {verifyKey.FullName} does not exist.");
                return 2;
            }

            var options = new StreamEmulatorOptions
            {
                Host = result.GetValue(host)!,
                Port = result.GetValue(port),
                KafkaPort = result.GetValue(kafkaPort),
                KafkaBootstrap = result.GetValue(kafka),
                Streams = definitions,
                DataDirectory = result.GetValue(dataDir)?.FullName,
                RetentionHours = result.GetValue(retentionHours),
                RetentionBytes = result.GetValue(retentionBytes),
                AutoCreateTopics = result.GetValue(autoCreate),
                VerifySignaturesPublicKeyPath = verifyKey?.FullName,
            };

            try
            {
                await using var emulator = await StreamEmulator.StartAsync(options, cancellationToken: cancellationToken);
                var log = emulator.Broker is { } broker ? $" · log {broker.DataDirectory}" : "";
                await Console.Out.WriteLineAsync($"stream: REST facade {emulator.FacadeUrl} · Kafka bootstrap {emulator.BootstrapServers}{log} · Ctrl+C to stop");
                await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"stream: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

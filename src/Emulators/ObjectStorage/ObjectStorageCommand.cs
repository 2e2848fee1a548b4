using System.CommandLine;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>The <c>objectstorage</c> subcommand: OCI Object Storage REST on WireMock.Net (README "Object Storage emulator").</summary>
internal static class ObjectStorageCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 = any free port).", DefaultValueFactory = _ => 10100 };
        var ns = new Option<string>("--namespace") { Description = "The Object Storage namespace served.", DefaultValueFactory = _ => "devharness" };
        var buckets = new Option<string[]>("--bucket")
        {
            Description = "A bucket that exists at start, with object events enabled (repeatable).",
            DefaultValueFactory = _ => ["uploads"],
            AllowMultipleArgumentsPerToken = false,
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Keep buckets and objects in this directory (default: memory only)." };
        var seed = new Option<string?>("--seed") { Description = "Load DIR/<bucket>/<object name> at start, e.g. fixtures/objects." };
        var eventsUrl = UrlOption.Create("--events-url", "Post every object event to this URL, e.g. http://127.0.0.1:10102/events.");
        var journalSize = new Option<int>("--journal-size")
        {
            Description = "Requests the WireMock journal keeps (GET /__admin/requests; 0 keeps none). WireMock re-sorts it on every request, so a large journal costs throughput.",
            DefaultValueFactory = _ => ObjectStorageEmulatorOptions.DefaultJournalSize,
        };
        var verify = new Option<string[]>("--verify-signatures")
        {
            Description = "Strict mode: accept only requests signed by this public key (PEM file; repeatable).",
            DefaultValueFactory = _ => [],
        };
        var wireMockFiles = new Option<string?>(WireMockFiles.Option)
        {
            Description = "Let WireMock mappings read and save files (BodyAsFile, /__admin/files, /__admin/mappings/save) under this directory; off by default.",
        };
        var command = new Command("objectstorage", "OCI Object Storage emulator (WireMock.Net; admin API at /__admin).")
        {
            host, port, ns, buckets, dataDir, seed, eventsUrl, journalSize, verify, wireMockFiles,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            WireMockWarmUp.Start();
            var options = new ObjectStorageEmulatorOptions
            {
                Host = result.GetValue(host)!,
                Port = result.GetValue(port),
                Namespace = result.GetValue(ns)!,
                Buckets = result.GetValue(buckets)!,
                DataDirectory = result.GetValue(dataDir),
                SeedDirectory = result.GetValue(seed),
                EventsUrl = result.GetValue(eventsUrl),
                TrustedPublicKeyFiles = result.GetValue(verify)!,
                WireMockFilesDirectory = result.GetValue(wireMockFiles),
                JournalSize = result.GetValue(journalSize),
            };
            return await EmulatorHost.RunAsync(
                "objectstorage",
                async (loggerFactory, ct) => await ObjectStorageEmulator.StartAsync(options, loggerFactory, ct),
                cancellationToken);
        });
        return command;
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using WireMock.Matchers.Request;
using WireMock.Settings;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Two things WireMock.Net does once per process on the way to the first answer, started on a pool thread
/// while the host is built so that they leave the critical path (about a third of the start-up otherwise):
/// its constructor writes the settings out as indented JSON with Newtonsoft.Json, whose contracts for every
/// settings type are built by reflection; and its first request looks for an optional MIME plug-in by
/// loading every DLL beside the executable and listing its types. Both keep what they found for the process.
/// </summary>
internal static class WireMockWarmUp
{
    public static void Start() => _ = Task.Run(static () =>
    {
        // The shape ObjectStorageEmulator.StartAsync passes, so the same contracts are built.
        JsonConvert.SerializeObject(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            Logger = new WireMockLogger(NullLogger.Instance),
            FileSystemHandler = new WireMockFiles(null),
            PreWireMockMiddlewareInit = static _ => { },
        }, Formatting.Indented);
        try
        {
            // Its only dependency is that plug-in: the search runs (and is remembered) even though this fails.
            _ = new RequestMessageMultiPartMatcher();
        }
        catch (InvalidOperationException)
        {
            // "MimeKit is required": the plug-in is absent, as in every WireMock.Net.Minimal install.
        }
    });
}

using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DevHarness.Emulators.ObjectStorage;
using DevHarness.Integration.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// An in-process Object Storage emulator posting its events to a recording receiver, and a key for Oracle's
/// official TypeScript SDK (run from <c>tests/node/objectstorage</c>) to sign with. Strict: the emulator
/// verifies every signature against that key and keeps its data in a directory (so both storage modes and
/// both signature modes are covered by running each test twice).
/// </summary>
internal sealed class OfficialSdkBed : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _directory = Directory.CreateTempSubdirectory("devharness-sdk-").FullName;
    private readonly WireMockServer _receiver;
    private bool _stopped;

    private OfficialSdkBed(WireMockServer receiver) => _receiver = receiver;

    public ObjectStorageEmulator Emulator { get; private set; } = null!;

    public static async Task<OfficialSdkBed> StartAsync(bool strict, TimeProvider? clock = null)
    {
        var receiver = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort.Next()}"] });
        receiver.Given(Request.Create().WithPath("/events").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        var bed = new OfficialSdkBed(receiver);
        var options = new ObjectStorageEmulatorOptions { Port = 0, EventsUrl = new Uri(receiver.Url + "/events"), Clock = clock ?? TimeProvider.System };
        if (strict)
        {
            var publicKeyFile = Path.Combine(bed._directory, "public.pem");
            await File.WriteAllTextAsync(publicKeyFile, bed._key.ExportSubjectPublicKeyInfoPem(), TestContext.Current.CancellationToken);
            options.TrustedPublicKeyFiles.Add(publicKeyFile);
            options.DataDirectory = Path.Combine(bed._directory, "data");
        }

        bed.Emulator = await ObjectStorageEmulator.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken)
            .WaitAsync(ObjectStorageTestContext.Timeout, TestContext.Current.CancellationToken);
        return bed;
    }

    /// <summary>Runs <c>tests/node/objectstorage/&lt;script&gt;</c> against the emulator and parses the JSON it printed.</summary>
    public async Task<JsonElement> RunAsync(string script, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["OS_ENDPOINT"] = Emulator.Url.ToString().TrimEnd('/'),
            ["OCI_PRIVATE_KEY"] = _key.ExportPkcs8PrivateKeyPem(),
        };
        var result = (await NodeClients.RunAsync($"objectstorage/{script}", environment, arguments, ScriptTimeout, TestContext.Current.CancellationToken)).EnsureSuccess();
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Stops the emulator, which first delivers every queued event, and returns the object events received
    /// (type without its prefix, bucket, object name), in the order they arrived: the emulator keeps each
    /// object's events in order, not the order between objects.
    /// </summary>
    public async Task<List<(string Type, string Bucket, string Name)>> StopAndReadEventsAsync()
    {
        await StopEmulatorAsync();
        return
        [
            .. _receiver.LogEntries
                .OrderBy(e => e.RequestMessage!.DateTime)
                .Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement)
                .Where(e => e.GetProperty("data").TryGetProperty("resourceName", out _))
                .Where(e => e.GetProperty("eventType").GetString()!.EndsWith("object", StringComparison.Ordinal))
                .Select(e => (
                    e.GetProperty("eventType").GetString()!["com.oraclecloud.objectstorage.".Length..],
                    e.GetProperty("data").GetProperty("additionalDetails").GetProperty("bucketName").GetString()!,
                    e.GetProperty("data").GetProperty("resourceName").GetString()!)),
        ];
    }

    /// <summary>A plain (unsigned) request, as a browser or curl sends one.</summary>
    public static async Task<HttpStatusCode> GetStatusAsync(string url)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopEmulatorAsync();
        _receiver.Stop();
        _receiver.Dispose();
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task StopEmulatorAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Emulator.DisposeAsync();
        }
    }
}

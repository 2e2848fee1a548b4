using System.Net;
using System.Text;
using System.Text.Json;
using DevHarness.Emulators.Events;
using DevHarness.Integration.Infrastructure;
using DevHarness.Integration.ObjectStorage;
using DevHarness.Integration.Streaming;
using DevHarness.Oci.Signing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHarness.Integration.Conformance;

/// <summary>
/// Every Object Storage and Streaming operation the emulators serve, and their admin endpoints, driven by
/// Oracle's official TypeScript SDK through Node (<c>tests/node/conformance</c>), three ways: with signature
/// checking off; in strict mode signed by the trusted key (everything passes); and in strict mode signed by
/// another key (everything is refused with 401 <c>NotAuthenticated</c>). The documented exception: requests
/// through a pre-authenticated request's URL carry no signature and succeed in all three. The scripts list the
/// operations, so a new one is one entry there, and this class checks it in all three modes.
/// </summary>
public sealed class OfficialSdkConformanceTests : IDisposable
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(3);
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    private readonly SdkKeys _keys = new();

    public enum Mode
    {
        /// <summary>No <c>--verify-signatures</c>: the emulators take any request.</summary>
        Open,

        /// <summary>Strict mode, the SDK signing with the trusted key.</summary>
        TrustedKey,

        /// <summary>Strict mode, the SDK signing with a key the emulator does not trust.</summary>
        OtherKey,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Mode.Open)]
    [InlineData(Mode.TrustedKey)]
    [InlineData(Mode.OtherKey)]
    public async Task ObjectStorage(Mode mode)
    {
        await using var os = await ObjectStorageTestContext.StartAsync(o =>
        {
            if (mode != Mode.Open)
            {
                o.TrustedPublicKeyFiles.Add(_keys.TrustedPublicKeyFile);
            }
        });

        var results = await RunAsync("conformance/objectstorage.mjs", mode, new()
        {
            ["OS_URL"] = os.Emulator.Url.ToString().TrimEnd('/'),
            ["NAMESPACE"] = "devharness",
            ["BUCKET"] = "conformance-" + Guid.NewGuid().ToString("N")[..8],
            ["COMPARTMENT"] = "ocid1.compartment.oc1..conformance",
            ["PAR_URI"] = await CreateParAsync(os),
        });

        Assert.Contains(results, r => r.Unsigned);
        AssertOutcome(mode, results);
    }

    [Theory]
    [InlineData(Mode.Open)]
    [InlineData(Mode.TrustedKey)]
    [InlineData(Mode.OtherKey)]
    public async Task Streaming(Mode mode)
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1,
            o => mode == Mode.Open ? o : o with { VerifySignaturesPublicKeyPath = _keys.TrustedPublicKeyFile });

        var results = await RunAsync("conformance/streaming.mjs", mode, new()
        {
            ["STREAM_URL"] = stream.Emulator.FacadeUrl.ToString().TrimEnd('/'),
            ["STREAM_ID"] = stream.Stream.Ocid,
            ["GROUP"] = "conformance-" + Guid.NewGuid().ToString("N")[..8],
            ["COMPARTMENT"] = "ocid1.compartment.oc1..conformance",
        });

        AssertOutcome(mode, results);
    }

    [Theory]
    [InlineData(Mode.Open)]
    [InlineData(Mode.TrustedKey)]
    [InlineData(Mode.OtherKey)]
    public async Task EventsAdmin(Mode mode)
    {
        var options = new EventsEmulatorOptions { Port = 0, Rules = [RulesFile.DefaultRule("http://127.0.0.1:1/call")] };
        if (mode != Mode.Open)
        {
            options.TrustedPublicKeyFiles.Add(_keys.TrustedPublicKeyFile);
        }

        await using var events = await EventsEmulator.StartAsync(options, NullLoggerFactory.Instance, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var results = await RunAsync("conformance/events.mjs", mode, new() { ["EVENTS_URL"] = events.Url.ToString().TrimEnd('/') });

        AssertOutcome(mode, results);
    }

    public void Dispose() => _keys.Dispose();

    private async Task<List<OperationResult>> RunAsync(string script, Mode mode, Dictionary<string, string> settings)
    {
        foreach (var (name, value) in _keys.Environment(signWithTrustedKey: mode != Mode.OtherKey))
        {
            settings[name] = value;
        }

        var run = (await NodeClients.RunAsync(script, settings, timeout: NodeTimeout, cancellationToken: Ct)).EnsureSuccess();
        var results = JsonSerializer.Deserialize<List<OperationResult>>(run.Stdout, ReportJson)
            ?? throw new InvalidOperationException($"{script} printed no results: {run.Stdout}");
        Assert.NotEmpty(results);
        return results;
    }

    /// <summary>
    /// Signed operations succeed, or with another key are all refused with 401; an operation sent unsigned by
    /// design (through a PAR's URL) succeeds in every mode.
    /// </summary>
    private static void AssertOutcome(Mode mode, List<OperationResult> results)
    {
        var wrong = results.Where(r => r.Unsigned || mode != Mode.OtherKey
            ? !r.Ok
            : r.Ok || r.Status != 401 || (r.Code != "NotAuthenticated" && !IsHead(r))).ToList();
        Assert.True(wrong.Count == 0, $"{mode}: expected every operation to {(mode == Mode.OtherKey ? "be refused with 401 NotAuthenticated (but those through a PAR to succeed)" : "succeed")}, but:\n"
            + string.Join("\n", wrong.Select(r => r.Ok ? $"  {r.Operation}: succeeded" : $"  {r.Operation}: {r.Status} {r.Code} {r.Message}")));
    }

    /// <summary>
    /// A bucket of its own and an AnyObjectReadWrite PAR on it (listing allowed), made with the trusted key
    /// before the script runs, so that requests through it can be tried whichever key the script signs with.
    /// </summary>
    private async Task<string> CreateParAsync(ObjectStorageTestContext os)
    {
        using var keys = _keys.TrustedKeyProvider();
        using var signed = new HttpClient(new RequestSigningHandler(keys) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = os.Emulator.Url };
        var bucket = "conformance-par-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await signed.PostAsync("/n/devharness/b/", JsonContent($$"""{"name":"{{bucket}}","compartmentId":"ocid1.compartment.oc1..conformance"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var par = await signed.PostAsync($"/n/devharness/b/{bucket}/p/", JsonContent(
            """{"name":"conformance","accessType":"AnyObjectReadWrite","bucketListingAction":"ListObjects","timeExpires":"2099-01-01T00:00:00Z"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, par.StatusCode);
        return JsonDocument.Parse(await par.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("accessUri").GetString()!;
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A HEAD error has no body, so no code (as on OCI; the Java SDK fails on a HEAD 404 body).</summary>
    private static bool IsHead(OperationResult result) => result.Operation.StartsWith("Head", StringComparison.Ordinal);

    /// <summary>One line of a conformance script's report.</summary>
    private sealed record OperationResult(string Operation, bool Unsigned, bool Ok, int? Status, string? Code, string? Message);
}

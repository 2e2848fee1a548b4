using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DevHarness.Emulators.Events;
using DevHarness.Integration.Infrastructure;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevHarness.Integration.Events;

/// <summary>
/// The events emulator's admin endpoints under <c>--verify-signatures</c>, dead letters that survive a
/// restart with <c>--data-dir</c>, and settings that would make it useless refused with a clear message.
/// </summary>
public sealed class EventsStrictModeAndSettingsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _folder = Directory.CreateTempSubdirectory("devharness-events-").FullName;
    private readonly string _publicKeyFile;

    public EventsStrictModeAndSettingsTests()
    {
        _publicKeyFile = Path.Combine(_folder, "public.pem");
        File.WriteAllText(_publicKeyFile, _key.ExportSubjectPublicKeyInfoPem());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InStrictModeTheAdminEndpointsNeedTheSignatureAndEventsStillGetIn()
    {
        await using var events = await StartAsync(o => o.TrustedPublicKeyFiles.Add(_publicKeyFile));
        using var anonymous = new HttpClient { BaseAddress = events.Url };
        using var signed = SignedClient(events);

        foreach (var path in new[] { "deadletters", "rules" })
        {
            using var refused = await anonymous.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct));
            Assert.Equal("NotAuthenticated", error.RootElement.GetProperty("code").GetString());
            using var served = await signed.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        var body = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("createbucket", "devharness", "uploads", null));
        using var accepted = await anonymous.PostAsync("events", new ByteArrayContent(body), Ct);
        using var health = await anonymous.GetAsync("health", Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task DeadLettersSurviveARestartWithADataFolder()
    {
        var data = Path.Combine(_folder, "data");
        await using (var first = await StartAsync(o => o.DataDirectory = data))
        {
            using var http = new HttpClient();
            var body = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("createobject", "devharness", "uploads", "lost.txt", "e-1"));
            using var _ = await http.PostAsync(first.EventsUrl, new ByteArrayContent(body), Ct);
            await Eventually.TrueAsync(() => first.Dispatcher.DeadLetters.Count == 1, "the dead letter");
        }

        // A crash mid-write leaves a torn last line: it is named, skipped, and the rest still loads.
        await File.AppendAllTextAsync(Path.Combine(data, DeadLetterStore.FileName), "{\"eventId\":\"torn", Ct);
        await using var second = await StartAsync(o => o.DataDirectory = data);

        var letter = Assert.Single(second.Dispatcher.DeadLetters);
        Assert.Equal("lost.txt", letter.ResourceName);
        Assert.Equal("lost.txt", letter.Event.GetProperty("data").GetProperty("resourceName").GetString());
        using var http2 = new HttpClient();
        using var listed = JsonDocument.Parse(await http2.GetStringAsync(new Uri(second.Url, "deadletters"), Ct));
        Assert.Equal("lost.txt", Assert.Single(listed.RootElement.EnumerateArray()).GetProperty("resourceName").GetString());
    }

    [Fact]
    public void ATornDeadLetterLineIsNamedByFileAndLine()
    {
        var data = Path.Combine(_folder, "torn");
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, DeadLetterStore.FileName);
        File.WriteAllText(file, "{\"eventId\":\"torn");

        var store = new DeadLetterStore(data);

        Assert.Empty(store.Loaded);
        Assert.Contains($"{file} line 1", Assert.Single(store.LoadProblems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "--max-attempts must be at least 1")]
    [InlineData(-3, "--max-attempts must be at least 1")]
    public async Task MaxAttemptsBelowOneIsRefused(int attempts, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o => o.MaxAttempts = attempts));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task AQueueLimitBelowOneIsRefused(int limit)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o => o.QueueLimit = limit));
        Assert.Contains($"--queue-limit must be at least 1, not {limit}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARuleTargetThatIsNotAFunctionAddressIsRefusedAtStart()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o => o.Rules = [RulesFile.DefaultRule("ftp://fn/call")]));
        Assert.Contains("'ftp://fn/call' is not an http(s) URL or unix:/path/to/lsnr.sock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoRulesAtAllIsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o => o.Rules = []));
        Assert.Contains("no rules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARulesFileWithNoRulesIsRefused()
    {
        var file = Path.Combine(_folder, "rules.json");
        await File.WriteAllTextAsync(file, """{ "rules": [] }""", Ct);

        var error = await Assert.ThrowsAsync<FormatException>(() => StartAsync(o =>
        {
            o.Rules = null;
            o.RulesFile = file;
        }));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("\"rules\" array is empty", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<EventsEmulator> StartAsync(Action<EventsEmulatorOptions> configure)
    {
        var options = new EventsEmulatorOptions
        {
            Port = 0,
            Rules = [RulesFile.DefaultRule("http://127.0.0.1:1/call")],
            MaxAttempts = 1,
            RetryDelay = TimeSpan.FromMilliseconds(20),
        };
        configure(options);
        return await EventsEmulator.StartAsync(options, NullLoggerFactory.Instance, Ct).WaitAsync(Timeout, Ct);
    }

    private HttpClient SignedClient(EventsEmulator events)
    {
        var copy = RSA.Create();
        copy.ImportParameters(_key.ExportParameters(includePrivateParameters: true));
        var keys = new ApiKeyProvider("ocid1.tenancy.oc1..test", "ocid1.user.oc1..test", ApiKeyProvider.ComputeFingerprint(copy), copy);
        return new HttpClient(new RequestSigningHandler(keys) { InnerHandler = new HttpClientHandler() }) { BaseAddress = events.Url };
    }
}

using System.Net;
using System.Text.Json;
using System.Text;
using DevHarness.Emulators.Events;
using DevHarness.Integration.Infrastructure;
using DevHarness.Integration.ObjectStorage;

namespace DevHarness.Integration.Events;

/// <summary>The events emulator over real sockets: Fn-contract invocation (HTTP and unix socket), retries, dead letters, end to end.</summary>
public sealed class EventsEmulatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MatchingEventInvokesTheFunctionOverHttpWithTheFnContract()
    {
        await using var function = await TestFunction.StartAsync();
        await using var events = await StartAsync(function.Target);
        var body = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("createobject", "devharness", "uploads", "a.csv", "e-1"));
        using var http = new HttpClient();
        using var response = await http.PostAsync(events.EventsUrl, new ByteArrayContent(body), TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using (var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Equal(["uploads-to-relay"], accepted.RootElement.GetProperty("matchedRules").EnumerateArray().Select(r => r.GetString()));
        }

        await Eventually.TrueAsync(() => !function.Calls.IsEmpty, "the invocation");
        var (headers, received) = function.Calls.Single();
        Assert.Equal(Encoding.UTF8.GetString(body), received);
        Assert.Equal("cloudevent", headers["Fn-Intent"]);
        Assert.False(string.IsNullOrEmpty(headers["Fn-Call-Id"]));
        var deadline = DateTimeOffset.Parse(headers["Fn-Deadline"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(deadline - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task NonMatchingEventsAreAcceptedButInvokeNothing()
    {
        await using var function = await TestFunction.StartAsync();
        await using var events = await StartAsync(function.Target);
        using var http = new HttpClient();
        var otherBucket = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("createobject", "devharness", "elsewhere", "a.csv", "e"));
        var bucketEvent = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("createbucket", "devharness", "uploads", null, "e"));
        foreach (var body in new[] { otherBucket, bucketEvent })
        {
            using var response = await http.PostAsync(events.EventsUrl, new ByteArrayContent(body), TestContext.Current.CancellationToken);
            using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Empty(accepted.RootElement.GetProperty("matchedRules").EnumerateArray());
        }

        Assert.Equal(0, events.Dispatcher.Pending);
        Assert.Empty(function.Calls);
    }

    [Fact]
    public async Task MalformedEventsAre400()
    {
        await using var events = await StartAsync("http://127.0.0.1:1/call");
        using var http = new HttpClient();
        using var notJson = await http.PostAsync(events.EventsUrl, new StringContent("nope"), TestContext.Current.CancellationToken);
        await OciErrorAssertLite.IsAsync(notJson, 400, "not JSON");
        using var noType = await http.PostAsync(events.EventsUrl, new StringContent("""{"data":{}}"""), TestContext.Current.CancellationToken);
        await OciErrorAssertLite.IsAsync(noType, 400, "eventType");
    }

    [Fact]
    public async Task InvokesAFunctionListeningOnARealUnixSocket()
    {
        var directory = Directory.CreateTempSubdirectory("fn-");
        try
        {
            await using var function = await TestFunction.StartAsync(unixSocket: Path.Combine(directory.FullName, "lsnr.sock"));
            await using var events = await StartAsync(function.Target);
            var body = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("updateobject", "devharness", "uploads", "u.bin", "e"));
            using var http = new HttpClient();
            using var response = await http.PostAsync(events.EventsUrl, new ByteArrayContent(body), TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => !function.Calls.IsEmpty, "the invocation over the unix socket");
            Assert.Equal(Encoding.UTF8.GetString(body), function.Calls.Single().Body);
            Assert.Empty(events.Dispatcher.DeadLetters);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task FailedInvocationsAreRetriedWithBackoffUntilTheySucceed()
    {
        await using var function = await TestFunction.StartAsync(call => call <= 2 ? (call == 1 ? 502 : 504) : 200);
        await using var events = await StartAsync(function.Target);
        using var http = new HttpClient();
        using var _ = await http.PostAsync(events.EventsUrl, new ByteArrayContent(ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("createobject", "devharness", "uploads", "r.txt", "e"))), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => function.Calls.Count == 3 && events.Dispatcher.Pending == 0, "three attempts");
        Assert.Empty(events.Dispatcher.DeadLetters);
        Assert.Equal(3, function.Calls.Select(c => c.Headers["Fn-Call-Id"]).Distinct().Count());
    }

    [Fact]
    public async Task OneObjectsEventsReachTheFunctionInOrderEvenWhileTheFirstIsRetried()
    {
        // The first call fails; while its retry waits, the object's delete must not overtake it.
        await using var function = await TestFunction.StartAsync(call => call == 1 ? 502 : 200);
        await using var events = await StartAsync(function.Target, retryDelay: TimeSpan.FromMilliseconds(500));
        using var http = new HttpClient();
        var create = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("createobject", "devharness", "uploads", "ordered.txt", "e"));
        var delete = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("deleteobject", "devharness", "uploads", "ordered.txt", "e"));
        var other = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("createobject", "devharness", "uploads", "other.txt", "e"));
        using var created = await http.PostAsync(events.EventsUrl, new ByteArrayContent(create), TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(() => !function.Calls.IsEmpty, "the first (failing) invocation");
        foreach (var body in new[] { delete, other })
        {
            using var _ = await http.PostAsync(events.EventsUrl, new ByteArrayContent(body), TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(() => function.Calls.Count == 4 && events.Dispatcher.Pending == 0, "four invocations");
        var ordered = function.Calls.Where(c => c.Body.Contains("ordered.txt", StringComparison.Ordinal))
            .Select(c => c.Body.Contains("deleteobject", StringComparison.Ordinal) ? "delete" : "create");
        Assert.Equal(["create", "create", "delete"], ordered);
        Assert.Empty(events.Dispatcher.DeadLetters);
    }

    [Fact]
    public async Task InvocationsThatKeepFailingBecomeDeadLettersWithTheReason()
    {
        await using var function = await TestFunction.StartAsync(_ => 502);
        await using var events = await StartAsync(function.Target, unreachableToo: true);
        using var http = new HttpClient();
        var body = ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts("createobject", "devharness", "uploads", "bad.txt", "e"));
        using var _ = await http.PostAsync(events.EventsUrl, new ByteArrayContent(body), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => events.Dispatcher.DeadLetters.Count == 2, "two dead letters");
        Assert.Equal(3, function.Calls.Count);

        using var response = await http.GetAsync(new Uri(events.Url, "deadletters"), TestContext.Current.CancellationToken);
        using var letters = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var byTarget = letters.RootElement.EnumerateArray().ToDictionary(l => l.GetProperty("target").GetString()!);
        var failed = byTarget[function.Target];
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(502, failed.GetProperty("lastStatus").GetInt32());
        Assert.Contains("function failed", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("bad.txt", failed.GetProperty("resourceName").GetString());
        Assert.Equal("bad.txt", failed.GetProperty("event").GetProperty("data").GetProperty("resourceName").GetString());
        Assert.Contains("cannot reach", byTarget["http://127.0.0.1:1/call"].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutObjectReachesTheFunctionThroughBothEmulatorsInOciShape()
    {
        await using var function = await TestFunction.StartAsync();
        await using var events = await StartAsync(function.Target);
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.EventsUrl = events.EventsUrl);
        using var put = await os.PutAsync("inbox/order 17.json", """{"id":17}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        await Eventually.TrueAsync(() => !function.Calls.IsEmpty, "the relayed event");
        using var delivered = JsonDocument.Parse(function.Calls.Single().Body);
        var root = delivered.RootElement;
        Assert.Equal(
            ["eventType", "cloudEventsVersion", "eventTypeVersion", "source", "eventTime", "contentType", "data", "eventID", "extensions"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("com.oraclecloud.objectstorage.createobject", root.GetProperty("eventType").GetString());
        Assert.Equal("/n/devharness/b/uploads/o/inbox/order 17.json", root.GetProperty("data").GetProperty("resourceId").GetString());
        Assert.Equal(put.Headers.GetValues("ETag").Single(), root.GetProperty("data").GetProperty("additionalDetails").GetProperty("eTag").GetString());
    }

    private static async Task<EventsEmulator> StartAsync(string target, bool unreachableToo = false, TimeSpan? retryDelay = null)
    {
        var rule = RulesFile.DefaultRule(target);
        if (unreachableToo)
        {
            rule = rule with { Targets = [target, "http://127.0.0.1:1/call"] };
        }

        var options = new EventsEmulatorOptions
        {
            Port = 0,
            Rules = [rule],
            MaxAttempts = 3,
            RetryDelay = retryDelay ?? TimeSpan.FromMilliseconds(20),
        };
        return await EventsEmulator.StartAsync(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TestContext.Current.CancellationToken)
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DevHarness.Integration.Infrastructure;
using OpenTelemetry.Trace;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>PutObject/DeleteObject → an OCI-shaped event at the events URL (docs/oci-facts.md §1), never failing the upload.</summary>
public sealed class ObjectStorageEventEmissionTests
{
    private static readonly string[] EnvelopeOrder = ["eventType", "cloudEventsVersion", "eventTypeVersion", "source", "eventTime", "contentType", "data", "eventID", "extensions"];

    [Fact]
    public async Task PutObjectPostsCreateThenUpdateEventInOciShapeUnderTheCallersTrace()
    {
        using var receiver = StartReceiver();
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.EventsUrl = new Uri(receiver.Url + "/events"));
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var create = await os.PutAsync("reports/Q1 ü.csv", "a,b\n", configure: r => r.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01"));
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        using var update = await os.PutAsync("reports/Q1 ü.csv", "a,b,c\n");

        await Eventually.TrueAsync(() => receiver.LogEntries.Skip(1).Any(), "two events");
        var entries = receiver.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).ToList();
        using var created = JsonDocument.Parse(entries[0].RequestMessage!.Body!);
        using var updated = JsonDocument.Parse(entries[1].RequestMessage!.Body!);

        var root = created.RootElement;
        Assert.Equal(EnvelopeOrder, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("com.oraclecloud.objectstorage.createobject", root.GetProperty("eventType").GetString());
        Assert.Equal("0.1", root.GetProperty("cloudEventsVersion").GetString());
        Assert.Equal("2.0", root.GetProperty("eventTypeVersion").GetString());
        Assert.Equal("ObjectStorage", root.GetProperty("source").GetString());
        Assert.Equal("application/json", root.GetProperty("contentType").GetString());
        Assert.True(Guid.TryParse(root.GetProperty("eventID").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("eventTime").GetString(), out _));
        var data = root.GetProperty("data");
        Assert.Equal("reports/Q1 ü.csv", data.GetProperty("resourceName").GetString());
        Assert.Equal("/n/devharness/b/uploads/o/reports/Q1 ü.csv", data.GetProperty("resourceId").GetString());
        var details = data.GetProperty("additionalDetails");
        Assert.Equal("uploads", details.GetProperty("bucketName").GetString());
        Assert.Equal("devharness", details.GetProperty("namespace").GetString());
        Assert.Equal("Available", details.GetProperty("archivalState").GetString());
        Assert.StartsWith("ocid1.bucket.", details.GetProperty("bucketId").GetString(), StringComparison.Ordinal);
        Assert.Equal(create.Headers.GetValues("ETag").Single(), details.GetProperty("eTag").GetString());
        Assert.Equal(data.GetProperty("compartmentId").GetString(), root.GetProperty("extensions").GetProperty("compartmentId").GetString());

        Assert.Equal("com.oraclecloud.objectstorage.updateobject", updated.RootElement.GetProperty("eventType").GetString());
        Assert.NotEqual(root.GetProperty("eventID").GetString(), updated.RootElement.GetProperty("eventID").GetString());

        var traceparent = entries[0].RequestMessage!.Headers!.First(h => h.Key.Equals("traceparent", StringComparison.OrdinalIgnoreCase)).Value.Single();
        Assert.Equal(traceId, traceparent.Split('-')[1]);
    }

    [Fact]
    public async Task EventStaysInTheCallersTraceWhenOnlyHttpClientTracingListens()
    {
        // What an in-process host with the service defaults does to every HttpClient in the process: trace
        // System.Net.Http and rewrite traceparent from the current activity. The emulator's own source is
        // not sampled here, so its event post must still run under the caller's context, or it goes out as
        // a fresh trace.
        using var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddHttpClientInstrumentation().Build();
        using var receiver = StartReceiver();
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.EventsUrl = new Uri(receiver.Url + "/events"));
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var put = await os.PutAsync("traced.txt", "x", configure: r => r.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        await Eventually.TrueAsync(() => receiver.LogEntries.Any(), "the event");
        var traceparent = receiver.LogEntries.Single().RequestMessage!.Headers!.First(h => h.Key.Equals("traceparent", StringComparison.OrdinalIgnoreCase)).Value.Single();
        Assert.Equal(traceId, traceparent.Split('-')[1]);
        Assert.NotEqual("00f067aa0ba902b7", traceparent.Split('-')[2]);
    }

    [Fact]
    public async Task DeleteObjectPostsDeleteEventAndDisabledBucketsPostNothing()
    {
        using var receiver = StartReceiver();
        var os = await ObjectStorageTestContext.StartAsync(o => o.EventsUrl = new Uri(receiver.Url + "/events"));
        await using (os)
        {
            await os.CreateBucketAsync("quiet", objectEventsEnabled: false);
            using var quiet = await os.PutAsync("q.txt", "x", bucket: "quiet");
            using var put = await os.PutAsync("gone.txt", "x");
            using var delete = await os.SendAsync(HttpMethod.Delete, ObjectStorageTestContext.ObjectPath("gone.txt"));
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            await Eventually.TrueAsync(() => receiver.LogEntries.Any(e => e.RequestMessage!.Body!.Contains("deleteobject", StringComparison.Ordinal)), "the delete event");
        }

        // Stopping the emulator drains every delivery lane: an event queued for the quiet bucket would have left by now.
        var types = receiver.LogEntries.OrderBy(e => e.RequestMessage!.DateTime)
            .Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement.GetProperty("eventType").GetString())
            .Where(t => t!.EndsWith("object", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(["com.oraclecloud.objectstorage.createobject", "com.oraclecloud.objectstorage.deleteobject"], types);
        Assert.DoesNotContain(receiver.LogEntries, e => e.RequestMessage!.Body!.Contains("q.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DownEventsEndpointNeverFailsTheUploadAndTheEventIsRetried()
    {
        var port = FreePort();
        var logs = new CapturingLoggerProvider();
        var options = new DevHarness.Emulators.ObjectStorage.ObjectStorageEmulatorOptions
        {
            Port = 0,
            EventsUrl = new Uri($"http://127.0.0.1:{port}/events"),
            EventRetryDelay = TimeSpan.FromMilliseconds(100),
            EventDeliveryAttempts = 50,
        };
        await using var emulator = await DevHarness.Emulators.ObjectStorage.ObjectStorageEmulator.StartAsync(options, logs, TestContext.Current.CancellationToken)
            .WaitAsync(ObjectStorageTestContext.Timeout, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = emulator.Url };
        using var put = await http.PutAsync(ObjectStorageTestContext.ObjectPath("late.txt"), new StringContent("x"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        await Eventually.TrueAsync(() => logs.Lines.Any(l => l.Contains("not delivered", StringComparison.Ordinal)), "a logged retry");
        using var receiver = StartReceiver(port);
        await Eventually.TrueAsync(() => receiver.LogEntries.Any(), "the retried event");
        Assert.Contains("late.txt", receiver.LogEntries.Single().RequestMessage!.Body!, StringComparison.Ordinal);
    }

    private static WireMockServer StartReceiver(int? port = null)
    {
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port ?? FreePort()}"] });
        server.Given(Request.Create().WithPath("/events").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        return server;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

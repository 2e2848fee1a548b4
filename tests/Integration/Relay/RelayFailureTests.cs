using System.Net.Sockets;
using System.Text.Json;
using DevHarness.Emulators.Streaming.Facade;
using DevHarness.Integration.Infrastructure;
using DevHarness.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DevHarness.Integration.Relay;

/// <summary>Transient failures are retried without loss; lasting ones fail the invocation and acknowledge nothing.</summary>
public sealed class RelayFailureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task ObjectStorageThrottlingIsRetriedThenTheObjectIsRelayed(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(build: build);
        await bed.UploadAsync("throttled.bin", new PatternStream(1024), 1024);
        bed.ObjectStorage.Server
            .Given(Request.Create().WithPath("/n/devharness/b/uploads/o/throttled.bin").UsingGet())
            .AtPriority(1)
            .InScenario("throttle-once")
            .WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
                .WithHeader("Content-Type", "application/json").WithBody("""{"code":"TooManyRequests","message":"slow down"}"""));

        var (status, answer) = await bed.CallAsync(TestEvents.Object("createobject", "throttled.bin"));

        Assert.True(status == 200, answer + Environment.NewLine + bed.Relay.Output);
        var gets = bed.ObjectStorage.Server.LogEntries.Count(e => e.RequestMessage?.Method == "GET" && e.RequestMessage.Path.EndsWith("/throttled.bin", StringComparison.Ordinal));
        Assert.Equal(2, gets);
        var messages = await bed.Tail.ReadExactlyAsync(2, TimeSpan.FromSeconds(1), Token);
        using var data = JsonDocument.Parse(messages[1].Message.Value);
        Assert.Equal(PatternStreamBytes(1024), data.RootElement.GetProperty("data_base64").GetBytesFromBase64());
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task FailedPutMessagesEntryIsRetriedAloneWithoutLossOrDuplicate(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(publisher: "rest", build: build);
        await bed.UploadAsync("entry-retry.bin", new PatternStream(1024), 1024);
        bed.Stream.Faults.Add(new FaultRule(FaultRule.FailEntry, EntryIndex: 1));
        var body = TestEvents.Object("createobject", "entry-retry.bin");

        var (status, answer) = await bed.CallAsync(body);

        Assert.True(status == 200, answer + Environment.NewLine + bed.Relay.Output);
        Assert.Empty(bed.Stream.Faults.Active);
        var messages = await bed.Tail.ReadExactlyAsync(2, TimeSpan.FromSeconds(1), Token);
        Assert.Equal(body, messages[0].Message.Value);
        using var data = JsonDocument.Parse(messages[1].Message.Value);
        Assert.Equal("relay.objectdata.v1", data.RootElement.GetProperty("type").GetString());
        Assert.Equal(PatternStreamBytes(1024), data.RootElement.GetProperty("data_base64").GetBytesFromBase64());
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task ThrottledPutMessagesIsRetriedUntilAccepted(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(publisher: "rest", build: build);
        bed.Stream.Faults.Add(new FaultRule(FaultRule.Throttle, Count: 2, RetryAfterSeconds: 0, Operations: ["PutMessages"]));
        var body = TestEvents.Object("deleteobject", "throttled-put.txt");

        var (status, answer) = await bed.CallAsync(body);

        Assert.True(status == 200, answer + Environment.NewLine + bed.Relay.Output);
        var messages = await bed.Tail.ReadExactlyAsync(1, TimeSpan.FromSeconds(1), Token);
        Assert.Equal(body, messages[0].Message.Value);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task BrokerDownFailsTheInvocationWith502AndTheRelayKeepsServing(string build)
    {
        var closedPort = ClosedPort();
        await using var bed = await RelayTestBed.StartAsync(build: build, overrides: new Dictionary<string, string?>
        {
            ["Stream__BootstrapServers"] = $"127.0.0.1:{closedPort}",
            ["Stream__DeliveryTimeoutMs"] = "2000",
        });

        var (status, answer) = await bed.CallAsync(TestEvents.Object("deleteobject", "nowhere.txt"));

        Assert.Equal(502, status);
        Assert.Contains("Kafka delivery of message 0 to topic 'relay' failed", answer, StringComparison.Ordinal);
        Assert.False(bed.Relay.HasExited);
        var (again, _) = await bed.CallAsync("{}"u8.ToArray());
        Assert.Equal(400, again);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task FnModeRelaysAnObjectEndToEnd(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(fnMode: true, build: build);
        var body = await File.ReadAllBytesAsync(Path.Combine(RelayTestBed.FixturesDirectory, "events", "createobject.json"), Token);

        var (status, answer) = await bed.CallAsync(body);

        Assert.True(status == 200, answer + Environment.NewLine + bed.Relay.Output);
        var messages = await bed.Tail.ReadExactlyAsync(2, TimeSpan.FromSeconds(1), Token);
        Assert.Equal(body, messages[0].Message.Value);
        // The relay's console logger writes asynchronously: the line may trail the response.
        await Eventually.TrueAsync(() => bed.Relay.Output.Contains("Relayed ", StringComparison.Ordinal), "the relay's invocation log line");
    }

    private static byte[] PatternStreamBytes(int length)
    {
        var bytes = new byte[length];
        using var stream = new PatternStream(length);
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

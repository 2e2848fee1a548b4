using System.Net;
using System.Text.Json;
using DevHarness.Integration.Infrastructure;
using DevHarness.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DevHarness.Integration.Relay;

/// <summary>
/// Faults a new user meets, each answered as documented: a 404 that is not a deleted object fails
/// the call, a graceful stop exits 0, a call without Fn-Deadline gets the default deadline, and a TLS
/// client against a plaintext listener says so. Real processes and sockets, for the JIT and the AOT build.
/// </summary>
public sealed class RelayFaultTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task AMissingBucketFailsTheCallNamingTheOciCodeInsteadOfRelayingAMissingObject(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(build: build);

        var (status, answer) = await bed.CallAsync(TestEvents.Object("createobject", "a.txt", bucket: "no-such-bucket"));

        Assert.Equal(502, status);
        using var body = JsonDocument.Parse(answer);
        Assert.Equal("failed", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("BucketNotFound", body.RootElement.GetProperty("code").GetString());
        var message = body.RootElement.GetProperty("message").GetString()!;
        Assert.Contains("404 BucketNotFound: Either the bucket named 'no-such-bucket' does not exist", message, StringComparison.Ordinal);
        Assert.Contains("This is not a deleted object", message, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => bed.Relay.Output.Contains("Failed ", StringComparison.Ordinal)
            && bed.Relay.Output.Contains("404 BucketNotFound", StringComparison.Ordinal), "the relay's failure log line naming the code");
        await bed.Tail.ReadExactlyAsync(0, TimeSpan.FromSeconds(1), Token);
    }

    [Fact]
    public async Task AMissingNamespaceFailsTheCallNamingTheOciCode()
    {
        await using var bed = await RelayTestBed.StartAsync();

        var (status, answer) = await bed.CallAsync(TestEvents.Object("createobject", "a.txt", @namespace: "othertenancy"));

        Assert.Equal(502, status);
        Assert.Contains("\"code\":\"NamespaceNotFound\"", answer, StringComparison.Ordinal);
        await bed.Tail.ReadExactlyAsync(0, TimeSpan.FromSeconds(1), Token);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task AMissingReadPolicyIsA502InFnModeAndTheLogNamesTheCode(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(fnMode: true, build: build);
        await bed.UploadAsync("forbidden.txt", new PatternStream(16), 16);

        // What OCI answers when the function's dynamic group has no `read objects` policy for the bucket.
        bed.ObjectStorage.Server
            .Given(Request.Create().WithPath("/n/devharness/b/uploads/o/forbidden.txt").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                .WithBody("""{"code":"NotAuthorizedOrNotFound","message":"Authorization failed or requested resource not found."}"""));

        var (status, _) = await bed.CallAsync(TestEvents.Object("createobject", "forbidden.txt"));

        Assert.Equal(502, status);
        await Eventually.TrueAsync(() => bed.Relay.Output.Contains("404 NotAuthorizedOrNotFound: Authorization failed", StringComparison.Ordinal),
            "the relay's failure log line naming the OCI code and message");
        await bed.Tail.ReadExactlyAsync(0, TimeSpan.FromSeconds(1), Token);
    }

    [Theory]
    [InlineData(RelayBuild.JitName, "kafka", false)]
    [InlineData(RelayBuild.JitName, "kafka", true)]
    [InlineData(RelayBuild.JitName, "rest", false)]
    [InlineData(RelayBuild.JitName, "rest", true)]
    [InlineData(RelayBuild.AotName, "kafka", false)]
    [InlineData(RelayBuild.AotName, "kafka", true)]
    [InlineData(RelayBuild.AotName, "rest", false)]
    [InlineData(RelayBuild.AotName, "rest", true)]
    public async Task AGracefulStopAfterRelayingExitsZero(string build, string publisher, bool fnMode)
    {
        await using var bed = await RelayTestBed.StartAsync(publisher, fnMode: fnMode, build: build);
        var body = TestEvents.Object("deleteobject", "stop.txt");
        Assert.Equal(200, (await bed.CallAsync(body)).Status);
        await bed.Tail.ReadAsync(1, Token);

        var exitCode = await bed.Relay.StopAsync(Token);

        Assert.True(exitCode == 0, $"exit code {exitCode}:{Environment.NewLine}{bed.Relay.Output}");
        Assert.DoesNotContain("Unhandled exception", bed.Relay.Output, StringComparison.Ordinal);
        if (fnMode)
        {
            Assert.False(File.Exists(bed.Relay.SocketPath), "The Fn listener link outlived the relay.");
        }
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task AGracefulStopWithDeliveriesACancelledCallLeftBehindReportsThemAndExitsZero(string build)
    {
        // A broker that never answers keeps both messages queued in the producer; the call's deadline cancels it first.
        using var silentBroker = new SilentServer();
        await using var bed = await RelayTestBed.StartAsync(build: build, fnMode: true, overrides: new Dictionary<string, string?>
        {
            ["Stream__BootstrapServers"] = $"127.0.0.1:{silentBroker.Url.Port}",
            ["Stream__DeliveryTimeoutMs"] = "60000",
        });
        await bed.UploadAsync("queued.txt", new PatternStream(16), 16);

        // The deadline leaves ample time to read the object and queue both messages, even on a loaded machine.
        using (var response = await FnContractTests.CallAsync(bed.Relay, TestEvents.Object("createobject", "queued.txt"), TimeSpan.FromSeconds(8)))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        }

        var exitCode = await bed.Relay.StopAsync(Token);

        Assert.True(exitCode == 0, $"exit code {exitCode}:{Environment.NewLine}{bed.Relay.Output}");
        Assert.Contains("Stopping with 2 Kafka message(s) undelivered", bed.Relay.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", bed.Relay.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task AnHttpCallWithoutFnDeadlineIsAnswered504AtTheDefaultDeadline(string build)
    {
        await using var stream = await RelayEnvironment.StartStreamAsync(Token);
        using var hangingObjectStorage = new SilentServer();
        var environment = RelayEnvironment.For(stream, hangingObjectStorage.Url);
        environment["Relay__DefaultDeadlineSeconds"] = "2";
        await using var relay = await RelayProcess.StartHttpAsync(environment, Token, RelayBuilds.Get(build));

        using var response = await relay.Client.PostAsync("call", new ByteArrayContent(TestEvents.Object("createobject", "hangs.bin")), Token)
            .WaitAsync(TimeSpan.FromSeconds(60), Token);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("deadline", body.RootElement.GetProperty("error").GetString());
        Assert.Contains("default deadline of 2 s", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(relay.HasExited);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task SaslAgainstAPlaintextListenerNamesTheCause(string build)
    {
        await using var bed = await RelayTestBed.StartAsync(build: build, overrides: new Dictionary<string, string?>
        {
            ["Stream__SaslUsername"] = "tenancy/user/ocid1.streampool.oc1..p",
            ["Stream__AuthToken"] = "s3cret-token",
            ["Stream__DeliveryTimeoutMs"] = "3000",
        });

        var (status, answer) = await bed.CallAsync(TestEvents.Object("deleteobject", "sasl.txt"));

        Assert.True(status == 502 && answer.Contains("it looks like a plaintext listener", StringComparison.Ordinal),
            $"{status} {answer}{Environment.NewLine}{bed.Relay.Output}");
        Assert.Contains("Kafka delivery of message 0 to topic 'relay' failed", answer, StringComparison.Ordinal);
        Assert.Contains("Remove Stream:AuthToken and Stream:SaslUsername", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", answer, StringComparison.Ordinal);
    }
}

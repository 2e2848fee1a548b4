using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using System.Text;
using DevHarness.Integration.Infrastructure;
using DevHarness.Support;

namespace DevHarness.Integration.Relay;

/// <summary>
/// The test plays the Fn agent (docs/oci-facts.md §8.1–8.2): the relay runs as a separate process with
/// <c>FN_LISTENER</c> in a temp directory, and every call goes over the unix socket; the JIT build and the
/// Native AOT executable alike.
/// </summary>
public sealed class FnContractTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    [UnsupportedOSPlatform("windows")]
    public async Task ListenerIsRelativeLinkToWorldWritableSocketAndCallRelaysEvent(string build)
    {
        await using var stream = await RelayEnvironment.StartStreamAsync(Token);
        using var tail = RelayEnvironment.Tail(stream);
        using var silent = new SilentServer();
        await using var relay = await RelayProcess.StartFnAsync(RelayEnvironment.For(stream, silent.Url), Token, RelayBuilds.Get(build));

        var link = new FileInfo(relay.SocketPath!);
        Assert.Equal("phonylsnr.sock", link.LinkTarget);
        var phony = Path.Combine(link.DirectoryName!, "phonylsnr.sock");
        Assert.Equal((UnixFileMode)0b110_110_110, File.GetUnixFileMode(phony));

        var body = TestEvents.Object("deleteobject", "archive/old-report.json");
        using var response = await CallAsync(relay, body, TimeSpan.FromSeconds(30));
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text + Environment.NewLine + relay.Output);
        Assert.StartsWith("fdk-devharness/", response.Headers.GetValues("Fn-Fdk-Version").Single(), StringComparison.Ordinal);
        Assert.StartsWith("dotnet/", response.Headers.GetValues("Fn-Fdk-Runtime").Single(), StringComparison.Ordinal);

        var messages = await tail.ReadExactlyAsync(1, TimeSpan.FromSeconds(1), Token);
        Assert.Equal(TestEvents.Key("archive/old-report.json"), Encoding.UTF8.GetString(messages[0].Message.Key));
        Assert.Equal(body, messages[0].Message.Value);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task MalformedEventIs502AndTheNextCallStillWorks(string build)
    {
        await using var stream = await RelayEnvironment.StartStreamAsync(Token);
        using var tail = RelayEnvironment.Tail(stream);
        using var silent = new SilentServer();
        await using var relay = await RelayProcess.StartFnAsync(RelayEnvironment.For(stream, silent.Url), Token, RelayBuilds.Get(build));

        var malformed = Encoding.UTF8.GetBytes("""{"eventType":"com.oraclecloud.objectstorage.createobject","eventID":"x","eventTime":"2026-11-20T09:14:03Z","data":{"resourceName":"a.txt","additionalDetails":{"namespace":"devharness"}}}""");
        using (var response = await CallAsync(relay, malformed, TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }

        // The relay's console logger writes asynchronously: the line may trail the response.
        await Eventually.TrueAsync(
            () => relay.Output.Contains("data.additionalDetails.bucketName is missing", StringComparison.Ordinal), "the relay to log the malformed field");

        var body = TestEvents.Object("deleteobject", "after-malformed.txt");
        using (var response = await CallAsync(relay, body, TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var messages = await tail.ReadExactlyAsync(1, TimeSpan.FromSeconds(1), Token);
        Assert.Equal(body, messages[0].Message.Value);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task DeadlineOnAHangingObjectIs504AndTheProcessServesTheNextCall(string build)
    {
        await using var stream = await RelayEnvironment.StartStreamAsync(Token);
        using var tail = RelayEnvironment.Tail(stream);
        using var silent = new SilentServer();
        await using var relay = await RelayProcess.StartFnAsync(RelayEnvironment.For(stream, silent.Url), Token, RelayBuilds.Get(build));

        // Fn-Deadline has second precision: two seconds ahead leaves between one and two.
        var started = DateTimeOffset.UtcNow;
        using (var response = await CallAsync(relay, TestEvents.Object("createobject", "slow.bin"), TimeSpan.FromSeconds(2)))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        }

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(3), "The 504 came after the deadline.");
        Assert.False(relay.HasExited);

        var body = TestEvents.Object("deleteobject", "after-timeout.txt");
        using (var response = await CallAsync(relay, body, TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Nothing of the timed-out call reached the stream: the object was never opened, so nothing was published.
        var messages = await tail.ReadExactlyAsync(1, TimeSpan.FromSeconds(1), Token);
        Assert.Equal(body, messages[0].Message.Value);
    }

    [Theory]
    [MemberData(nameof(RelayBuilds.All), MemberType = typeof(RelayBuilds))]
    public async Task GatewayIntentCarriesTheHttpStatusInFnHttpStatus(string build)
    {
        await using var stream = await RelayEnvironment.StartStreamAsync(Token);
        using var silent = new SilentServer();
        await using var relay = await RelayProcess.StartFnAsync(RelayEnvironment.For(stream, silent.Url), Token, RelayBuilds.Get(build));

        using var request = new HttpRequestMessage(HttpMethod.Post, "call") { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Headers.Add("Fn-Call-Id", "gateway-1");
        request.Headers.Add("Fn-Intent", "httprequest");
        request.Headers.Add("Fn-Http-Method", "POST");
        request.Headers.Add("Fn-Http-Request-Url", "/relay");
        using var response = await relay.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("400", response.Headers.GetValues("Fn-Http-Status").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"field\":\"eventType\"", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    /// <summary>A call as the agent makes it: Fn-Call-Id, Fn-Deadline and a chunked body.</summary>
    internal static async Task<HttpResponseMessage> CallAsync(RelayProcess relay, byte[] body, TimeSpan deadline)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "call")
        {
            // A stream of unknown length goes out chunked, as the agent may send it.
            Content = new StreamContent(new UnseekableStream(body)),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("Fn-Call-Id", Guid.NewGuid().ToString("N"));
        request.Headers.Add("Fn-Deadline", (DateTimeOffset.UtcNow + deadline).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        request.Content.Headers.ContentType = new("application/json");
        return await relay.Client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
    }

    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

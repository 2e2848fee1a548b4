using System.Net;
using DevHarness.Oci.Streaming;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Integration.Streaming;

/// <summary>The OCI errors a user would otherwise meet only in the cloud, in OCI's shape, with opc-request-id.</summary>
public sealed class FacadeErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestOverOneMegabyteIsRejectedNamingTheLimitAndTheEntry()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var half = Convert.ToBase64String(new byte[600 * 1024]);
        using var response = await stream.Client.PostAsync("/messages", $$"""{"messages":[{"value":"{{half}}"},{"value":"{{half}}"}]}""");

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidParameter", error.Code);
        Assert.Contains("1048576", error.Message, StringComparison.Ordinal);
        Assert.Contains("messages[1]", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadAll(stream));
    }

    [Fact]
    public async Task AKeyOver256BytesIsRejectedNamingTheEntry()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var key = Convert.ToBase64String(new byte[257]);
        using var response = await stream.Client.PostAsync("/messages", $$"""{"messages":[{"value":"AA=="},{"key":"{{key}}","value":"AA=="}]}""");

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidParameter", error.Code);
        Assert.Contains("messages[1].key", error.Message, StringComparison.Ordinal);
        Assert.Contains("256", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadAll(stream));
    }

    [Fact]
    public async Task A256ByteKeyAndAOneMebibyteValueAreAccepted()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var result = await stream.Client.PutAsync([new PutMessagesDetailsEntry(new byte[256], new byte[StreamLimits.MaxRequestBytes - 256])]);
        Assert.Equal(0, result.Failures);
    }

    [Theory]
    [InlineData("""{"messages":[{"value":123}]}""", "messages[0].value")]
    [InlineData("""{"messages":[{"value":"not base64!"}]}""", "messages[0].value")]
    [InlineData("""{"messages":[{"key":"AA=="}]}""", "messages[0].value")]
    [InlineData("""{"messages":{}}""", "messages")]
    [InlineData("""{"messages":[]}""", "messages")]
    [InlineData("""{}""", "messages")]
    [InlineData("""not json""", "body")]
    public async Task AMalformedPutMessagesBodyIsRejectedNamingTheField(string body, string field)
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using var response = await stream.Client.PostAsync("/messages", body);

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidParameter", error.Code);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"partition":"7","type":"TRIM_HORIZON"}""", "partition '7'")]
    [InlineData("""{"type":"TRIM_HORIZON"}""", "partition is required")]
    [InlineData("""{"partition":"0","type":"SOMETIME"}""", "type")]
    [InlineData("""{"partition":"0","type":"AT_OFFSET"}""", "offset is required")]
    [InlineData("""{"partition":"0","type":"AT_OFFSET","offset":99}""", "offset 99 is outside partition 0")]
    [InlineData("""{"partition":"0","type":"AT_TIME"}""", "time is required")]
    public async Task ABadCreateCursorRequestIsRejectedNamingTheField(string body, string expected)
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 2);
        using var response = await stream.Client.PostAsync("/cursors", body);

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownStreamIsNotAuthorizedOrNotFound()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using var response = await stream.Client.Http.GetAsync("20180418/streams/ocid1.stream.oc1.local.nope", Ct);

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("NotAuthorizedOrNotFound", error.Code);
        Assert.Contains("ocid1.stream.oc1.local.nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedCursorIsRejected()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var cursor = await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon);
        var forged = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        foreach (var bad in new[] { forged, "garbage", cursor[..^4] })
        {
            using var response = await stream.Client.Http.GetAsync(stream.Client.PathOf("/messages") + "?cursor=" + Uri.EscapeDataString(bad), Ct);
            var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains("cursor is not valid", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ACursorExpiresAfterFiveMinutes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1, o => o with { TimeProvider = clock });
        var cursor = await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon);

        clock.Advance(TimeSpan.FromMinutes(4.9));
        var (_, next) = await stream.Client.GetMessagesAsync(cursor);
        clock.Advance(TimeSpan.FromMinutes(0.2));
        using var expired = await stream.Client.Http.GetAsync(stream.Client.PathOf("/messages") + "?cursor=" + cursor, Ct);

        var error = await FacadeClient.ErrorAsync(expired, HttpStatusCode.BadRequest);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        var (messages, _) = await stream.Client.GetMessagesAsync(next);
        Assert.Empty(messages);
    }

    [Fact]
    public async Task ACursorForAnotherStreamIsRejected()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1,
            o => o with { Streams = [.. o.Streams, new("ocid1.stream.oc1.local.other", "other-" + Guid.NewGuid().ToString("N")[..8], 1)] });
        var cursor = await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon);

        using var response = await stream.Client.Http.GetAsync("20180418/streams/ocid1.stream.oc1.local.other/messages?cursor=" + cursor, Ct);
        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("was issued for stream", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("ten")]
    public async Task ALimitOutsideOneToTenThousandIsRejected(string limit)
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        var cursor = await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon);
        using var response = await stream.Client.Http.GetAsync(stream.Client.PathOf("/messages") + $"?cursor={cursor}&limit={limit}", Ct);

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("limit must be a whole number from 1 to 10000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGivenOpcRequestIdIsEchoedAndOneIsMintedOtherwise()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, stream.Client.PathOf());
        request.Headers.Add("opc-request-id", "mine-123");
        using var echoed = await stream.Client.Http.SendAsync(request, Ct);
        using var minted = await stream.Client.Http.GetAsync(stream.Client.PathOf(), Ct);

        Assert.Equal("mine-123", echoed.Headers.GetValues("opc-request-id").Single());
        Assert.StartsWith("local:", minted.Headers.GetValues("opc-request-id").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOperationIsAnOciNotFound()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using var response = await stream.Client.Http.DeleteAsync(stream.Client.PathOf("/messages"), Ct);

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("NotFound", error.Code);
    }

    private static async Task<List<Message>> ReadAll(TestStream stream)
    {
        var (messages, _) = await stream.Client.GetMessagesAsync(await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon));
        return messages;
    }
}

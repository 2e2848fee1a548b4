using System.Text.Json;
using DevHarness.Oci.Streaming;
using DevHarness.Unit.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DevHarness.Unit.Streaming;

public sealed class StreamClientTests : IDisposable
{
    private const string StreamId = "ocid1.stream.oc1.phx.amaaaaaastream";
    private readonly OciTestServer _server = new();
    private readonly StreamClient _client;

    public StreamClientTests() => _client = new StreamClient(_server.Http);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task PutMessagesPostsBase64KeysAndValuesAndReadsResultsInOrder()
    {
        _server.Server.Given(Request.Create().WithPath($"/20180418/streams/{StreamId}/messages").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithHeader("opc-request-id", "put-1").WithBody("""
                {"failures":1,"entries":[
                  {"partition":"0","offset":42,"timestamp":"2024-05-02T10:15:01.123Z"},
                  {"error":"TooManyRequests","errorMessage":"partition throughput exceeded"}]}
                """));

        var result = await _client.PutMessagesAsync(StreamId, new PutMessagesDetails(
        [
            new PutMessagesDetailsEntry("key1"u8.ToArray(), "value1"u8.ToArray()),
            new PutMessagesDetailsEntry(null, "value2"u8.ToArray()),
        ]), Ct);

        Assert.Equal(1, result.Failures);
        Assert.True(result.Entries[0].IsSuccess);
        Assert.Equal("0", result.Entries[0].Partition);
        Assert.Equal(42, result.Entries[0].Offset);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 10, 15, 1, 123, TimeSpan.Zero), result.Entries[0].Timestamp);
        Assert.False(result.Entries[1].IsSuccess);
        Assert.Equal("TooManyRequests", result.Entries[1].Error);
        Assert.Equal("partition throughput exceeded", result.Entries[1].ErrorMessage);

        var request = _server.SingleRequest;
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        using var sent = JsonDocument.Parse(request.Body!);
        var messages = sent.RootElement.GetProperty("messages");
        Assert.Equal("a2V5MQ==", messages[0].GetProperty("key").GetString());
        Assert.Equal("dmFsdWUx", messages[0].GetProperty("value").GetString());
        Assert.False(messages[1].TryGetProperty("key", out _), "a null key is omitted, as OCI lets the service pick one");
        Assert.Equal("dmFsdWUy", messages[1].GetProperty("value").GetString());
    }

    [Fact]
    public async Task PutMessagesRejectsAnAnswerThatDoesNotMatchTheRequest()
    {
        _server.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"failures":0,"entries":[]}"""));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            _client.PutMessagesAsync(StreamId, new PutMessagesDetails([new PutMessagesDetailsEntry(null, [1])]), Ct));

        Assert.Contains("sent 1 messages but the answer has 0 entries", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CursorType.AfterOffset, """{"partition":"2","type":"AFTER_OFFSET","offset":41}""")]
    [InlineData(CursorType.AtOffset, """{"partition":"2","type":"AT_OFFSET","offset":41}""")]
    [InlineData(CursorType.AtTime, """{"partition":"2","type":"AT_TIME","time":"2024-05-02T10:00:00.000Z"}""")]
    [InlineData(CursorType.Latest, """{"partition":"2","type":"LATEST"}""")]
    [InlineData(CursorType.TrimHorizon, """{"partition":"2","type":"TRIM_HORIZON"}""")]
    public async Task CreateCursorSendsEachTypeAsOciDoes(CursorType type, string expectedBody)
    {
        _server.Server.Given(Request.Create().WithPath($"/20180418/streams/{StreamId}/cursors").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"value":"opaque-cursor=="}"""));
        var details = type switch
        {
            CursorType.AfterOffset or CursorType.AtOffset => new CreateCursorDetails("2", type, Offset: 41),
            CursorType.AtTime => new CreateCursorDetails("2", type, Time: new DateTimeOffset(2024, 5, 2, 10, 0, 0, TimeSpan.Zero)),
            _ => new CreateCursorDetails("2", type),
        };

        var cursor = await _client.CreateCursorAsync(StreamId, details, Ct);

        Assert.Equal("opaque-cursor==", cursor.Value);
        Assert.Equal(expectedBody, _server.SingleRequest.Body);
    }

    [Fact]
    public async Task CreateGroupCursorSendsGroupSettings()
    {
        _server.Server.Given(Request.Create().WithPath($"/20180418/streams/{StreamId}/groupCursors").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"value":"group-cursor"}"""));

        var cursor = await _client.CreateGroupCursorAsync(StreamId,
            new CreateGroupCursorDetails(CursorType.TrimHorizon, "relay-consumers", InstanceName: "i-1", TimeoutInMs: 30000, CommitOnGet: true), Ct);

        Assert.Equal("group-cursor", cursor.Value);
        Assert.Equal("""{"type":"TRIM_HORIZON","groupName":"relay-consumers","instanceName":"i-1","timeoutInMs":30000,"commitOnGet":true}""", _server.SingleRequest.Body);
    }

    [Fact]
    public async Task GroupCursorsOfOffsetTypesAreRejectedBeforeSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateGroupCursorAsync(StreamId, new CreateGroupCursorDetails(CursorType.AtOffset, "g"), Ct));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GetMessagesPassesCursorAndLimitAndReadsTheNextCursor()
    {
        _server.Server.Given(Request.Create().WithPath($"/20180418/streams/{StreamId}/messages").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithHeader("opc-next-cursor", "next==").WithHeader("opc-request-id", "get-1").WithBody("""
                [{"stream":"relay","partition":"0","key":"a2V5MQ==","value":"dmFsdWUx","offset":0,"timestamp":"2020-11-03T21:52:58.470Z"},
                 {"stream":"relay","partition":"0","key":null,"value":"dmFsdWUy","offset":1,"timestamp":"2020-11-03T21:52:58.471Z"}]
                """));

        var page = await _client.GetMessagesAsync(StreamId, "cur+/=", 500, Ct);

        Assert.Equal("next==", page.NextCursor);
        Assert.Equal("get-1", page.OpcRequestId);
        Assert.Equal(2, page.Messages.Count);
        Assert.Equal("relay", page.Messages[0].Stream);
        Assert.Equal("key1"u8.ToArray(), page.Messages[0].Key);
        Assert.Equal("value1"u8.ToArray(), page.Messages[0].Value);
        Assert.Null(page.Messages[1].Key);
        Assert.Equal(1, page.Messages[1].Offset);
        Assert.Equal(new DateTimeOffset(2020, 11, 3, 21, 52, 58, 470, TimeSpan.Zero), page.Messages[0].Timestamp);
        var query = _server.SingleRequest.Query!;
        Assert.Equal("cur+/=", query["cursor"].Single());
        Assert.Equal("500", query["limit"].Single());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task GetMessagesLimitOutsideOciRangeIsRejected(int limit)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.GetMessagesAsync(StreamId, "c", limit, Ct));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GetStreamReadsTheStreamModel()
    {
        _server.Server.Given(Request.Create().WithPath($"/20180418/streams/{StreamId}").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$$"""
                {"id":"{{{StreamId}}}","name":"relay","partitions":3,"retentionInHours":24,"compartmentId":"c",
                 "streamPoolId":"p","lifecycleState":"ACTIVE","timeCreated":"2024-05-02T10:00:00Z",
                 "messagesEndpoint":"https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com","freeformTags":{},"definedTags":{}}
                """));

        var stream = await _client.GetStreamAsync(StreamId, Ct);

        Assert.Equal("relay", stream.Name);
        Assert.Equal(3, stream.Partitions);
        Assert.Equal("ACTIVE", stream.LifecycleState);
        Assert.Equal("https://cell-1.streaming.us-phoenix-1.oci.oraclecloud.com", stream.MessagesEndpoint);
    }

    [Fact]
    public async Task CommitAndHeartbeatPostTheCursorInTheQuery()
    {
        _server.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"value":"after"}"""));

        Assert.Equal("after", (await _client.CommitAsync(StreamId, "c 1", Ct)).Value);
        Assert.Equal("after", (await _client.HeartbeatAsync(StreamId, "c 2", Ct)).Value);

        var requests = _server.Requests;
        Assert.Equal($"/20180418/streams/{StreamId}/commit", requests[0].Path);
        Assert.Equal("c 1", requests[0].Query!["cursor"].Single());
        Assert.Equal($"/20180418/streams/{StreamId}/heartbeat", requests[1].Path);
        Assert.Equal("c 2", requests[1].Query!["cursor"].Single());
    }
}

using System.Net;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.Streaming;

/// <summary>POST /_admin/faults makes requests fail the ways OCI can; DELETE clears.</summary>
public sealed class FaultInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThrottleAnswersTheNextNRequestsWith429AndRetryAfter()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        await AddFaultAsync(stream, """{"mode":"throttle","count":2,"retryAfterSeconds":3,"operations":["PutMessages"]}""");

        for (var i = 0; i < 2; i++)
        {
            using var throttled = await stream.Client.PostAsync("/messages", """{"messages":[{"value":"AA=="}]}""");
            var error = await FacadeClient.ErrorAsync(throttled, HttpStatusCode.TooManyRequests);
            Assert.Equal("TooManyRequests", error.Code);
            Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter?.Delta);
        }

        var ok = await stream.Client.PutAsync((null, "after"));
        Assert.Equal(0, ok.Failures);
        var (messages, _) = await stream.Client.GetMessagesAsync(await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon));
        Assert.Equal(["after"], messages.Select(m => System.Text.Encoding.UTF8.GetString(m.Value)));
    }

    [Fact]
    public async Task AnErrorFractionAppliesUntilCleared()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        await AddFaultAsync(stream, """{"mode":"error","fraction":1.0}""");

        for (var i = 0; i < 3; i++)
        {
            using var failed = await stream.Client.Http.GetAsync(stream.Client.PathOf(), Ct);
            Assert.Equal("InternalServerError", (await FacadeClient.ErrorAsync(failed, HttpStatusCode.InternalServerError)).Code);
        }

        using (var cleared = await stream.Client.Http.DeleteAsync("_admin/faults", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        }

        using var healthy = await stream.Client.Http.GetAsync(stream.Client.PathOf(), Ct);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task AFailedEntryIsReportedInPlaceWhileTheOthersAreWritten()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        await AddFaultAsync(stream, """{"mode":"failEntry","entryIndex":1,"errorCode":"TooManyRequests"}""");

        var result = await stream.Client.PutAsync((null, "a"), (null, "b"), (null, "c"));

        Assert.Equal(1, result.Failures);
        Assert.True(result.Entries[0].IsSuccess);
        Assert.Equal("TooManyRequests", result.Entries[1].Error);
        Assert.False(string.IsNullOrEmpty(result.Entries[1].ErrorMessage));
        Assert.True(result.Entries[2].IsSuccess);
        var (messages, _) = await stream.Client.GetMessagesAsync(await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon));
        Assert.Equal(["a", "c"], messages.Select(m => System.Text.Encoding.UTF8.GetString(m.Value)));

        var again = await stream.Client.PutAsync((null, "a"), (null, "b"));
        Assert.Equal(0, again.Failures);
    }

    [Theory]
    [InlineData("""{"mode":"explode"}""", "mode")]
    [InlineData("""{"mode":"error","count":0}""", "count")]
    [InlineData("""{"mode":"error","fraction":1.5}""", "fraction")]
    [InlineData("""{"mode":"error","count":1,"fraction":0.5}""", "either count")]
    public async Task ABadFaultIsRejected(string body, string expected)
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        using var response = await stream.Client.Http.PostAsync("_admin/faults", new StringContent(body), Ct);

        var error = await FacadeClient.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static async Task AddFaultAsync(TestStream stream, string json)
    {
        using var response = await stream.Client.Http.PostAsync("_admin/faults", new StringContent(json), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

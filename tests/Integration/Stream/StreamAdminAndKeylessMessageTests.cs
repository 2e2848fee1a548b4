using System.Net;
using System.Text.Json;
using DevHarness.Oci;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// What the official SDKs see beyond the data plane: ListStreams (StreamAdminClient), and messages without a
/// key shown as <c>"key": null</c>, as OCI writes them.
/// </summary>
public sealed class StreamAdminAndKeylessMessageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMessageWithoutAKeyIsReadBackWithKeyNull()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 1);
        await stream.Client.PutAsync((null, "keyless"));
        var cursor = await stream.Client.CreateCursorAsync(0, CursorType.TrimHorizon);

        using var response = await stream.Client.Http.GetAsync(stream.Client.PathOf("/messages") + "?cursor=" + Uri.EscapeDataString(cursor), Ct);
        using var messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var message = Assert.Single(messages.RootElement.EnumerateArray());
        Assert.True(message.TryGetProperty("key", out var key), "the key field is present");
        Assert.Equal(JsonValueKind.Null, key.ValueKind);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", message.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task ListStreamsReturnsTheConfiguredStreamsAndFiltersByName()
    {
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 2);
        var http = stream.Client.Http;

        var all = JsonSerializer.Deserialize(await http.GetStringAsync("20180418/streams?compartmentId=ocid1.compartment.oc1..any", Ct), OciJsonContext.Default.ListStreamInfo)!;
        var named = JsonSerializer.Deserialize(await http.GetStringAsync($"20180418/streams?compartmentId=c&name={stream.Topic}", Ct), OciJsonContext.Default.ListStreamInfo)!;
        var none = JsonSerializer.Deserialize(await http.GetStringAsync("20180418/streams?compartmentId=c&name=absent", Ct), OciJsonContext.Default.ListStreamInfo)!;
        using var badLimit = await http.GetAsync("20180418/streams?compartmentId=c&limit=0", Ct);

        var listed = Assert.Single(all);
        Assert.Equal(stream.Stream.Ocid, listed.Id);
        Assert.Equal(2, listed.Partitions);
        Assert.Equal("ACTIVE", listed.LifecycleState);
        Assert.Equal(stream.Emulator.FacadeUrl.ToString().TrimEnd('/'), listed.MessagesEndpoint);
        Assert.Equal(stream.Stream.Ocid, Assert.Single(named).Id);
        Assert.Empty(none);
        Assert.Contains("limit", (await FacadeClient.ErrorAsync(badLimit, HttpStatusCode.BadRequest)).Message, StringComparison.Ordinal);
    }
}

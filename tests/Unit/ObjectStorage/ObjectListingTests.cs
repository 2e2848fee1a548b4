using DevHarness.Oci.ObjectStorage;
using DevHarness.Unit.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace DevHarness.Unit.ObjectStorage;

public sealed class ObjectListingTests : IDisposable
{
    private readonly OciTestServer _server = new();
    private readonly ObjectStorageClient _client;

    public ObjectListingTests() => _client = new ObjectStorageClient(_server.Http);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ListObjectsParsesARealShapedPage()
    {
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""
                {"objects":[{"name":"dir/a.txt","size":12,"md5":"base64==","timeCreated":"2024-05-02T10:15:01.123Z",
                  "etag":"e-a","storageTier":"Standard","archivalState":null,"timeModified":"2024-05-02T10:15:02Z"}],
                 "prefixes":["dir/sub/"],"nextStartWith":"dir/b.txt"}
                """));

        var page = await _client.ListObjectsAsync("ns", "bkt", new ListObjectsOptions(Prefix: "dir/", Delimiter: "/", Fields: "name,size,etag,md5,timeCreated,timeModified,storageTier"), Ct);

        var summary = Assert.Single(page.Objects);
        Assert.Equal("dir/a.txt", summary.Name);
        Assert.Equal(12, summary.Size);
        Assert.Equal("e-a", summary.Etag);
        Assert.Equal("base64==", summary.Md5);
        Assert.Equal("Standard", summary.StorageTier);
        Assert.Null(summary.ArchivalState);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 10, 15, 1, 123, TimeSpan.Zero), summary.TimeCreated);
        Assert.Equal(["dir/sub/"], page.Prefixes!);
        Assert.Equal("dir/b.txt", page.NextStartWith);
        var query = _server.SingleRequest.Query!;
        Assert.Equal("dir/", query["prefix"].Single());
        Assert.Equal("/", query["delimiter"].Single());
    }

    [Fact]
    public async Task ListAllObjectsFollowsNextStartWithOverSeveralPages()
    {
        // Page 1 (no start) → "c"; start=c → "e"; start=e → last page (no nextStartWith).
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o").UsingGet().WithParam("start", "c")).AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"objects":[{"name":"c"},{"name":"d"}],"nextStartWith":"e"}"""));
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o").UsingGet().WithParam("start", "e")).AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"objects":[{"name":"e"}]}"""));
        _server.Server.Given(Request.Create().WithPath("/n/ns/b/bkt/o").UsingGet()).AtPriority(5)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"objects":[{"name":"a"},{"name":"b"}],"nextStartWith":"c"}"""));

        var names = new List<string>();
        await foreach (var summary in _client.ListAllObjectsAsync("ns", "bkt", new ListObjectsOptions(Prefix: "", Limit: 2, StartAfter: "0"), Ct))
        {
            names.Add(summary.Name);
        }

        Assert.Equal(["a", "b", "c", "d", "e"], names);
        var requests = _server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.False(requests[0].Query!.ContainsKey("start"));
        Assert.Equal("0", requests[0].Query!["startAfter"].Single());
        Assert.Equal("c", requests[1].Query!["start"].Single());
        Assert.Equal("e", requests[2].Query!["start"].Single());
        Assert.All(requests, r => Assert.Equal("2", r.Query!["limit"].Single()));
        Assert.All(requests.Skip(1), r => Assert.False(r.Query!.ContainsKey("startAfter")));
    }

    [Fact]
    public async Task ListAllObjectsStopsOnAServerThatRepeatsItself()
    {
        _server.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"objects":[{"name":"a"}],"nextStartWith":"a"}"""));

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var summary in _client.ListAllObjectsAsync("ns", "bkt", cancellationToken: Ct))
            {
                Assert.Equal("a", summary.Name);
            }
        });

        Assert.Contains("never end", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task ListLimitBelowOneIsRejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.ListObjectsAsync("ns", "bkt", new ListObjectsOptions(Limit: 0), Ct));
        Assert.Empty(_server.Requests);
    }
}

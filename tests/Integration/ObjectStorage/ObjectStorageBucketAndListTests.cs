using System.Net;
using System.Text;
using System.Text.Json;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>Namespace, bucket and ListObjects semantics over raw HTTP (docs/oci-facts.md §4).</summary>
public sealed class ObjectStorageBucketAndListTests
{
    [Fact]
    public async Task NamespaceIsAJsonString()
    {
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.Namespace = "devharness");
        using var response = await os.SendAsync(HttpMethod.Get, "/n/");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("\"devharness\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task BucketLifecycleFollowsOci()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        await os.CreateBucketAsync("reports");
        using var duplicate = await os.Http.PostAsync("/n/devharness/b/", new StringContent("""{"name":"reports","compartmentId":"ocid1.compartment.oc1..x"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await OciErrorAssert.IsErrorAsync(duplicate, 409, "BucketAlreadyExists");

        using var get = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/reports");
        using (var bucket = JsonDocument.Parse(await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Equal("reports", bucket.RootElement.GetProperty("name").GetString());
            Assert.Equal("devharness", bucket.RootElement.GetProperty("namespace").GetString());
            Assert.True(bucket.RootElement.GetProperty("objectEventsEnabled").GetBoolean());
        }

        using var head = await os.SendAsync(HttpMethod.Head, "/n/devharness/b/reports");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Headers.Contains("ETag"));

        using var list = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/?compartmentId=ocid1.compartment.oc1..test");
        using (var buckets = JsonDocument.Parse(await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Equal(["reports", "uploads"], buckets.RootElement.EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        }

        using var _ = await os.PutAsync("x.txt", "x", bucket: "reports");
        using var notEmpty = await os.SendAsync(HttpMethod.Delete, "/n/devharness/b/reports");
        await OciErrorAssert.IsErrorAsync(notEmpty, 409, "BucketNotEmpty");
        using var __ = await os.SendAsync(HttpMethod.Delete, ObjectStorageTestContext.ObjectPath("x.txt", "reports"));
        using var deleted = await os.SendAsync(HttpMethod.Delete, "/n/devharness/b/reports");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/reports");
        await OciErrorAssert.IsErrorAsync(gone, 404, "BucketNotFound");
    }

    [Fact]
    public async Task InvalidCreateBucketBodiesAre400()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var malformed = await os.Http.PostAsync("/n/devharness/b/", new StringContent("{not json", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await OciErrorAssert.IsErrorAsync(malformed, 400, "CannotParseRequest");
        using var missing = await os.Http.PostAsync("/n/devharness/b/", new StringContent("""{"name":"x"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await OciErrorAssert.IsErrorAsync(missing, 400, "MissingParameter");
        using var badName = await os.Http.PostAsync("/n/devharness/b/", new StringContent("""{"name":"no/slash","compartmentId":"c"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await OciErrorAssert.IsErrorAsync(badName, 400, "InvalidParameter");
    }

    [Fact]
    public async Task ListingIsInUtf8ByteOrderWithBoundsAndFields()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        // UTF-16 ordinal order would put U+FF21 after U+1F600; UTF-8 byte order (OCI's) puts it before.
        string[] names = ["b", "a/1", "a/2", "a-", "\uFF21", "\U0001F600", "c"];
        foreach (var name in names)
        {
            using var _ = await os.PutAsync(name, name);
        }

        Assert.Equal(["a-", "a/1", "a/2", "b", "c", "\uFF21", "\U0001F600"], await NamesAsync(os, ""));
        Assert.Equal(["a/1", "a/2"], await NamesAsync(os, "?prefix=a/"));
        Assert.Equal(["b", "c"], await NamesAsync(os, "?start=b&end=d"));
        Assert.Equal(["c", "\uFF21", "\U0001F600"], await NamesAsync(os, "?startAfter=b"));

        using var fields = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o?prefix=b&fields=name,size,md5,etag,timeCreated");
        using var json = JsonDocument.Parse(await fields.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var entry = json.RootElement.GetProperty("objects")[0];
        Assert.Equal(1, entry.GetProperty("size").GetInt64());
        Assert.True(entry.TryGetProperty("md5", out _));
        Assert.True(entry.TryGetProperty("etag", out _));
        Assert.True(entry.TryGetProperty("timeCreated", out _));
        Assert.False(entry.TryGetProperty("storageTier", out _));
        Assert.False(json.RootElement.TryGetProperty("nextStartWith", out _));
        Assert.False(json.RootElement.TryGetProperty("prefixes", out _));

        using var byDefault = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o?prefix=b");
        using var nameOnly = JsonDocument.Parse(await byDefault.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["name"], nameOnly.RootElement.GetProperty("objects")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task DelimiterFoldsFoldersIntoPrefixes()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        foreach (var name in new[] { "top.txt", "dir/a.txt", "dir/sub/b.txt", "other/c.txt" })
        {
            using var _ = await os.PutAsync(name, "x");
        }

        using var root = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o?delimiter=/");
        using var rootJson = JsonDocument.Parse(await root.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["top.txt"], rootJson.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(["dir/", "other/"], rootJson.RootElement.GetProperty("prefixes").EnumerateArray().Select(p => p.GetString()));

        using var dir = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o?delimiter=/&prefix=dir/");
        using var dirJson = JsonDocument.Parse(await dir.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["dir/a.txt"], dirJson.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(["dir/sub/"], dirJson.RootElement.GetProperty("prefixes").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task PaginationOver2500ObjectsVisitsEachOnceInOrder()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        var expected = Enumerable.Range(0, 2500).Select(i => $"item-{i:D5}").ToList();
        await Parallel.ForEachAsync(expected, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (name, _) =>
        {
            using var put = await os.PutAsync(name, "x");
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        });

        var seen = new List<string>();
        var pages = 0;
        string? next = null;
        do
        {
            var query = next is null ? "" : $"?start={Uri.EscapeDataString(next)}";
            using var page = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o" + query);
            using var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var objects = json.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToList();
            Assert.True(objects.Count <= 1000);
            seen.AddRange(objects);
            next = json.RootElement.TryGetProperty("nextStartWith", out var n) ? n.GetString() : null;
            pages++;
        }
        while (next is not null);

        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?limit=abc")]
    [InlineData("?delimiter=-")]
    [InlineData("?fields=name,colour")]
    public async Task InvalidListParametersAre400(string query)
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var response = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o" + query);
        await OciErrorAssert.IsErrorAsync(response, 400, "InvalidParameter");
    }

    private static async Task<List<string>> NamesAsync(ObjectStorageTestContext os, string query)
    {
        using var response = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o" + query);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return [.. json.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("name").GetString()!)];
    }
}

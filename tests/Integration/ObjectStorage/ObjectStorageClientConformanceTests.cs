using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DevHarness.Oci;
using DevHarness.Oci.ObjectStorage;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>The emulator through <c>src/Oci</c>'s <see cref="ObjectStorageClient"/>: what the client sends is understood and what it gets back parses.</summary>
public sealed class ObjectStorageClientConformanceTests
{
    private const string Ns = "devharness";

    [Fact]
    public async Task EveryObjectOperationRoundTripsThroughTheClient()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        var client = new ObjectStorageClient(os.Http);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(Ns, await client.GetNamespaceAsync(cancellationToken: ct));

        var bucket = await client.CreateBucketAsync(Ns, new CreateBucketDetails("client-bucket", "ocid1.compartment.oc1..test", ObjectEventsEnabled: true), ct);
        Assert.Equal("client-bucket", bucket.Name);
        Assert.True((await client.GetBucketAsync(Ns, "client-bucket", ct)).ObjectEventsEnabled);

        const string name = "folder/Grüße & co+1 %.txt";
        var body = Encoding.UTF8.GetBytes("hello from the client");
        var put = await client.PutObjectAsync(Ns, "client-bucket", name, new MemoryStream(body),
            new PutObjectOptions(ContentType: "text/plain", Metadata: new Dictionary<string, string> { ["origin"] = "test" }), ct);
        Assert.False(string.IsNullOrEmpty(put.ETag));

        await using (var get = await client.GetObjectAsync(Ns, "client-bucket", name, cancellationToken: ct))
        {
            using var copy = new MemoryStream();
            await get.Content.CopyToAsync(copy, ct);
            Assert.Equal(body, copy.ToArray());
            Assert.Equal("text/plain", get.ContentType);
            Assert.Equal(put.ETag, get.ETag);
            Assert.Equal("test", get.Metadata["origin"]);
        }

        await using (var range = await client.GetObjectAsync(Ns, "client-bucket", name, new GetObjectOptions(Range: new RangeHeaderValue(0, 4)), ct))
        {
            Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
            using var reader = new StreamReader(range.Content);
            Assert.Equal("hello", await reader.ReadToEndAsync(ct));
        }

        await using (var notModified = await client.GetObjectAsync(Ns, "client-bucket", name, new GetObjectOptions(IfNoneMatch: put.ETag), ct))
        {
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        Assert.Equal(body.Length, (await client.HeadObjectAsync(Ns, "client-bucket", name, cancellationToken: ct)).ContentLength);
        Assert.Null(await client.TryHeadObjectAsync(Ns, "client-bucket", "absent", cancellationToken: ct));

        var listed = await client.ListObjectsAsync(Ns, "client-bucket", cancellationToken: ct);
        Assert.Equal([name], listed.Objects.Select(o => o.Name));

        await client.DeleteObjectAsync(Ns, "client-bucket", name, cancellationToken: ct);
        var missing = await Assert.ThrowsAsync<OciException>(() => client.HeadObjectAsync(Ns, "client-bucket", name, cancellationToken: ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ErrorsSurfaceAsOciExceptionsWithCodeAndRequestId()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        var client = new ObjectStorageClient(os.Http);
        var error = await Assert.ThrowsAsync<OciException>(() => client.GetBucketAsync(Ns, "no-such-bucket", TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("BucketNotFound", error.Code);
        Assert.StartsWith("local-1:", error.OpcRequestId, StringComparison.Ordinal);

        var conflict = await Assert.ThrowsAsync<OciException>(() => client.CreateBucketAsync(Ns, new CreateBucketDetails("uploads", "ocid1.compartment.oc1..test"), TestContext.Current.CancellationToken));
        Assert.Equal("BucketAlreadyExists", conflict.Code);
    }

    [Fact]
    public async Task ListAllObjectsPagesThroughTheEmulator()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        var client = new ObjectStorageClient(os.Http);
        var names = Enumerable.Range(0, 1500).Select(i => $"p/{i:D4}").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (name, ct) =>
            await client.PutObjectAsync(Ns, "uploads", name, new MemoryStream([1]), cancellationToken: ct));

        var listed = new List<string>();
        await foreach (var summary in client.ListAllObjectsAsync(Ns, "uploads", cancellationToken: TestContext.Current.CancellationToken))
        {
            listed.Add(summary.Name);
        }

        Assert.Equal(names, listed);
    }
}

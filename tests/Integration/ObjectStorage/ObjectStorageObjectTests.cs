using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

// Content-MD5 is MD5 by OCI's protocol, not as a security measure.
#pragma warning disable CA5351

namespace DevHarness.Integration.ObjectStorage;

/// <summary>Object operations over raw HTTP, as an OCI SDK or curl sends them (docs/oci-facts.md §4).</summary>
public sealed class ObjectStorageObjectTests
{
    [Fact]
    public async Task PutThenGetReturnsBytesAndOciHeaders()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        var body = Encoding.UTF8.GetBytes("region,units\nemea,12\n");
        using var put = await os.PutAsync("report.csv", body, configure: r =>
        {
            r.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            r.Headers.Add("opc-meta-owner", "team-a");
            r.Headers.Add("opc-client-request-id", "client-42");
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var md5 = Convert.ToBase64String(MD5.HashData(body));
        Assert.Equal(md5, put.Headers.GetValues("opc-content-md5").Single());
        Assert.Equal("client-42", put.Headers.GetValues("opc-client-request-id").Single());
        var etag = ETagOf(put);

        using var get = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("report.csv"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(body, await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(body.Length, get.Content.Headers.ContentLength);
        Assert.Equal("text/csv", get.Content.Headers.ContentType!.MediaType);
        Assert.Equal(md5, Convert.ToBase64String(get.Content.Headers.ContentMD5!));
        Assert.Equal(etag, ETagOf(get));
        Assert.Equal("team-a", get.Headers.GetValues("opc-meta-owner").Single());
        Assert.Equal("Standard", get.Headers.GetValues("storage-tier").Single());
        Assert.NotNull(get.Content.Headers.LastModified);
        Assert.True(get.Headers.Contains("opc-request-id"));
    }

    [Fact]
    public async Task ContentTypeDefaultsToOctetStreamAndEtagChangesOnEveryWrite()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var first = await os.PutAsync("a.bin", [1, 2, 3]);
        using var second = await os.PutAsync("a.bin", [1, 2, 3]);
        Assert.NotEqual(ETagOf(first), ETagOf(second));
        using var head = await os.SendAsync(HttpMethod.Head, ObjectStorageTestContext.ObjectPath("a.bin"));
        Assert.Equal("application/octet-stream", head.Content.Headers.ContentType!.MediaType);
        Assert.Equal(3, head.Content.Headers.ContentLength);
        Assert.Equal(ETagOf(second), ETagOf(head));
    }

    [Fact]
    public async Task ContentMd5MismatchIsRejectedWithOcisMessageAndStoresNothing()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        var wrong = Convert.ToBase64String(MD5.HashData("other"u8));
        using var put = await os.PutAsync("checked.txt", "payload"u8.ToArray(), configure: r => r.Content!.Headers.ContentMD5 = Convert.FromBase64String(wrong));
        var message = await OciErrorAssert.IsErrorAsync(put, 400, "InvalidParameter");
        Assert.Equal($"The computed MD5 of the request body ({Convert.ToBase64String(MD5.HashData("payload"u8))}) does not match the Content-MD5 header ({wrong})", message);
        using var get = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("checked.txt"));
        await OciErrorAssert.IsErrorAsync(get, 404, "ObjectNotFound");

        using var good = await os.PutAsync("checked.txt", "payload"u8.ToArray(), configure: r => r.Content!.Headers.ContentMD5 = MD5.HashData("payload"u8));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task ConditionalPutsHonourIfNoneMatchAndIfMatch()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var create = await os.PutAsync("c.txt", "v1"u8.ToArray(), configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", "*"));
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        using var again = await os.PutAsync("c.txt", "v2"u8.ToArray(), configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", "*"));
        await OciErrorAssert.IsErrorAsync(again, 412, "IfNoneMatchFailed");

        using var stale = await os.PutAsync("c.txt", "v2"u8.ToArray(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "not-the-etag"));
        await OciErrorAssert.IsErrorAsync(stale, 412, "IfMatchFailed");
        using var fresh = await os.PutAsync("c.txt", "v2"u8.ToArray(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", ETagOf(create)));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        using var get = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("c.txt"));
        Assert.Equal("v2", await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConditionalGetsReturn304And412()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var put = await os.PutAsync("g.txt", "data");
        var etag = ETagOf(put);
        using var notModified = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("g.txt"), h => h.TryAddWithoutValidation("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        using var failed = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("g.txt"), h => h.TryAddWithoutValidation("If-Match", "other"));
        await OciErrorAssert.IsErrorAsync(failed, 412, "IfMatchFailed");
        using var matched = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("g.txt"), h => h.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal("data", await matched.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("bytes=0-3", 206, "0123", "bytes 0-3/10")]
    [InlineData("bytes=6-", 206, "6789", "bytes 6-9/10")]
    [InlineData("bytes=-3", 206, "789", "bytes 7-9/10")]
    [InlineData("bytes=8-100", 206, "89", "bytes 8-9/10")]
    [InlineData("bytes=0-", 206, "0123456789", "bytes 0-9/10")]
    public async Task RangeReturnsPartialContent(string range, int status, string expected, string contentRange)
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var _ = await os.PutAsync("digits.txt", "0123456789");
        using var get = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("digits.txt"), h => h.TryAddWithoutValidation("Range", range));
        Assert.Equal(status, (int)get.StatusCode);
        Assert.Equal(expected, await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(contentRange, get.Content.Headers.ContentRange!.ToString());
        Assert.Equal(expected.Length, get.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task UnsatisfiableRangeIs416WithContentRange()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var _ = await os.PutAsync("digits.txt", "0123456789");
        using var get = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("digits.txt"), h => h.TryAddWithoutValidation("Range", "bytes=10-20"));
        await OciErrorAssert.IsErrorAsync(get, 416, "InvalidRange");
        Assert.Equal("bytes */10", get.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task HeadOfMissingObjectIs404WithoutBody()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var head = await os.SendAsync(HttpMethod.Head, ObjectStorageTestContext.ObjectPath("missing.txt"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.True(head.Headers.Contains("opc-request-id"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Null(head.Content.Headers.ContentType);
    }

    [Fact]
    public async Task DeleteIs204ThenObjectIsGone()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var _ = await os.PutAsync("d.txt", "x");
        using var delete = await os.SendAsync(HttpMethod.Delete, ObjectStorageTestContext.ObjectPath("d.txt"));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var again = await os.SendAsync(HttpMethod.Delete, ObjectStorageTestContext.ObjectPath("d.txt"));
        var message = await OciErrorAssert.IsErrorAsync(again, 404, "ObjectNotFound");
        Assert.Contains("'d.txt'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("folder/sub folder/file name.txt")]
    [InlineData("a+b=c&d.csv")]
    [InlineData("100%/real?.txt")]
    [InlineData("hash#tag")]
    [InlineData("Grüße/東京/😀.bin")]
    [InlineData("trailing/")]
    public async Task HardNamesRoundTripWhetherSlashIsEscapedOrNot(string name)
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var put = await os.PutAsync(name, Encoding.UTF8.GetBytes(name));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        // The SDK form (%2F) and the curl form (literal '/') name the same object.
        var literalSlash = "/n/devharness/b/uploads/o/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
        foreach (var path in new[] { ObjectStorageTestContext.ObjectPath(name), literalSlash })
        {
            using var get = await os.SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(name, await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using var list = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o");
        using var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(name, json.RootElement.GetProperty("objects")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task LiteralPlusInPathIsAPlusNotASpace()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var put = await os.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/n/devharness/b/uploads/o/a+b.txt") { Content = new StringContent("plus") });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var get = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("a+b.txt"));
        Assert.Equal("plus", await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var space = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("a b.txt"));
        Assert.Equal(HttpStatusCode.NotFound, space.StatusCode);
    }

    [Theory]
    [InlineData("line\nfeed")]
    [InlineData("carriage\rreturn")]
    public async Task ControlCharactersInNamesAre400(string name)
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var put = await os.PutAsync(name, "x");
        var message = await OciErrorAssert.IsErrorAsync(put, 400, "InvalidParameter");
        Assert.Contains("line feed", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NulInNameIs400()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        // Kestrel itself refuses an encoded NUL in the path (before WireMock); the status is still 400.
        using var put = await os.PutAsync("nul\0byte", "x");
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
    }

    [Fact]
    public async Task NamesOver1024Utf8BytesAre400()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var ok = await os.PutAsync(new string('é', 512), "x");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var tooLong = await os.PutAsync(new string('é', 512) + "a", "x");
        var message = await OciErrorAssert.IsErrorAsync(tooLong, 400, "InvalidParameter");
        Assert.Contains("1025 bytes", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingBucketAndWrongNamespaceAreOciErrors()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        using var bucket = await os.PutAsync("x", "x", bucket: "nope");
        var message = await OciErrorAssert.IsErrorAsync(bucket, 404, "BucketNotFound");
        Assert.Equal("Either the bucket named 'nope' does not exist in the namespace 'devharness' or you are not authorized to access it", message);
        using var ns = await os.SendAsync(HttpMethod.Get, "/n/othernamespace/b/uploads/o");
        await OciErrorAssert.IsErrorAsync(ns, 404, "NamespaceNotFound");
        using var unknown = await os.SendAsync(HttpMethod.Get, "/20160918/instances");
        await OciErrorAssert.IsErrorAsync(unknown, 404, "NotFound");
    }

    // OCI sends entity tags unquoted, which HttpClient's typed ETag property does not parse.
    private static string ETagOf(HttpResponseMessage response) => response.Headers.GetValues("ETag").Single();
}

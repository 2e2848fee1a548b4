using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// What the store does around multipart uploads, PARs and versions, over raw HTTP: a broken part upload
/// never shows, a bucket holding uploads, PARs or versions cannot be deleted, bad part numbers are refused,
/// and with <c>--data-dir</c> all three survive a restart.
/// </summary>
public sealed class MultipartAndVersionStoreTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("devharness-os-").FullName;

    [Fact]
    public async Task APartWhoseUploadBreaksOffNeverShowsAndLeavesNoFileBehind()
    {
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory);
        var uploadId = await CreateUploadAsync(os, "broken.bin");

        // Announce 1 MiB, send 64 KiB, hang up: what the server staged must vanish.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(os.Emulator.Url.Host, os.Emulator.Url.Port, TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            var head = $"PUT /n/devharness/b/uploads/u/broken.bin?uploadId={uploadId}&uploadPartNum=1 HTTP/1.1\r\nHost: {os.Emulator.Url.Authority}\r\nContent-Length: 1048576\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
            await stream.WriteAsync(new byte[64 * 1024], TestContext.Current.CancellationToken);
            await stream.FlushAsync(TestContext.Current.CancellationToken);
        }

        var staging = Path.Combine(_dataDirectory, ".staging");
        await Eventually.TrueAsync(() => !Directory.EnumerateFiles(staging).Any(), "the broken part's staging file to be deleted");
        Assert.Empty(await ListAsync(os, $"/n/devharness/b/uploads/u/broken.bin?uploadId={uploadId}"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dataDirectory, ".multipart-uploads", uploadId), "*.part"));
        using var head2 = await os.SendAsync(HttpMethod.Head, ObjectStorageTestContext.ObjectPath("broken.bin"));
        Assert.Equal(HttpStatusCode.NotFound, head2.StatusCode);
    }

    [Fact]
    public async Task PartNumbersOutside1To10000AndMissingUploadIdsAreRefusedByName()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        var uploadId = await CreateUploadAsync(os, "numbers.bin");

        foreach (var number in new[] { "0", "10001", "x" })
        {
            using var response = await PutPartAsync(os, "numbers.bin", uploadId, number, "x");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("uploadPartNum must be an integer from 1 to 10000", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using var last = await PutPartAsync(os, "numbers.bin", uploadId, "10000", "x");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        using var noId = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/u/numbers.bin");
        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        using var otherObject = await PutPartAsync(os, "other.bin", uploadId, "1", "x");
        Assert.Equal(HttpStatusCode.NotFound, otherObject.StatusCode);
        Assert.Contains("NoSuchUpload", await otherObject.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABucketWithUploadsParsOrVersionsCannotBeDeleted()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        await os.CreateBucketAsync("busy");
        var uploadId = await CreateUploadAsync(os, "pending.bin", "busy");
        await AssertBucketNotEmptyAsync(os, "busy", "multipart uploads");
        using (var abort = await os.SendAsync(HttpMethod.Delete, $"/n/devharness/b/busy/u/pending.bin?uploadId={uploadId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, abort.StatusCode);
        }

        var parId = JsonDocument.Parse(await PostAsync(os, "/n/devharness/b/busy/p/", """{"name":"n","accessType":"AnyObjectWrite","timeExpires":"2099-01-01T00:00:00Z"}""")).RootElement.GetProperty("id").GetString();
        await AssertBucketNotEmptyAsync(os, "busy", "pre-authenticated requests");
        using (var deletePar = await os.SendAsync(HttpMethod.Delete, $"/n/devharness/b/busy/p/{parId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deletePar.StatusCode);
        }

        await os.CreateBucketAsync("history", versioning: "Enabled");
        using (var put = await os.PutAsync("kept.txt", "v1", bucket: "history"))
        using (var delete = await os.SendAsync(HttpMethod.Delete, ObjectStorageTestContext.ObjectPath("kept.txt", "history")))
        {
            Assert.Equal("true", delete.Headers.GetValues("is-delete-marker").Single());
        }

        using var refused = await os.SendAsync(HttpMethod.Delete, "/n/devharness/b/history");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using var busy = await os.SendAsync(HttpMethod.Delete, "/n/devharness/b/busy");
        Assert.Equal(HttpStatusCode.NoContent, busy.StatusCode);
    }

    [Fact]
    public async Task AnObjectWrittenBeforeVersioningWasEnabledIsKeptWhenOverwritten()
    {
        await using var os = await ObjectStorageTestContext.StartAsync();
        await os.CreateBucketAsync("late");
        using (var before = await os.PutAsync("doc.txt", "before", bucket: "late"))
        {
            Assert.False(before.Headers.Contains("version-id"));
        }

        using (var enable = await os.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/n/devharness/b/late") { Content = new StringContent("""{"versioning":"Enabled"}""", Encoding.UTF8, "application/json") }))
        {
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        }

        using var after = await os.PutAsync("doc.txt", "after", bucket: "late");
        var versions = JsonDocument.Parse(await GetStringAsync(os, "/n/devharness/b/late/objectversions")).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal(after.Headers.GetValues("version-id").Single(), versions[0].GetProperty("versionId").GetString());
        using var old = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("doc.txt", "late") + "?versionId=" + versions[1].GetProperty("versionId").GetString());
        Assert.Equal("before", await old.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UploadsInProgressParsAndPreviousVersionsSurviveARestart()
    {
        string uploadId, etag1, etag2, accessUri, v1, marker;
        await using (var first = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory))
        {
            uploadId = await CreateUploadAsync(first, "resumed.bin");
            using var part1 = await PutPartAsync(first, "resumed.bin", uploadId, "1", "first half, ");
            etag1 = part1.Headers.GetValues("ETag").Single();
            using var part2 = await PutPartAsync(first, "resumed.bin", uploadId, "2", "second half");
            etag2 = part2.Headers.GetValues("ETag").Single();
            accessUri = JsonDocument.Parse(await PostAsync(first, "/n/devharness/b/uploads/p/", """{"name":"r","objectName":"resumed.bin","accessType":"ObjectRead","timeExpires":"2099-01-01T00:00:00Z"}"""))
                .RootElement.GetProperty("accessUri").GetString()!;
            await first.CreateBucketAsync("history", versioning: "Enabled");
            using var put1 = await first.PutAsync("doc.txt", "one", bucket: "history");
            v1 = put1.Headers.GetValues("version-id").Single();
            using var put2 = await first.PutAsync("doc.txt", "two", bucket: "history");
            using var delete = await first.SendAsync(HttpMethod.Delete, ObjectStorageTestContext.ObjectPath("doc.txt", "history"));
            marker = delete.Headers.GetValues("version-id").Single();
        }

        await using var second = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory);
        Assert.Equal([etag1, etag2], (await ListAsync(second, $"/n/devharness/b/uploads/u/resumed.bin?uploadId={uploadId}")).Select(p => p.GetProperty("etag").GetString()));
        var commit = $$"""{"partsToCommit":[{"partNum":1,"etag":"{{etag1}}"},{"partNum":2,"etag":"{{etag2}}"}]}""";
        await PostAsync(second, $"/n/devharness/b/uploads/u/resumed.bin?uploadId={uploadId}", commit);
        using var read = await second.SendAsync(HttpMethod.Get, accessUri);
        Assert.Equal("first half, second half", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var versions = JsonDocument.Parse(await GetStringAsync(second, "/n/devharness/b/history/objectversions")).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(marker, versions[0].GetProperty("versionId").GetString());
        Assert.True(versions[0].GetProperty("isDeleteMarker").GetBoolean());
        Assert.Equal(v1, versions[2].GetProperty("versionId").GetString());
        using var old = await second.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("doc.txt", "history") + "?versionId=" + v1);
        Assert.Equal("one", await old.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static async Task<string> CreateUploadAsync(ObjectStorageTestContext os, string name, string bucket = "uploads")
    {
        var body = await PostAsync(os, $"/n/devharness/b/{bucket}/u", $$"""{"object":"{{name}}"}""");
        return JsonDocument.Parse(body).RootElement.GetProperty("uploadId").GetString()!;
    }

    private static async Task<HttpResponseMessage> PutPartAsync(ObjectStorageTestContext os, string name, string uploadId, string number, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/n/devharness/b/uploads/u/{Uri.EscapeDataString(name)}?uploadId={uploadId}&uploadPartNum={number}")
        {
            Content = new StringContent(body),
        };
        return await os.SendAsync(request);
    }

    private static async Task<string> PostAsync(ObjectStorageTestContext os, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await os.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task<string> GetStringAsync(ObjectStorageTestContext os, string path)
    {
        using var response = await os.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<JsonElement>> ListAsync(ObjectStorageTestContext os, string path) =>
        [.. JsonDocument.Parse(await GetStringAsync(os, path)).RootElement.EnumerateArray()];

    private static async Task AssertBucketNotEmptyAsync(ObjectStorageTestContext os, string bucket, string reason)
    {
        using var response = await os.SendAsync(HttpMethod.Delete, $"/n/devharness/b/{bucket}");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("BucketNotEmpty", body, StringComparison.Ordinal);
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;

namespace DevHarness.Integration.ObjectStorage;

/// <summary><c>--data-dir</c>: a restart loses nothing, and a crash mid-write never exposes a partial object.</summary>
public sealed class ObjectStoragePersistenceTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("devharness-os-").FullName;

    [Fact]
    public async Task ObjectsBucketsAndMetadataSurviveARestart()
    {
        string etag;
        await using (var first = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory))
        {
            await first.CreateBucketAsync("archive", objectEventsEnabled: false);
            using var put = await first.PutAsync("docs/ä b.txt", "persisted", configure: r => r.Headers.Add("opc-meta-kind", "doc"));
            etag = put.Headers.GetValues("ETag").Single();
            using var other = await first.PutAsync("keep.bin", [9, 8, 7], bucket: "archive");
            using var doomed = await first.PutAsync("doomed.txt", "x");
            using var delete = await first.SendAsync(HttpMethod.Delete, ObjectStorageTestContext.ObjectPath("doomed.txt"));
        }

        await using var second = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory);
        using var get = await second.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("docs/ä b.txt"));
        Assert.Equal("persisted", await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(etag, get.Headers.GetValues("ETag").Single());
        Assert.Equal("doc", get.Headers.GetValues("opc-meta-kind").Single());
        using var gone = await second.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("doomed.txt"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        using var bucket = await second.SendAsync(HttpMethod.Get, "/n/devharness/b/archive");
        using var json = JsonDocument.Parse(await bucket.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(json.RootElement.GetProperty("objectEventsEnabled").GetBoolean());
        using var kept = await second.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("keep.bin", "archive"));
        Assert.Equal([9, 8, 7], await kept.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LeftoversOfACrashedWriteAreNotObjects()
    {
        await using (var first = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory))
        {
            using var put = await first.PutAsync("real.txt", "real");
        }

        // A crash after the bytes were renamed into place but before the metadata followed, and one mid-upload.
        var objects = Path.Combine(_dataDirectory, "uploads", "objects");
        var orphan = Path.Combine(objects, "0123456789abcdef.11111111-2222-3333-4444-555555555555.data");
        await File.WriteAllTextAsync(orphan, "half", TestContext.Current.CancellationToken);
        var staged = Path.Combine(_dataDirectory, ".staging", "abc.upload");
        await File.WriteAllTextAsync(staged, "partial", TestContext.Current.CancellationToken);

        await using var second = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory);
        using var list = await second.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o");
        using var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["real.txt"], json.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(staged));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}

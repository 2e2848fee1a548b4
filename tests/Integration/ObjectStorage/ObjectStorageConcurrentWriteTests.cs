using System.Net;
using System.Text.Json;
using DevHarness.Emulators.ObjectStorage;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// <c>--data-dir</c> under concurrent writes: writes to different objects run in parallel, yet conditional
/// writes to one object stay race-free, versions are all kept, and a restart reloads exactly what was
/// acknowledged.
/// </summary>
public sealed class ObjectStorageConcurrentWriteTests : IDisposable
{
    private const int Writers = 16;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("devharness-os-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentIfNoneMatchWritesToOneObjectLetExactlyOneWinAndItSurvivesARestart()
    {
        (HttpStatusCode Status, string Body, string? ETag) winner;
        await using (var first = await StartAsync())
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
                PutAsync(first, "contended.txt", $"writer {i}", r => r.Headers.TryAddWithoutValidation("If-None-Match", "*"))));

            winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.PreconditionFailed, a.Status));
            await AssertObjectAsync(first, "contended.txt", winner.Body, winner.ETag);
        }

        await using var second = await StartAsync();
        await AssertObjectAsync(second, "contended.txt", winner.Body, winner.ETag);
    }

    [Fact]
    public async Task ConcurrentIfMatchWritesToOneObjectLetExactlyOneWinAndItSurvivesARestart()
    {
        (HttpStatusCode Status, string Body, string? ETag) winner;
        await using (var first = await StartAsync())
        {
            var original = await PutAsync(first, "contended.txt", "original");
            var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
                PutAsync(first, "contended.txt", $"writer {i}", r => r.Headers.TryAddWithoutValidation("If-Match", original.ETag))));

            winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.PreconditionFailed, a.Status));
        }

        await using var second = await StartAsync();
        await AssertObjectAsync(second, "contended.txt", winner.Body, winner.ETag);
    }

    [Fact]
    public async Task ConcurrentWritesToDifferentObjectsAllSurviveARestart()
    {
        List<(string Name, string Body, string? ETag)> expected;
        await using (var first = await StartAsync())
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 4 * Writers).Select(i => PutAsync(first, $"many/{i:D3}", $"body {i}")));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
            expected = [.. answers.Select((a, i) => ($"many/{i:D3}", a.Body, a.ETag))];
            Assert.Equal(expected.Select(e => e.Name), await ListNamesAsync(first));
        }

        await using var second = await StartAsync();
        Assert.Equal(expected.Select(e => e.Name), await ListNamesAsync(second));
        foreach (var (name, body, etag) in expected)
        {
            await AssertObjectAsync(second, name, body, etag);
        }
    }

    [Fact]
    public async Task ConcurrentOverwritesInAVersionedBucketKeepEveryAcknowledgedVersionAcrossARestart()
    {
        List<(string Name, string? ETag)> acknowledged;
        await using (var first = await StartAsync())
        {
            await first.CreateBucketAsync("history", versioning: "Enabled");
            var writes = Enumerable.Range(0, 4 * Writers).Select(i => (Name: $"doc{i % 4}.txt", Body: $"write {i}")).ToList();
            var answers = await Task.WhenAll(writes.Select(w => PutAsync(first, w.Name, w.Body, bucket: "history")));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
            acknowledged = [.. writes.Zip(answers, (w, a) => (w.Name, a.ETag)).Order()];
            Assert.Equal(acknowledged, await ListVersionsAsync(first));
        }

        await using var second = await StartAsync();
        Assert.Equal(acknowledged, await ListVersionsAsync(second));
    }

    [Fact]
    public async Task AWriteToABucketDeletedAfterTheRequestFoundItIsRefusedNotLost()
    {
        var store = new ObjectStore("devharness", _dataDirectory, TimeProvider.System);
        var bucket = store.CreateBucket("brief", "ocid1.compartment.oc1..test", objectEventsEnabled: false)!;
        Assert.Equal(BucketDeletion.Deleted, store.DeleteBucket("brief"));

        using var upload = await StagedUpload.ReadAsync(new MemoryStream([1, 2, 3]), 3, store.StagingDirectory, Ct);
        var write = store.PutObject(bucket, "late.bin", upload, new ObjectWriteDetails("application/octet-stream", new Dictionary<string, string>()), ifMatch: null, ifNoneMatchAny: false);

        Assert.Equal(ObjectWriteOutcome.BucketNotFound, write.Outcome);
        Assert.False(Directory.Exists(Path.Combine(_dataDirectory, "brief")));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private Task<ObjectStorageTestContext> StartAsync() => ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory);

    private static async Task<(HttpStatusCode Status, string Body, string? ETag)> PutAsync(ObjectStorageTestContext os, string name, string body, Action<HttpRequestMessage>? configure = null, string bucket = "uploads")
    {
        using var response = await os.PutAsync(name, body, bucket, configure);
        return (response.StatusCode, body, response.Headers.TryGetValues("ETag", out var etag) ? etag.Single() : null);
    }

    private static async Task AssertObjectAsync(ObjectStorageTestContext os, string name, string body, string? etag)
    {
        using var get = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath(name));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(body, await get.Content.ReadAsStringAsync(Ct));
        Assert.Equal(etag, get.Headers.GetValues("ETag").Single());
    }

    private static async Task<List<string>> ListNamesAsync(ObjectStorageTestContext os)
    {
        using var list = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o?prefix=many/");
        using var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Ct));
        return [.. json.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("name").GetString()!)];
    }

    private static async Task<List<(string Name, string? ETag)>> ListVersionsAsync(ObjectStorageTestContext os)
    {
        using var list = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/history/objectversions?fields=etag");
        using var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Ct));
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(v => (v.GetProperty("name").GetString()!, v.GetProperty("etag").GetString())).Order()];
    }
}

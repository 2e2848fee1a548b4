using System.Net;
using System.Text.Json;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// A truncated or missing file in <c>--data-dir</c> — an object's, a bucket's, a previous version's, a multipart
/// upload's or the PARs' — is named in a clear error at start; the emulator still starts and serves everything
/// else, and keeps the unreadable files for the user to repair. A record whose paths lead out of its folder is
/// not served, and nothing outside the data directory is touched.
/// </summary>
public sealed class ObjectStorageCorruptDataTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("devharness-corrupt-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnreadableFilesAreNamedAndEverythingElseIsServed()
    {
        await using (var first = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory))
        {
            await first.CreateBucketAsync("broken");
            await first.CreateBucketAsync("intact");
            foreach (var name in new[] { "good.txt", "truncated.txt", "no-data.txt" })
            {
                using var put = await first.PutAsync(name, $"content of {name}");
            }

            using var other = await first.PutAsync("safe.txt", "safe", bucket: "intact");
        }

        var objects = Path.Combine(_dataDirectory, "uploads", "objects");
        var truncated = MetadataFileOf(objects, "truncated.txt");
        var truncatedData = DataFileOf(objects, truncated);
        var missingData = MetadataFileOf(objects, "no-data.txt");
        var dataFile = DataFileOf(objects, missingData);
        var text = await File.ReadAllTextAsync(truncated, Ct);
        await File.WriteAllTextAsync(truncated, text[..(text.Length / 2)], Ct);
        File.Delete(dataFile);
        var brokenBucket = Path.Combine(_dataDirectory, "broken", "bucket.json");
        await File.WriteAllTextAsync(brokenBucket, "{\"name\":\"bro", Ct);

        await using var second = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory);

        var problems = second.Emulator.Store.LoadProblems;
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains(truncated, StringComparison.Ordinal) && p.Contains("not a readable object record", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(missingData, StringComparison.Ordinal) && p.Contains(dataFile, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(brokenBucket, StringComparison.Ordinal));

        using var good = await second.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("good.txt"));
        Assert.Equal("content of good.txt", await good.Content.ReadAsStringAsync(Ct));
        using var safe = await second.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("safe.txt", "intact"));
        Assert.Equal(HttpStatusCode.OK, safe.StatusCode);
        using var unreadable = await second.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("truncated.txt"));
        Assert.Equal(HttpStatusCode.NotFound, unreadable.StatusCode);

        // The unreadable files are kept, and nothing deletes them from under the user.
        Assert.True(File.Exists(truncated));
        Assert.True(File.Exists(truncatedData));
        Assert.True(File.Exists(brokenBucket));
        using var deleteGood = await second.SendAsync(HttpMethod.Delete, ObjectStorageTestContext.ObjectPath("good.txt"));
        using var deleteBucket = await second.SendAsync(HttpMethod.Delete, "/n/devharness/b/uploads/");
        Assert.Contains(truncated, await OciErrorAssert.IsErrorAsync(deleteBucket, 409, "BucketNotEmpty"), StringComparison.Ordinal);
        using var recreate = await second.Http.PostAsync("/n/devharness/b/", new StringContent("""{"name":"broken","compartmentId":"ocid1.compartment.oc1..test"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        await OciErrorAssert.IsErrorAsync(recreate, 409, "BucketAlreadyExists");
        Assert.True(File.Exists(brokenBucket));
    }

    [Fact]
    public async Task UnreadableUploadsVersionsAndParsAreNamedAndEverythingElseIsServed()
    {
        string brokenUpload, intactUpload, intactEtag;
        await using (var first = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory))
        {
            brokenUpload = await CreateUploadAsync(first, "broken.bin");
            intactUpload = await CreateUploadAsync(first, "intact.bin");
            using (var part = await PutPartAsync(first, "broken.bin", brokenUpload, "part of broken"))
            using (var intactPart = await PutPartAsync(first, "intact.bin", intactUpload, "part of intact"))
            {
                intactEtag = intactPart.Headers.GetValues("ETag").Single();
            }

            await first.PostJsonAsync("/n/devharness/b/uploads/p/", """{"name":"lost","accessType":"AnyObjectRead","timeExpires":"2099-01-01T00:00:00Z"}""");
            await first.CreateBucketAsync("history", versioning: "Enabled");
            foreach (var (name, content) in new[] { ("doc.txt", "doc v1"), ("doc.txt", "doc v2"), ("kept.txt", "kept v1"), ("kept.txt", "kept v2") })
            {
                using var put = await first.PutAsync(name, content, bucket: "history");
            }
        }

        var manifest = Path.Combine(_dataDirectory, ".multipart-uploads", brokenUpload, "upload.json");
        var pars = Path.Combine(_dataDirectory, ".preauthenticated-requests.json");
        var version = VersionFileOf(_dataDirectory, "history", "doc.txt");
        foreach (var file in new[] { manifest, pars, version })
        {
            var text = await File.ReadAllTextAsync(file, Ct);
            await File.WriteAllTextAsync(file, text[..(text.Length / 2)], Ct);
        }

        await using var second = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory);

        var problems = second.Emulator.LoadProblems;
        Assert.Equal(3, problems.Count);
        foreach (var file in new[] { manifest, pars, version })
        {
            Assert.Contains(problems, p => p.Contains(file, StringComparison.Ordinal));
        }

        // Everything else is served: the other upload commits, the other object keeps its previous version.
        await second.PostJsonAsync($"/n/devharness/b/uploads/u/intact.bin?uploadId={intactUpload}", $$"""{"partsToCommit":[{"partNum":1,"etag":"{{intactEtag}}"}]}""");
        using var intact = await second.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("intact.bin"));
        Assert.Equal("part of intact", await intact.Content.ReadAsStringAsync(Ct));
        using var doc = await second.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("doc.txt", "history"));
        Assert.Equal("doc v2", await doc.Content.ReadAsStringAsync(Ct));
        var versions = JsonDocument.Parse(await second.Http.GetStringAsync("/n/devharness/b/history/objectversions", Ct)).RootElement.GetProperty("items");
        Assert.Equal(["doc.txt", "kept.txt", "kept.txt"], versions.EnumerateArray().Select(v => v.GetProperty("name").GetString()));

        // The unreadable ones are not served and are kept as they are; the PAR file is not rewritten.
        using var broken = await second.SendAsync(HttpMethod.Get, $"/n/devharness/b/uploads/u/broken.bin?uploadId={brokenUpload}");
        await OciErrorAssert.IsErrorAsync(broken, 404, "NoSuchUpload");
        Assert.Equal("[]", await second.Http.GetStringAsync("/n/devharness/b/uploads/p/", Ct));
        using var newPar = await second.Http.PostAsync("/n/devharness/b/uploads/p/", new StringContent("""{"name":"new","accessType":"AnyObjectRead","timeExpires":"2099-01-01T00:00:00Z"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Contains(pars, await OciErrorAssert.IsErrorAsync(newPar, 409, "Conflict"), StringComparison.Ordinal);
        Assert.True(File.Exists(manifest));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.GetDirectoryName(manifest)!, "*.part"));
        Assert.True(File.Exists(version));
        var truncatedPars = await File.ReadAllTextAsync(pars, Ct);
        Assert.DoesNotContain("\"new\"", truncatedPars, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordsThatPointOutsideTheirFoldersAreNotServedAndNothingOutsideIsTouched()
    {
        // Everything below one folder of the test's own: data, and beside it files an escaping record would reach.
        var data = Path.Combine(_dataDirectory, "data");
        var victim = Path.Combine(_dataDirectory, "victim.txt");
        var victimJson = Path.Combine(_dataDirectory, "victim.json");
        await File.WriteAllTextAsync(victim, "not the emulator's", Ct);
        await File.WriteAllTextAsync(victimJson, "{}", Ct);
        string escapingPart, escapingId;
        await using (var first = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = data))
        {
            escapingPart = await CreateUploadAsync(first, "part.bin");
            escapingId = await CreateUploadAsync(first, "id.bin");
            using (var part = await PutPartAsync(first, "part.bin", escapingPart, "x"))
            using (var other = await PutPartAsync(first, "id.bin", escapingId, "y"))
            {
            }

            await first.CreateBucketAsync("history", versioning: "Enabled");
            using var v1 = await first.PutAsync("doc.txt", "v1", bucket: "history");
            using var v2 = await first.PutAsync("doc.txt", "v2", bucket: "history");
        }

        // A part whose data file is the victim (its size made to match), an upload whose id climbs out of its
        // folder, a version whose id does: served, aborting or deleting them would delete outside the data folder.
        var partFolder = Path.Combine(data, ".multipart-uploads", escapingPart);
        await RewriteAsync(Path.Combine(partFolder, "upload.json"), json =>
        {
            json["parts"]!["1"]!["dataFile"] = Path.GetRelativePath(partFolder, victim);
            json["parts"]!["1"]!["size"] = new FileInfo(victim).Length;
        });
        await RewriteAsync(Path.Combine(data, ".multipart-uploads", escapingId, "upload.json"), json => json["uploadId"] = "../..");
        var previous = "../../../../../victim";
        await RewriteAsync(VersionFileOf(data, "history", "doc.txt"), json => json["versionId"] = previous);

        await using var second = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = data);

        Assert.Equal(3, second.Emulator.LoadProblems.Count);
        using var abortPart = await second.SendAsync(HttpMethod.Delete, $"/n/devharness/b/uploads/u/part.bin?uploadId={escapingPart}");
        await OciErrorAssert.IsErrorAsync(abortPart, 404, "NoSuchUpload");
        using var abortId = await second.SendAsync(HttpMethod.Delete, "/n/devharness/b/uploads/u/id.bin?uploadId=..%2F..");
        await OciErrorAssert.IsErrorAsync(abortId, 404, "NoSuchUpload");
        using var deleteVersion = await second.SendAsync(HttpMethod.Delete, ObjectStorageTestContext.ObjectPath("doc.txt", "history") + "?versionId=" + Uri.EscapeDataString(previous));
        Assert.Equal(HttpStatusCode.NotFound, deleteVersion.StatusCode);
        Assert.Equal("not the emulator's", await File.ReadAllTextAsync(victim, Ct));
        Assert.Equal("{}", await File.ReadAllTextAsync(victimJson, Ct));
        Assert.True(Directory.Exists(Path.Combine(data, ".multipart-uploads", escapingId)));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static async Task<string> CreateUploadAsync(ObjectStorageTestContext os, string name) =>
        JsonDocument.Parse(await os.PostJsonAsync("/n/devharness/b/uploads/u", $$"""{"object":"{{name}}"}""")).RootElement.GetProperty("uploadId").GetString()!;

    private static async Task<HttpResponseMessage> PutPartAsync(ObjectStorageTestContext os, string name, string uploadId, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/n/devharness/b/uploads/u/{name}?uploadId={uploadId}&uploadPartNum=1") { Content = new StringContent(body) };
        var response = await os.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task RewriteAsync(string file, Action<System.Text.Json.Nodes.JsonNode> change)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file, Ct))!;
        change(json);
        await File.WriteAllTextAsync(file, json.ToJsonString(), Ct);
    }

    private static string VersionFileOf(string dataDirectory, string bucket, string name) =>
        Directory.EnumerateFiles(Path.Combine(dataDirectory, bucket, "versions"), "*.json")
            .Single(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("name").GetString() == name);

    private static string MetadataFileOf(string objects, string name) =>
        Directory.EnumerateFiles(objects, "*.json").Single(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("name").GetString() == name);

    private static string DataFileOf(string objects, string metadataFile) =>
        Directory.EnumerateFiles(objects, Path.GetFileNameWithoutExtension(metadataFile) + ".*.data").Single();
}

using System.Net;
using System.Text.Json;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// A truncated or missing file in <c>--data-dir</c> is named in a clear error at start; the emulator still
/// starts and serves every other object, and keeps the unreadable files for the user to repair.
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

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static string MetadataFileOf(string objects, string name) =>
        Directory.EnumerateFiles(objects, "*.json").Single(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("name").GetString() == name);

    private static string DataFileOf(string objects, string metadataFile) =>
        Directory.EnumerateFiles(objects, Path.GetFileNameWithoutExtension(metadataFile) + ".*.data").Single();
}

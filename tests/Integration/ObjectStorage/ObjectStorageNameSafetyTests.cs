using System.Net;
using System.Text;
using System.Text.Json;
using DevHarness.Emulators.ObjectStorage;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// Bucket and namespace names are validated as OCI does, and no name — in a CreateBucket or CopyObject body or
/// in any path (objects, uploads, PARs, actions, versions, work requests), plain or percent-encoded — makes the
/// file store touch anything outside <c>--data-dir</c>. Every trick
/// of the adversarial run that once deleted the data folder (and the folder above it) is tried here.
/// </summary>
public sealed class ObjectStorageNameSafetyTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("devharness-names-").FullName;
    private readonly string _dataDirectory;
    private readonly string _unrelated;

    public ObjectStorageNameSafetyTests()
    {
        _dataDirectory = Path.Combine(_parent, "data");
        _unrelated = Path.Combine(_parent, "unrelated.txt");
        File.WriteAllText(_unrelated, "not the emulator's");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> BadBucketNames =>
    [
        ".", "..", "../escape", "../../etc", "/tmp/absolute", "a/b", "a\\b", "C:\\Windows", "%2E%2E", "%2e", "..%2F..",
        new string('b', 257), "with space", "tab\tname", "new\nline", "nul\0", "ä", "semi;colon", "star*",
    ];

    public static TheoryData<string> BadPaths =>
    [
        "/n/devharness/b/./", "/n/devharness/b/../", "/n/devharness/b/%2E", "/n/devharness/b/%2e%2e", "/n/devharness/b/%2E%2E/",
        "/n/devharness/b/%2E%2E%2F%2E%2E", "/n/devharness/b/..%2F..%2Fetc", "/n/devharness/b/%2Ftmp%2Fabsolute", "/n/devharness/b/a%5Cb",
        "/n/devharness/b/with%20space", "/n/devharness/b/../o/x", "/n/devharness/b/%2E%2E/o/x",
        "/n/%2E%2E/b/uploads/o/x", "/n/./b/uploads", "/n/../b/uploads/o", "/n/devharness/b/%FF%FE", "/n/devharness/b/uploads/o/%FF%FE",
        "/n/devharness/b/../u", "/n/devharness/b/%2E%2E/u/x?uploadId=1&uploadPartNum=1", "/n/devharness/b/..%2F..%2Fetc/u/x?uploadId=1",
        "/n/devharness/b/%2E%2E/p/", "/n/devharness/b/../p/some-id", "/n/devharness/b/%2E%2E/actions/copyObject",
        "/n/devharness/b/..%2F..%2Fetc/actions/renameObject", "/n/devharness/b/%2E%2E/objectversions", "/n/%2E%2E/b/uploads/objectversions",
        "/p/token/n/devharness/b/%2E%2E/o/x", "/p/token/n/%2E%2E/b/uploads/o/x", "/p/token/n/devharness/b/../u/x/id/1/1",
        "/workRequests/%FF%FE", "/p/%FF/n/devharness/b/uploads/o/x",
    ];

    public static TheoryData<string, string> BadCopyDestinations => new()
    {
        { "devharness", ".." }, { "devharness", "../escape" }, { "devharness", "%2E%2E" }, { "devharness", "/tmp/absolute" },
        { "devharness", "." }, { "..", "uploads" }, { "../x", "uploads" }, { "a/b", "uploads" },
    };

    [Theory]
    [MemberData(nameof(BadBucketNames))]
    public async Task CreateBucketRefusesTheName(string name)
    {
        await using var os = await StartAsync();
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name, ["compartmentId"] = "ocid1.compartment.oc1..test" });

        using var response = await os.Http.PostAsync("/n/devharness/b/", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await OciErrorAssert.IsErrorAsync(response, 400, "InvalidParameter");
        await AssertNothingOutsideWasTouchedAsync(os);
    }

    [Theory]
    [MemberData(nameof(BadPaths))]
    public async Task EveryMethodOnAPathWithABadNameIs400(string target)
    {
        await using var os = await StartAsync();
        foreach (var method in new[] { "GET", "POST", "PUT", "DELETE" })
        {
            var (status, body) = await RawHttp.SendAsync(os.Emulator.Url, method, target, method is "POST" ? "{\"name\":\"x\",\"compartmentId\":\"c\"}" : "");
            Assert.True(status == 400, $"{method} {target} answered {status}: {body}");
            Assert.Contains("\"InvalidParameter\"", body, StringComparison.Ordinal);
        }

        await AssertNothingOutsideWasTouchedAsync(os);
    }

    [Theory]
    [MemberData(nameof(BadCopyDestinations))]
    public async Task CopyObjectRefusesABadDestinationNamespaceOrBucket(string destinationNamespace, string destinationBucket)
    {
        await using var os = await StartAsync();
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["sourceObjectName"] = "keep/one.txt",
            ["destinationRegion"] = "local",
            ["destinationNamespace"] = destinationNamespace,
            ["destinationBucket"] = destinationBucket,
            ["destinationObjectName"] = "copy.txt",
        });

        using var response = await os.Http.PostAsync("/n/devharness/b/uploads/actions/copyObject", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await OciErrorAssert.IsErrorAsync(response, 400, "InvalidParameter");
        await AssertNothingOutsideWasTouchedAsync(os);
    }

    [Theory]
    [InlineData(".staging")]
    [InlineData(".multipart-uploads")]
    [InlineData(".preauthenticated-requests.json")]
    [InlineData(".preauthenticated-requests.json.tmp")]
    public async Task ABucketNamedLikeTheEmulatorsOwnFilesIsRefusedAndTheFilesKept(string name)
    {
        await using var os = await StartAsync();
        await os.PostJsonAsync("/n/devharness/b/uploads/p/", """{"name":"kept","accessType":"AnyObjectRead","timeExpires":"2099-01-01T00:00:00Z"}""");
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name, ["compartmentId"] = "ocid1.compartment.oc1..test" });

        using var response = await os.Http.PostAsync("/n/devharness/b/", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Contains(name, await OciErrorAssert.IsErrorAsync(response, 409, "BucketAlreadyExists"), StringComparison.Ordinal);
        using var list = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/");
        Assert.DoesNotContain(name, await list.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, ".preauthenticated-requests.json")));
        await os.PostJsonAsync("/n/devharness/b/uploads/p/", """{"name":"still works","accessType":"AnyObjectRead","timeExpires":"2099-01-01T00:00:00Z"}""");
        await AssertNothingOutsideWasTouchedAsync(os);
    }

    [Fact]
    public void TheFileStoreItselfRefusesNamesThatWouldLeaveTheDataDirectory()
    {
        var store = new ObjectStore("devharness", _dataDirectory, TimeProvider.System);

        foreach (var name in new[] { ".", "..", "../escape", "a/b", "/tmp/absolute", Path.Combine(_parent, "sibling") })
        {
            var error = Assert.Throws<InvalidOperationException>(() => store.CreateBucket(name, "ocid1.compartment.oc1..test", objectEventsEnabled: false));
            Assert.Contains(_dataDirectory, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["data", "unrelated.txt"], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([".staging"], Directory.EnumerateFileSystemEntries(_dataDirectory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--namespace", "..")]
    [InlineData("--bucket", "../escape")]
    [InlineData("--bucket", ".")]
    public async Task StartUpOptionsWithBadNamesAreRefusedBeforeAnythingIsWritten(string option, string value)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ObjectStorageTestContext.StartAsync(o =>
        {
            o.DataDirectory = _dataDirectory;
            if (option == "--namespace")
            {
                o.Namespace = value;
            }
            else
            {
                o.Buckets.Add(value);
            }
        }));

        Assert.StartsWith(option, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory));
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    /// <summary>An emulator persisting under <c>_parent/data</c>, with objects in two buckets to lose.</summary>
    private async Task<ObjectStorageTestContext> StartAsync()
    {
        var os = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = _dataDirectory);
        await os.CreateBucketAsync("archive");
        using var first = await os.PutAsync("keep/one.txt", "one");
        using var second = await os.PutAsync("two.txt", "two", bucket: "archive");
        return os;
    }

    private async Task AssertNothingOutsideWasTouchedAsync(ObjectStorageTestContext os)
    {
        Assert.Equal("not the emulator's", await File.ReadAllTextAsync(_unrelated, Ct));
        Assert.Equal(["data", "unrelated.txt"], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([".multipart-uploads", ".staging", "archive", "uploads"], Directory.EnumerateDirectories(_dataDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var one = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("keep/one.txt"));
        using var two = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("two.txt", "archive"));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
    }
}

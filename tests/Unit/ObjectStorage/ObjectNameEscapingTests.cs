using DevHarness.Oci.ObjectStorage;
using DevHarness.Unit.Http;

namespace DevHarness.Unit.ObjectStorage;

/// <summary>
/// Object names reach the wire escaped as the OCI SDK escapes each path parameter
/// (<c>Uri.EscapeDataString</c>, docs/oci-facts.md §4), checked on the raw request line.
/// </summary>
public sealed class ObjectNameEscapingTests
{
    public static TheoryData<string, string> HardNames => new()
    {
        { "plain.txt", "plain.txt" },
        { "with space.txt", "with%20space.txt" },
        { "folder/sub/file.csv", "folder%2Fsub%2Ffile.csv" },
        { "a+b.txt", "a%2Bb.txt" },
        { "100%.txt", "100%25.txt" },
        { "what?.txt", "what%3F.txt" },
        { "#hash", "%23hash" },
        { "héllo wörld.txt", "h%C3%A9llo%20w%C3%B6rld.txt" },
        { "日本語/ファイル", "%E6%97%A5%E6%9C%AC%E8%AA%9E%2F%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB" },
        { "emoji-😀", "emoji-%F0%9F%98%80" },
        { "..", ".." },
        { "a/../b", "a%2F..%2Fb" },
        { "%2F", "%252F" },
        { "semi;colon&amp=eq", "semi%3Bcolon%26amp%3Deq" },
        { "~tilde_-.", "~tilde_-." },
    };

    [Theory]
    [MemberData(nameof(HardNames))]
    public async Task GetObjectSendsEachNameEscapedOnTheWire(string objectName, string escaped)
    {
        var ct = TestContext.Current.CancellationToken;
        using var capture = new RawRequestCapture();
        using var http = new HttpClient { BaseAddress = capture.Url };
        var client = new ObjectStorageClient(http);

        var captured = capture.CaptureRequestLineAsync(ct);
        await using (await client.GetObjectAsync("ns", "bkt", objectName, cancellationToken: ct).WaitAsync(TimeSpan.FromSeconds(10), ct))
        {
        }

        Assert.Equal($"GET /n/ns/b/bkt/o/{escaped} HTTP/1.1", await captured.WaitAsync(TimeSpan.FromSeconds(10), ct));
    }

    [Fact]
    public async Task NamespaceAndBucketAreEscapedToo()
    {
        var ct = TestContext.Current.CancellationToken;
        using var capture = new RawRequestCapture();
        using var http = new HttpClient { BaseAddress = capture.Url };
        var client = new ObjectStorageClient(http);

        var captured = capture.CaptureRequestLineAsync(ct);
        await client.DeleteObjectAsync("n s", "b/k", "o", new DeleteObjectOptions(VersionId: "v 1+2"), ct).WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal("DELETE /n/n%20s/b/b%2Fk/o/o?versionId=v%201%2B2 HTTP/1.1", await captured.WaitAsync(TimeSpan.FromSeconds(10), ct));
    }

    [Fact]
    public async Task ListQueryValuesAreEscaped()
    {
        var ct = TestContext.Current.CancellationToken;
        using var capture = new RawRequestCapture();
        using var http = new HttpClient { BaseAddress = capture.Url };
        var client = new ObjectStorageClient(http);

        var captured = capture.CaptureRequestLineAsync(ct);
        // The capture answers an empty body, which is not a listing: only the request matters here.
        await Assert.ThrowsAsync<InvalidDataException>(() => client.ListObjectsAsync("ns", "bkt",
            new ListObjectsOptions(Prefix: "a b/c+d", Start: "x&y", Limit: 5, Delimiter: "/", Fields: "name,size"), ct)).WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal("GET /n/ns/b/bkt/o?prefix=a%20b%2Fc%2Bd&start=x%26y&limit=5&delimiter=%2F&fields=name%2Csize HTTP/1.1",
            await captured.WaitAsync(TimeSpan.FromSeconds(10), ct));
    }

    [Fact]
    public async Task EmptyNamesAreRejectedBeforeSending()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9") };
        var client = new ObjectStorageClient(http);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetObjectAsync("ns", "bkt", "", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("objectName", error.ParamName);
    }
}

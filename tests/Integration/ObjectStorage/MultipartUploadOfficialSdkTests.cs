using System.Text.Json;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// Multipart uploads driven by Oracle's official TypeScript SDK (<c>tests/node/objectstorage/multipart.mjs</c>):
/// UploadManager from a 25 MiB file in 5 MiB parts and from a stream, listing, abort, a re-uploaded part and
/// refused commits; unsigned, and in strict mode with <c>--data-dir</c>.
/// </summary>
public sealed class MultipartUploadOfficialSdkTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UploadManagerObjectsEqualTheirSourceAndEachCommitEmitsOneEvent(bool strict)
    {
        await using var bed = await OfficialSdkBed.StartAsync(strict);
        var result = await bed.RunAsync("multipart.mjs", "uploads", "mp/");

        Assert.Equal(25 * 1024 * 1024, result.GetProperty("file").GetProperty("size").GetInt64());
        Assert.EndsWith("-5", result.GetProperty("file").GetProperty("multipartMd5").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("-3", result.GetProperty("stream").GetProperty("multipartMd5").GetString(), StringComparison.Ordinal);
        Assert.Equal([1, 3], result.GetProperty("abort").GetProperty("listedParts").EnumerateArray().Select(p => p.GetInt32()));
        AssertError(result.GetProperty("abort").GetProperty("partAfterAbort"), 404, "NoSuchUpload");
        var replace = result.GetProperty("replace");
        AssertError(replace.GetProperty("wrongETag"), 400, "InvalidParameter", "does not match the ETag");
        AssertError(replace.GetProperty("missingPart"), 400, "InvalidParameter", "was never uploaded");
        AssertError(replace.GetProperty("unlistedPart"), 400, "InvalidParameter", "partsToCommit or partsToExclude");
        AssertError(replace.GetProperty("badMd5"), 400, "InvalidParameter", "does not match the Content-MD5 header");
        AssertError(replace.GetProperty("commitAgain"), 404, "NoSuchUpload");

        // Only commits make objects: one createobject each, none for the aborted upload or the parts.
        var events = await bed.StopAndReadEventsAsync();
        Assert.Equal(
            [("createobject", "uploads", "mp/file.bin"), ("createobject", "uploads", "mp/replaced.bin"), ("createobject", "uploads", "mp/stream.bin")],
            events.Order());
    }

    internal static void AssertError(JsonElement error, int status, string code, string? messagePart = null)
    {
        Assert.Equal(status, error.GetProperty("statusCode").GetInt32());
        Assert.Equal(code, error.GetProperty("serviceCode").GetString());
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }
}

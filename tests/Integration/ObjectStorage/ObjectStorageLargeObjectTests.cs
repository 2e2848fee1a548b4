using System.Net;
using System.Security.Cryptography;
using DevHarness.Support;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>A 100 MiB object round-trips byte for byte, in memory and on disk (figures for memory: bench/ObjectStorage).</summary>
public sealed class ObjectStorageLargeObjectTests
{
    private const long Size = 100L * 1024 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HundredMebibyteObjectRoundTripsByteForByte(bool onDisk)
    {
        var directory = onDisk ? Directory.CreateTempSubdirectory("devharness-os-large-").FullName : null;
        try
        {
            await using var os = await ObjectStorageTestContext.StartAsync(o => o.DataDirectory = directory);
            // Streamed with its length, as an SDK uploads a file: the test never holds 100 MiB.
            var content = new StreamContent(new PatternStream(Size)) { Headers = { ContentLength = Size } };
            using (var request = new HttpRequestMessage(HttpMethod.Put, ObjectStorageTestContext.ObjectPath("large.bin")) { Content = content })
            {
                using var put = await os.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }

            using var get = await os.Http.GetAsync(ObjectStorageTestContext.ObjectPath("large.bin"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            Assert.Equal(Size, get.Content.Headers.ContentLength);
            await using var stream = await get.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            var received = await SHA256.HashDataAsync(stream, TestContext.Current.CancellationToken);
            Assert.Equal(PatternStream.Sha256(Size), received);
        }
        finally
        {
            if (directory is not null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}

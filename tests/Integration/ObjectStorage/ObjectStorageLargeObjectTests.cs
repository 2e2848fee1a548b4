using System.Net;
using System.Security.Cryptography;

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
            var content = new PatternContent(Size, seed: 42);
            using (var request = new HttpRequestMessage(HttpMethod.Put, ObjectStorageTestContext.ObjectPath("large.bin")) { Content = content })
            {
                using var put = await os.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            }

            using var get = await os.Http.GetAsync(ObjectStorageTestContext.ObjectPath("large.bin"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            Assert.Equal(Size, get.Content.Headers.ContentLength);
            await using var stream = await get.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            var received = await SHA256.HashDataAsync(stream, TestContext.Current.CancellationToken);
            Assert.Equal(content.Sha256, received);
        }
        finally
        {
            if (directory is not null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Deterministic pseudo-random bytes written in chunks, hashed on the way out (no 100 MiB array in the test).</summary>
    private sealed class PatternContent(long size, int seed) : HttpContent
    {
        public byte[] Sha256 { get; private set; } = [];

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var random = new Random(seed);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[64 * 1024];
            for (var left = size; left > 0; left -= buffer.Length)
            {
                random.NextBytes(buffer);
                var count = (int)Math.Min(buffer.Length, left);
                hash.AppendData(buffer, 0, count);
                await stream.WriteAsync(buffer.AsMemory(0, count));
            }

            Sha256 = hash.GetHashAndReset();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = size;
            return true;
        }
    }
}

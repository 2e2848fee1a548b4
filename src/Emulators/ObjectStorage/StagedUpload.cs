using System.Buffers;
using System.Security.Cryptography;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// A PutObject body read off the wire before WireMock sees the request: streamed once into memory
/// chunks or a staging file while its MD5 is computed, so the object is never buffered twice and the
/// request journal never holds it. The store adopts it on success; otherwise disposing discards it.
/// </summary>
internal sealed class StagedUpload : IDisposable
{
    private const int BufferSize = 81920;

    private StagedUpload(ObjectContent content, string md5)
    {
        Content = content;
        Md5 = md5;
    }

    public ObjectContent Content { get; }

    /// <summary>Base64 MD5 of the body, as OCI returns it in <c>opc-content-md5</c> (for assembled parts, the <c>opc-multipart-md5</c>).</summary>
    public string Md5 { get; }

    public bool Adopted { get; set; }

    /// <summary>Wraps content already staged (a multipart upload's assembled parts), with the MD5 value the object is to report.</summary>
    public static StagedUpload FromContent(ObjectContent content, string md5) => new(content, md5);

    public static async Task<StagedUpload> ReadAsync(Stream body, long? contentLength, string? stagingDirectory, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            if (stagingDirectory is null)
            {
                var memory = new MemoryObjectContent(contentLength ?? 0);
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    memory.Append(buffer.AsSpan(0, read));
                }

                return new StagedUpload(memory, Convert.ToBase64String(md5.GetHashAndReset()));
            }

            var path = Path.Combine(stagingDirectory, $"{Guid.NewGuid():N}.upload");
            long length = 0;
            try
            {
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
                {
                    int read;
                    while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                    {
                        md5.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        length += read;
                    }
                }
            }
            catch
            {
                File.Delete(path);
                throw;
            }

            return new StagedUpload(new FileObjectContent(path, length), Convert.ToBase64String(md5.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        if (!Adopted)
        {
            Content.Delete();
        }
    }
}

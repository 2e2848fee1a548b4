namespace DevHarness.Emulators.ObjectStorage;

/// <summary>Object bytes in a file under <c>--data-dir</c>; read with a small buffer, never loaded whole.</summary>
internal sealed class FileObjectContent(string path, long length) : ObjectContent
{
    private const int BufferSize = 81920;

    public string Path { get; } = path;

    public override long Length { get; } = length;

    public override async Task CopyToAsync(Stream destination, long offset, long count, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
        file.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[(int)Math.Min(BufferSize, Math.Max(count, 1))];
        while (count > 0)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw new IOException($"The object file '{Path}' is shorter than its recorded length {Length}.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }

    public override void Delete() => File.Delete(Path);
}

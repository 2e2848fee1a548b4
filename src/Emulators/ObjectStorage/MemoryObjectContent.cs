namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Object bytes held in memory as 1 MiB chunks, so a large upload never needs one contiguous array or a
/// grow-and-copy. Every chunk but the last is full; only a small first chunk ever grows.
/// </summary>
internal sealed class MemoryObjectContent(long expectedLength = 0) : ObjectContent
{
    public const int ChunkSize = 1024 * 1024;

    private readonly List<byte[]> _chunks = [];
    private long _length;

    public override long Length => _length;

    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_chunks.Count == 0)
            {
                _chunks.Add(new byte[(int)Math.Clamp(Math.Max(expectedLength, data.Length), 1, ChunkSize)]);
            }

            var chunk = _chunks[^1];
            var used = (int)(_length - ((long)(_chunks.Count - 1) * ChunkSize));
            if (used == chunk.Length)
            {
                if (chunk.Length < ChunkSize)
                {
                    var grown = new byte[(int)Math.Min(ChunkSize, Math.Max(chunk.Length * 2L, used + (long)data.Length))];
                    chunk.CopyTo(grown, 0);
                    _chunks[^1] = chunk = grown;
                }
                else
                {
                    chunk = new byte[ChunkSize];
                    _chunks.Add(chunk);
                    used = 0;
                }
            }

            var take = Math.Min(chunk.Length - used, data.Length);
            data[..take].CopyTo(chunk.AsSpan(used));
            _length += take;
            data = data[take..];
        }
    }

    public override async Task CopyToAsync(Stream destination, long offset, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var index = (int)(offset / ChunkSize);
            var within = (int)(offset % ChunkSize);
            var take = (int)Math.Min(count, ChunkSize - within);
            await destination.WriteAsync(_chunks[index].AsMemory(within, take), cancellationToken);
            offset += take;
            count -= take;
        }
    }

    public override void Delete()
    {
        // Memory is reclaimed by the GC once the object is no longer referenced.
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DevHarness.Support;

/// <summary>
/// A read-only, unseekable stream of <see cref="Length"/> deterministic pseudo-random bytes, generated as
/// read: large objects are uploaded without ever being held in memory, and <see cref="Sha256"/> says what
/// must come back. (Faster than a seeded <see cref="Random"/>, so it does not slow an upload it feeds.)
/// With <paramref name="start"/>, the stream is bytes <c>[start, start + length)</c> of the pattern: one part
/// of a multipart upload whose whole object is the pattern.
/// </summary>
public sealed class PatternStream(long length, ulong seed = 0x9E3779B97F4A7C15, long start = 0) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The byte at <paramref name="position"/>: a splitmix64 of its 8-byte block, so any slice can be regenerated.</summary>
    private static void Fill(ulong seed, long position, Span<byte> destination)
    {
        Span<byte> block = stackalloc byte[8];
        for (var i = 0; i < destination.Length;)
        {
            var at = position + i;
            var z = seed + ((ulong)(at / 8) * 0x9E3779B97F4A7C15);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            BinaryPrimitives.WriteUInt64LittleEndian(block, z);
            var offset = (int)(at % 8);
            var take = Math.Min(8 - offset, destination.Length - i);
            block.Slice(offset, take).CopyTo(destination[i..]);
            i += take;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var take = (int)Math.Min(buffer.Length, length - _position);
        Fill(seed, start + _position, buffer[..take]);
        _position += take;
        return take;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>SHA-256 of the whole pattern, computed in slices.</summary>
    public static byte[] Sha256(long length, ulong seed = 0x9E3779B97F4A7C15)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long position = 0; position < length; position += buffer.Length)
        {
            var take = (int)Math.Min(buffer.Length, length - position);
            Fill(seed, position, buffer.AsSpan(0, take));
            hash.AppendData(buffer, 0, take);
        }

        return hash.GetHashAndReset();
    }
}

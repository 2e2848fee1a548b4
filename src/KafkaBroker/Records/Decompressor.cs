using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using K4os.Compression.LZ4.Streams;
using ZstdSharp;

namespace DevHarness.KafkaBroker.Records;

/// <summary>
/// Decodes the records section of a compressed batch, for the two places that need the records
/// themselves: the size check on produce and the REST facade's reads. Kafka consumers get the stored
/// bytes, still compressed.
/// </summary>
internal static class Decompressor
{
    /// <summary>
    /// The most a batch may decompress to. A producer's batches are far smaller (librdkafka's
    /// <c>batch.size</c> defaults to 1 MB of uncompressed records), so anything past this is refused as too
    /// large rather than inflated into memory.
    /// </summary>
    public const int MaxDecompressedBytes = 32 * 1024 * 1024;

    private static ReadOnlySpan<byte> XerialMagic => [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0];

    /// <summary>The decompressed records in a pooled buffer (return it with <see cref="ArrayPool{T}.Return"/>).</summary>
    public static (byte[] Buffer, int Length) Decompress(Codec codec, ReadOnlyMemory<byte> compressed)
    {
        switch (codec)
        {
            case Codec.Gzip:
                return ReadAll(new GZipStream(AsStream(compressed), CompressionMode.Decompress));
            case Codec.Lz4:
                return ReadAll(LZ4Stream.Decode(AsStream(compressed)));
            case Codec.Zstd:
                return ReadAll(new DecompressionStream(AsStream(compressed)));
            case Codec.Snappy:
                return Snappy(compressed.Span);
            default:
                throw new InvalidRecordException($"compression codec {(int)codec} is not one Kafka defines");
        }
    }

    /// <summary>
    /// Kafka's Java client frames snappy the xerial way (a magic header, then length-prefixed blocks);
    /// librdkafka sends one raw snappy block. Both are accepted.
    /// </summary>
    private static (byte[] Buffer, int Length) Snappy(ReadOnlySpan<byte> input)
    {
        try
        {
            var blocks = new List<Range>();
            if (!input.StartsWith(XerialMagic))
            {
                blocks.Add(Range.All);
            }
            else
            {
                var position = 16; // magic (8), version (4), compatible version (4)
                while (position < input.Length)
                {
                    var length = BinaryPrimitives.ReadInt32BigEndian(input[position..]);
                    position += 4;
                    blocks.Add(new Range(position, position + length));
                    position += length;
                }
            }

            long total = 0;
            foreach (var block in blocks)
            {
                total += Snappier.Snappy.GetUncompressedLength(input[block]);
            }

            if (total > MaxDecompressedBytes)
            {
                throw new BatchTooLargeException(total);
            }

            var buffer = ArrayPool<byte>.Shared.Rent((int)total);
            var written = 0;
            foreach (var block in blocks)
            {
                written += Snappier.Snappy.Decompress(input[block], buffer.AsSpan(written));
            }
            return (buffer, written);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IndexOutOfRangeException)
        {
            throw new InvalidRecordException($"the snappy data does not decode: {e.Message}");
        }
    }

    private static (byte[] Buffer, int Length) ReadAll(Stream decoder)
    {
        using (decoder)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= MaxDecompressedBytes)
                        {
                            throw new BatchTooLargeException(length);
                        }

                        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxDecompressedBytes));
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    var read = decoder.Read(buffer, length, buffer.Length - length);
                    if (read == 0)
                    {
                        return (buffer, length);
                    }
                    length += read;
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ZstdException or ArgumentException or InvalidOperationException)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw new InvalidRecordException($"the compressed records do not decode: {e.Message}");
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(memory.ToArray(), writable: false);
}

using System.Buffers.Binary;
using System.Text;

namespace DevHarness.KafkaBroker.Protocol;

/// <summary>
/// Reads Kafka's wire primitives (big-endian integers, varints, strings, bytes, arrays) from one request.
/// <see cref="Flexible"/> switches strings, bytes and arrays to their compact (varint length + 1) forms and
/// enables tagged fields, as a flexible API version requires.
/// </summary>
internal sealed class KafkaReader(ReadOnlyMemory<byte> buffer)
{
    private int _position;

    public bool Flexible { get; set; }

    public int Remaining => buffer.Length - _position;

    private ReadOnlySpan<byte> Span => buffer.Span;

    public sbyte Int8() => (sbyte)Take(1)[0];

    public bool Boolean() => Take(1)[0] != 0;

    public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public uint UnsignedVarint()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Take(1)[0];
            value |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new KafkaProtocolException("a varint is longer than 5 bytes");
    }

    /// <summary>A string; null only where the field is nullable (otherwise a null is malformed).</summary>
    public string String() => NullableString() ?? throw new KafkaProtocolException("a non-nullable string is null");

    public string? NullableString()
    {
        var length = Flexible ? (int)UnsignedVarint() - 1 : Int16();
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    public ReadOnlyMemory<byte>? NullableBytes()
    {
        var length = Flexible ? (int)UnsignedVarint() - 1 : Int32();
        if (length < 0)
        {
            return null;
        }

        var slice = buffer.Slice(_position, Check(length));
        _position += length;
        return slice;
    }

    public ReadOnlyMemory<byte> Bytes() => NullableBytes() ?? throw new KafkaProtocolException("a non-nullable bytes field is null");

    /// <summary>An array's element count; -1 for a null array.</summary>
    public int ArrayLength()
    {
        var length = Flexible ? (int)UnsignedVarint() - 1 : Int32();
        if (length > Remaining)
        {
            // Every element takes at least one byte: a larger count is malformed, not a reason to allocate.
            throw new KafkaProtocolException($"an array claims {length} elements with {Remaining} bytes left");
        }
        return length;
    }

    public List<T> Array<T>(Func<KafkaReader, T> element)
    {
        var length = ArrayLength();
        var items = new List<T>(Math.Max(length, 0));
        for (var i = 0; i < length; i++)
        {
            items.Add(element(this));
        }
        return items;
    }

    /// <summary>Tagged fields of a flexible version: none are understood here, so all are skipped.</summary>
    public void TaggedFields()
    {
        if (!Flexible)
        {
            return;
        }

        var count = UnsignedVarint();
        for (var i = 0; i < count; i++)
        {
            UnsignedVarint();
            var size = (int)UnsignedVarint();
            Take(size);
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        var span = Span.Slice(_position, Check(count));
        _position += count;
        return span;
    }

    private int Check(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new KafkaProtocolException($"the request ends early: {count} bytes wanted, {Remaining} left");
        }
        return count;
    }
}

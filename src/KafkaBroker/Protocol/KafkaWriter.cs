using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace DevHarness.KafkaBroker.Protocol;

/// <summary>
/// Builds one response in a pooled buffer: Kafka's primitives, compact forms when <see cref="Flexible"/>,
/// and the 4-byte size prefix patched in at the end. Dispose returns the buffer to the pool.
/// </summary>
internal sealed class KafkaWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public KafkaWriter(int initialCapacity = 1024)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public bool Flexible { get; set; }

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void Int8(sbyte value) => Reserve(1)[0] = (byte)value;

    public void Boolean(bool value) => Reserve(1)[0] = value ? (byte)1 : (byte)0;

    public void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);

    public void UnsignedVarint(uint value)
    {
        while (value >= 0x80)
        {
            Reserve(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }
        Reserve(1)[0] = (byte)value;
    }

    public void String(string? value)
    {
        var count = value is null ? -1 : Encoding.UTF8.GetByteCount(value);
        if (Flexible)
        {
            UnsignedVarint((uint)(count + 1));
        }
        else
        {
            Int16((short)count);
        }

        if (value is not null)
        {
            Encoding.UTF8.GetBytes(value, Reserve(count));
        }
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        LengthPrefix(value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    public void NullBytes() => LengthPrefix(-1);

    /// <summary>An array's element count (-1: null).</summary>
    public void ArrayLength(int count) => LengthPrefix(count);

    public void Array<T>(IReadOnlyCollection<T> items, Action<KafkaWriter, T> element)
    {
        ArrayLength(items.Count);
        foreach (var item in items)
        {
            element(this, item);
        }
    }

    /// <summary>No tagged fields (this broker sends none), in flexible versions only.</summary>
    public void TaggedFields()
    {
        if (Flexible)
        {
            UnsignedVarint(0);
        }
    }

    /// <summary>Raw bytes with no length prefix (record batches after their own size field).</summary>
    public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Room for <paramref name="count"/> bytes the caller fills (a file read lands here directly).</summary>
    public Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    /// <summary>Undoes the last <paramref name="count"/> bytes reserved and not used.</summary>
    public void Unreserve(int count) => _length -= count;

    public void PatchInt32(int position, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(position, 4), value);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void LengthPrefix(int count)
    {
        if (Flexible)
        {
            UnsignedVarint((uint)(count + 1));
        }
        else if (count < 0)
        {
            Int32(-1);
        }
        else
        {
            Int32(count);
        }
    }
}

namespace DevHarness.KafkaBroker.Records;

/// <summary>The zig-zag varints of the record format (Kafka's ByteUtils), read from and written to spans.</summary>
internal static class Varint
{
    public static long ReadSigned(ReadOnlySpan<byte> span, ref int position)
    {
        ulong raw = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new InvalidRecordException("a record ends inside a varint");
            }

            var b = span[position++];
            raw |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(raw >> 1) ^ -(long)(raw & 1);
            }
        }
        throw new InvalidRecordException("a record varint is longer than 10 bytes");
    }

    public static int WriteSigned(Span<byte> span, long value)
    {
        var raw = (ulong)((value << 1) ^ (value >> 63));
        var length = 0;
        while (raw >= 0x80)
        {
            span[length++] = (byte)(raw | 0x80);
            raw >>= 7;
        }
        span[length++] = (byte)raw;
        return length;
    }

    public static int SizeOfSigned(long value)
    {
        var raw = (ulong)((value << 1) ^ (value >> 63));
        var length = 1;
        while (raw >= 0x80)
        {
            raw >>= 7;
            length++;
        }
        return length;
    }
}

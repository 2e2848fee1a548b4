using System.Buffers;

namespace DevHarness.KafkaBroker.Records;

/// <summary>Turns stored batches back into messages (for the REST facade), decompressing where needed.</summary>
internal static class BatchDecoder
{
    /// <summary>
    /// Adds the batch's records at or after <paramref name="fromOffset"/> to <paramref name="into"/>, stopping at
    /// <paramref name="maxRecords"/> or once <paramref name="byteBudget"/> (key + value bytes) is used up;
    /// returns false when it stopped early.
    /// </summary>
    public static bool Decode(ReadOnlyMemory<byte> batch, long fromOffset, List<LogRecord> into, int maxRecords, ref long byteBudget)
    {
        var header = new BatchHeader(batch.Span);
        var baseOffset = header.BaseOffset;
        var baseTimestamp = header.BaseTimestamp;
        var logAppendTime = header.IsLogAppendTime ? header.MaxTimestamp : (long?)null;
        var count = header.RecordCount;
        var codec = header.Codec;
        if (header.IsControl)
        {
            return true;
        }

        byte[]? rented = null;
        ReadOnlyMemory<byte> records = batch[BatchHeader.Size..];
        if (codec != Codec.None)
        {
            (rented, var length) = Decompressor.Decompress(codec, records);
            records = rented.AsMemory(0, length);
        }

        try
        {
            var enumerator = new RecordEnumerator(records.Span, count);
            while (enumerator.MoveNext())
            {
                var record = enumerator.Current;
                var offset = baseOffset + record.OffsetDelta;
                if (offset < fromOffset)
                {
                    continue;
                }

                if (into.Count >= maxRecords || (byteBudget <= 0 && into.Count > 0))
                {
                    return false;
                }

                var key = record.KeyLength < 0 ? null : enumerator.Key(record).ToArray();
                var value = record.ValueLength < 0 ? null : enumerator.Value(record).ToArray();
                into.Add(new LogRecord(offset, logAppendTime ?? baseTimestamp + record.TimestampDelta, key, value));
                byteBudget -= record.KeyValueBytes;
            }
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The first record whose timestamp is at or after <paramref name="timestamp"/>, if any.</summary>
    public static LogRecord? FirstAtOrAfter(ReadOnlyMemory<byte> batch, long timestamp)
    {
        var found = new List<LogRecord>();
        long budget = long.MaxValue;
        Decode(batch, 0, found, int.MaxValue, ref budget);
        return found.FirstOrDefault(r => r.Timestamp >= timestamp);
    }
}

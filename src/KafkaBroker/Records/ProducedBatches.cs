using System.Buffers;

namespace DevHarness.KafkaBroker.Records;

/// <summary>
/// Checks the record batches of one partition in a Produce request before anything is written: complete,
/// magic 2, CRC-32C intact, offsets 0..n-1 inside, no idempotent or transactional markers, and no record
/// whose key plus value exceeds <see cref="BrokerOptions.MaxMessageBytes"/> (compressed batches are
/// decoded for this; they are stored as they came).
/// </summary>
internal static class ProducedBatches
{
    /// <summary>The batches' ranges within <paramref name="records"/>; throws what is wrong otherwise.</summary>
    public static List<Range> Validate(ReadOnlyMemory<byte> records)
    {
        var batches = new List<Range>();
        var position = 0;
        while (position < records.Length)
        {
            var rest = records.Span[position..];
            if (!BatchHeader.IsComplete(rest))
            {
                throw new InvalidRecordException($"the batch at byte {position} is cut short or has an impossible length");
            }

            var header = new BatchHeader(rest);
            var size = header.TotalSize;
            var batch = records.Slice(position, size);
            if (header.Magic != 2)
            {
                throw new UnsupportedMagicException(header.Magic);
            }

            if (!BatchHeader.CrcMatches(batch.Span))
            {
                throw new InvalidRecordException($"the batch at byte {position} fails its CRC-32C check");
            }

            if (header.IsTransactional || header.IsControl || header.ProducerId >= 0)
            {
                throw new InvalidRecordException("idempotent and transactional batches are not accepted (OCI Streaming supports neither): set enable.idempotence=false");
            }

            if (header.RecordCount <= 0 || header.LastOffsetDelta != header.RecordCount - 1)
            {
                throw new InvalidRecordException($"the batch at byte {position} holds {header.RecordCount} records but its last offset delta is {header.LastOffsetDelta}");
            }

            CheckRecords(batch, header.Codec, header.RecordCount);
            batches.Add(new Range(position, position + size));
            position += size;
        }

        if (batches.Count == 0)
        {
            throw new InvalidRecordException("the produce request holds no record batch");
        }
        return batches;
    }

    private static void CheckRecords(ReadOnlyMemory<byte> batch, Codec codec, int count)
    {
        byte[]? rented = null;
        var records = batch[BatchHeader.Size..];
        if (codec != Codec.None)
        {
            (rented, var length) = Decompressor.Decompress(codec, records);
            records = rented.AsMemory(0, length);
        }

        try
        {
            var enumerator = new RecordEnumerator(records.Span, count);
            var expected = 0;
            while (enumerator.MoveNext())
            {
                var record = enumerator.Current;
                if (record.OffsetDelta != expected++)
                {
                    throw new InvalidRecordException($"record {expected - 1} of a batch has offset delta {record.OffsetDelta}; they must run 0, 1, 2, ...");
                }

                if (record.KeyValueBytes > BrokerOptions.MaxMessageBytes)
                {
                    throw new MessageTooLargeException(record.KeyValueBytes);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

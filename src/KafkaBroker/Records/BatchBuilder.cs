using System.Buffers.Binary;

namespace DevHarness.KafkaBroker.Records;

/// <summary>
/// Encodes messages appended through the API (the REST facade's PutMessages) as one uncompressed magic-2
/// batch, the same bytes a Kafka producer would send, so Kafka consumers read them like any other batch.
/// </summary>
internal static class BatchBuilder
{
    public static byte[] Build(IReadOnlyList<NewRecord> records, long timestamp)
    {
        var size = BatchHeader.Size;
        for (var i = 0; i < records.Count; i++)
        {
            var body = BodySize(records[i], i);
            size += Varint.SizeOfSigned(body) + body;
        }

        var batch = new byte[size];
        var span = batch.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(span, 0);                       // base offset: set on append
        BinaryPrimitives.WriteInt32BigEndian(span[8..], size - BatchHeader.LengthFieldEnd);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], -1);                // partition leader epoch
        span[16] = 2;                                                        // magic
        BinaryPrimitives.WriteInt16BigEndian(span[21..], 0);                 // attributes: no codec, CreateTime
        BinaryPrimitives.WriteInt32BigEndian(span[23..], records.Count - 1); // last offset delta
        BinaryPrimitives.WriteInt64BigEndian(span[27..], timestamp);         // base timestamp
        BinaryPrimitives.WriteInt64BigEndian(span[35..], timestamp);         // max timestamp
        BinaryPrimitives.WriteInt64BigEndian(span[43..], -1);                // producer id: none
        BinaryPrimitives.WriteInt16BigEndian(span[51..], -1);                // producer epoch
        BinaryPrimitives.WriteInt32BigEndian(span[53..], -1);                // base sequence
        BinaryPrimitives.WriteInt32BigEndian(span[57..], records.Count);

        var position = BatchHeader.Size;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            position += Varint.WriteSigned(span[position..], BodySize(record, i));
            span[position++] = 0;                                            // attributes
            position += Varint.WriteSigned(span[position..], 0);             // timestamp delta
            position += Varint.WriteSigned(span[position..], i);             // offset delta
            position += Varint.WriteSigned(span[position..], record.Key?.Length ?? -1);
            record.Key?.CopyTo(span[position..]);
            position += record.Key?.Length ?? 0;
            position += Varint.WriteSigned(span[position..], record.Value.Length);
            record.Value.CopyTo(span[position..]);
            position += record.Value.Length;
            position += Varint.WriteSigned(span[position..], 0);             // headers
        }

        BatchHeader.SetCrc(span);
        return batch;
    }

    private static int BodySize(NewRecord record, int offsetDelta)
    {
        var keyLength = record.Key?.Length ?? -1;
        return 1 + Varint.SizeOfSigned(0) + Varint.SizeOfSigned(offsetDelta)
            + Varint.SizeOfSigned(keyLength) + Math.Max(keyLength, 0)
            + Varint.SizeOfSigned(record.Value.Length) + record.Value.Length
            + Varint.SizeOfSigned(0);
    }
}

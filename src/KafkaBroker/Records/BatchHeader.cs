using System.Buffers.Binary;

namespace DevHarness.KafkaBroker.Records;

/// <summary>
/// The fixed 61-byte header of a magic-2 record batch (Kafka's DefaultRecordBatch). Offsets in a stored
/// batch are assigned by rewriting <see cref="BaseOffset"/>, which the CRC does not cover (it covers
/// attributes onward), so a batch is kept byte for byte as the producer sent it otherwise.
/// </summary>
internal readonly ref struct BatchHeader(ReadOnlySpan<byte> batch)
{
    public const int Size = 61;
    public const int LengthFieldEnd = 12;
    private const int MagicOffset = 16;
    private const int CrcOffset = 17;
    private const int AttributesOffset = 21;
    private const int LastOffsetDeltaOffset = 23;
    private const int BaseTimestampOffset = 27;
    private const int MaxTimestampOffset = 35;
    private const int ProducerIdOffset = 43;
    private const int RecordCountOffset = 57;

    private readonly ReadOnlySpan<byte> _batch = batch;

    public long BaseOffset => BinaryPrimitives.ReadInt64BigEndian(_batch);

    /// <summary>The bytes after the length field; the whole batch is <see cref="TotalSize"/>.</summary>
    public int BatchLength => BinaryPrimitives.ReadInt32BigEndian(_batch[8..]);

    public int TotalSize => LengthFieldEnd + BatchLength;

    public sbyte Magic => (sbyte)_batch[MagicOffset];

    public uint Crc => BinaryPrimitives.ReadUInt32BigEndian(_batch[CrcOffset..]);

    public short Attributes => BinaryPrimitives.ReadInt16BigEndian(_batch[AttributesOffset..]);

    public Codec Codec => (Codec)(Attributes & 0x07);

    public bool IsLogAppendTime => (Attributes & 0x08) != 0;

    public bool IsTransactional => (Attributes & 0x10) != 0;

    public bool IsControl => (Attributes & 0x20) != 0;

    public int LastOffsetDelta => BinaryPrimitives.ReadInt32BigEndian(_batch[LastOffsetDeltaOffset..]);

    public long LastOffset => BaseOffset + LastOffsetDelta;

    public long BaseTimestamp => BinaryPrimitives.ReadInt64BigEndian(_batch[BaseTimestampOffset..]);

    public long MaxTimestamp => BinaryPrimitives.ReadInt64BigEndian(_batch[MaxTimestampOffset..]);

    public long ProducerId => BinaryPrimitives.ReadInt64BigEndian(_batch[ProducerIdOffset..]);

    public int RecordCount => BinaryPrimitives.ReadInt32BigEndian(_batch[RecordCountOffset..]);

    /// <summary>Whether <paramref name="batch"/> holds at least a full header and the length it claims.</summary>
    public static bool IsComplete(ReadOnlySpan<byte> batch) =>
        batch.Length >= Size && BinaryPrimitives.ReadInt32BigEndian(batch[8..]) is var length && length >= Size - LengthFieldEnd && batch.Length >= LengthFieldEnd + length;

    /// <summary>Whether the CRC-32C over attributes..end matches the one stored.</summary>
    public static bool CrcMatches(ReadOnlySpan<byte> batch) =>
        Crc32C.Compute(batch[AttributesOffset..]) == BinaryPrimitives.ReadUInt32BigEndian(batch[CrcOffset..]);

    public static void SetBaseOffset(Span<byte> batch, long offset) => BinaryPrimitives.WriteInt64BigEndian(batch, offset);

    public static void SetCrc(Span<byte> batch) => BinaryPrimitives.WriteUInt32BigEndian(batch[CrcOffset..], Crc32C.Compute(batch[AttributesOffset..]));
}

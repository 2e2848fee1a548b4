namespace DevHarness.KafkaBroker.Records;

/// <summary>
/// Walks the records of a magic-2 batch's (decompressed) records section: each record's length, attributes,
/// timestamp and offset deltas, key and value; header values are skipped (OCI's REST API has no headers).
/// </summary>
internal ref struct RecordEnumerator(ReadOnlySpan<byte> records, int count)
{
    private readonly ReadOnlySpan<byte> _records = records;
    private int _position;
    private int _read;

    public RawRecord Current { get; private set; }

    public bool MoveNext()
    {
        if (_read == count)
        {
            if (_position != _records.Length)
            {
                throw new InvalidRecordException($"{_records.Length - _position} bytes follow the batch's {count} records");
            }
            return false;
        }

        var length = Varint.ReadSigned(_records, ref _position);
        var end = _position + length;
        if (length < 0 || end > _records.Length)
        {
            throw new InvalidRecordException($"record {_read} claims {length} bytes, more than the batch holds");
        }

        var body = _records[..(int)end];
        _position++; // attributes: unused in magic 2
        var timestampDelta = Varint.ReadSigned(body, ref _position);
        var offsetDelta = Varint.ReadSigned(body, ref _position);
        var keyLength = Varint.ReadSigned(body, ref _position);
        var keyStart = _position;
        Skip(keyLength, end);
        var valueLength = Varint.ReadSigned(body, ref _position);
        var valueStart = _position;
        Skip(valueLength, end);
        var headers = Varint.ReadSigned(body, ref _position);
        for (var i = 0; i < headers; i++)
        {
            Skip(Varint.ReadSigned(body, ref _position), end);
            Skip(Varint.ReadSigned(body, ref _position), end);
        }

        if (_position != end || keyLength < -1 || valueLength < -1 || offsetDelta is < 0 or > int.MaxValue)
        {
            throw new InvalidRecordException($"record {_read} is malformed (its fields do not add up to its length)");
        }

        Current = new RawRecord(timestampDelta, (int)offsetDelta, keyLength, keyStart, valueLength, valueStart);
        _read++;
        return true;
    }

    private void Skip(long length, long end)
    {
        if (length > end - _position)
        {
            throw new InvalidRecordException($"record {_read} has a field longer than the record");
        }
        _position += (int)Math.Max(length, 0);
    }

    public readonly ReadOnlySpan<byte> Key(RawRecord record) => record.KeyLength < 0 ? default : _records.Slice(record.KeyStart, (int)record.KeyLength);

    public readonly ReadOnlySpan<byte> Value(RawRecord record) => record.ValueLength < 0 ? default : _records.Slice(record.ValueStart, (int)record.ValueLength);
}

/// <summary>Where one record's fields lie within its batch's records section.</summary>
internal readonly record struct RawRecord(long TimestampDelta, int OffsetDelta, long KeyLength, int KeyStart, long ValueLength, int ValueStart)
{
    /// <summary>Key plus value bytes: what OCI's 1 MiB message limit measures.</summary>
    public long KeyValueBytes => Math.Max(KeyLength, 0) + Math.Max(ValueLength, 0);
}

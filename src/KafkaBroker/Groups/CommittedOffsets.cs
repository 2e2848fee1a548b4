using System.Buffers.Binary;
using System.Text;
using DevHarness.KafkaBroker.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace DevHarness.KafkaBroker.Groups;

/// <summary>
/// Consumer groups' committed offsets, kept in <c>groups/offsets.log</c>: every commit is appended (length,
/// CRC-32C, then group, topic, partition, offset and metadata), the file is read back and compacted at start,
/// and a torn last entry from a killed process is dropped. Kafka's OffsetCommit and the REST facade's group
/// cursors both commit here, so a group's position is the same through either door.
/// </summary>
public sealed class CommittedOffsets : IDisposable
{
    private const int CompactAboveBytes = 8 * 1024 * 1024;

    private readonly Dictionary<(string Group, string Topic, int Partition), (long Offset, string? Metadata)> _offsets = [];
    private readonly Lock _lock = new();
    private readonly string _path;
    private SafeFileHandle _file;
    private long _length;

    internal CommittedOffsets(string root, ILogger logger)
    {
        var directory = Path.Combine(root, "groups");
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, "offsets.log");
        if (File.Exists(_path))
        {
            Load(File.ReadAllBytes(_path));
            BrokerLog.OffsetsLoaded(logger, _offsets.Count, _path);
        }

        _file = Compact();
    }

    /// <summary>The offset <paramref name="group"/> committed for the partition (the next one it will read), or null.</summary>
    public long? Get(string group, string topic, int partition)
    {
        lock (_lock)
        {
            return _offsets.TryGetValue((group, topic, partition), out var committed) ? committed.Offset : null;
        }
    }

    /// <summary>Records a commit; it is in the file when this returns.</summary>
    public void Commit(string group, string topic, int partition, long offset, string? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(topic);
        var entry = Encode(group, topic, partition, offset, metadata);
        lock (_lock)
        {
            RandomAccess.Write(_file, entry, _length);
            _length += entry.Length;
            _offsets[(group, topic, partition)] = (offset, metadata);
            if (_length > CompactAboveBytes && _length > 4L * _offsets.Count * 64)
            {
                _file.Dispose();
                _file = Compact();
            }
        }
    }

    internal (long Offset, string? Metadata)? GetWithMetadata(string group, string topic, int partition)
    {
        lock (_lock)
        {
            return _offsets.TryGetValue((group, topic, partition), out var committed) ? committed : null;
        }
    }

    /// <summary>Every partition <paramref name="group"/> has committed, by topic.</summary>
    internal List<(string Topic, int Partition, long Offset, string? Metadata)> ForGroup(string group)
    {
        lock (_lock)
        {
            return [.. _offsets.Where(o => o.Key.Group == group).Select(o => (o.Key.Topic, o.Key.Partition, o.Value.Offset, o.Value.Metadata))];
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file.Dispose();
        }
    }

    private void Load(byte[] bytes)
    {
        var position = 0;
        while (bytes.Length - position >= 8)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(position));
            if (length <= 0 || position + 8 + length > bytes.Length)
            {
                break;
            }

            var payload = bytes.AsSpan(position + 8, length);
            if (Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position + 4)))
            {
                break;
            }

            using var reader = new BinaryReader(new MemoryStream(payload.ToArray()), Encoding.UTF8);
            var key = (reader.ReadString(), reader.ReadString(), reader.ReadInt32());
            var offset = reader.ReadInt64();
            var metadata = reader.ReadBoolean() ? reader.ReadString() : null;
            _offsets[key] = (offset, metadata);
            position += 8 + length;
        }
    }

    /// <summary>Writes the live offsets to a new file and renames it over the old one (atomic), then appends there.</summary>
    private SafeFileHandle Compact()
    {
        var temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            foreach (var ((group, topic, partition), (offset, metadata)) in _offsets)
            {
                stream.Write(Encode(group, topic, partition, offset, metadata));
            }
        }

        File.Move(temporary, _path, overwrite: true);
        var file = File.OpenHandle(_path, FileMode.Open, FileAccess.ReadWrite);
        _length = RandomAccess.GetLength(file);
        return file;
    }

    private static byte[] Encode(string group, string topic, int partition, long offset, string? metadata)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(group);
            writer.Write(topic);
            writer.Write(partition);
            writer.Write(offset);
            writer.Write(metadata is not null);
            if (metadata is not null)
            {
                writer.Write(metadata);
            }
        }

        var body = payload.ToArray();
        var entry = new byte[8 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(entry, body.Length);
        BinaryPrimitives.WriteUInt32BigEndian(entry.AsSpan(4), Crc32C.Compute(body));
        body.CopyTo(entry, 8);
        return entry;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using DevHarness.KafkaBroker.Records;
using Microsoft.Win32.SafeHandles;

namespace DevHarness.KafkaBroker.Storage;

/// <summary>
/// One segment of a partition's log: <c>&lt;base offset&gt;.log</c>, the record batches back to back exactly as
/// stored, and <c>&lt;base offset&gt;.index</c>, a sparse index with one entry per ~4 KiB of log
/// (batch base offset, file position, and the largest timestamp of the batches before it), so a read by
/// offset or by time is a binary search plus a short walk. Appends are plain positioned writes: once
/// <see cref="Append"/> returns the batch is in the operating system's file cache and survives the process
/// being killed (not a power loss: nothing is fsynced).
/// </summary>
internal sealed class Segment
{
    public const string LogExtension = ".log";
    public const string IndexExtension = ".index";
    private const int IndexEntrySize = 20;
    private const int IndexIntervalBytes = 4096;
    private const int ScanChunkBytes = 1024 * 1024;

    private readonly SafeFileHandle _log;
    private readonly SafeFileHandle _index;
    private long _size;
    private long _indexSize;
    private long _bytesSinceIndex;
    private long _maxTimestamp = -1;
    private long _nextOffset;
    private long _lastAppendTicks;
    private int _references = 1;
    private int _deleted;

    private Segment(string directory, long baseOffset, SafeFileHandle log, SafeFileHandle index)
    {
        BaseOffset = baseOffset;
        LogPath = Path.Combine(directory, FileName(baseOffset) + LogExtension);
        IndexPath = Path.Combine(directory, FileName(baseOffset) + IndexExtension);
        _log = log;
        _index = index;
        _nextOffset = baseOffset;
    }

    public long BaseOffset { get; }

    public string LogPath { get; }

    public string IndexPath { get; }

    /// <summary>Bytes of whole batches written: readers never look past it.</summary>
    public long Size => Volatile.Read(ref _size);

    /// <summary>One past the last offset this segment holds (its base offset while empty).</summary>
    public long NextOffset => Volatile.Read(ref _nextOffset);

    /// <summary>The largest record timestamp here (-1 while empty).</summary>
    public long MaxTimestamp => Volatile.Read(ref _maxTimestamp);

    /// <summary>When a batch was last appended (the file's modification time after a restart): retention counts from here.</summary>
    public DateTimeOffset LastAppend => new(Volatile.Read(ref _lastAppendTicks), TimeSpan.Zero);

    public static string FileName(long baseOffset) => baseOffset.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);

    public static Segment Create(string directory, long baseOffset, DateTimeOffset now)
    {
        var segment = Open(directory, baseOffset, FileMode.CreateNew);
        segment._lastAppendTicks = now.UtcTicks;
        return segment;
    }

    /// <summary>
    /// Opens an existing segment. The newest one (<paramref name="recover"/>) is checked batch by batch, CRC
    /// included, and cut at the first batch that is incomplete or damaged: what a killed process was
    /// writing when it died. Its index is rebuilt from what remains.
    /// </summary>
    public static Segment Open(string directory, long baseOffset, bool recover, Action<long, string> truncated)
    {
        var segment = Open(directory, baseOffset, FileMode.OpenOrCreate);
        segment._lastAppendTicks = File.GetLastWriteTimeUtc(segment.LogPath).Ticks;
        var length = RandomAccess.GetLength(segment._log);
        segment._size = length;
        if (recover || RandomAccess.GetLength(segment._index) % IndexEntrySize != 0 || (length > 0 && RandomAccess.GetLength(segment._index) == 0))
        {
            segment.Rebuild(checkCrc: recover, truncated);
        }
        else
        {
            segment.LoadTail();
        }
        return segment;
    }

    public void Append(ReadOnlySpan<byte> batch, DateTimeOffset now)
    {
        var header = new BatchHeader(batch);
        var position = _size;
        RandomAccess.Write(_log, batch, position);
        Track(header.BaseOffset, position, header.LastOffset, header.MaxTimestamp, batch.Length, writeIndex: true);
        Volatile.Write(ref _lastAppendTicks, now.UtcTicks);
        Volatile.Write(ref _size, position + batch.Length);
    }

    /// <summary>The position of the first batch holding <paramref name="offset"/> or later ones; <see cref="Size"/> if none.</summary>
    public long PositionOf(long offset)
    {
        var position = FloorEntry(e => e.Offset <= offset);
        Span<byte> header = stackalloc byte[BatchHeader.Size];
        var size = Size;
        while (position < size)
        {
            RandomAccess.Read(_log, header, position);
            var batch = new BatchHeader(header);
            if (batch.LastOffset >= offset)
            {
                return position;
            }
            position += batch.TotalSize;
        }
        return size;
    }

    /// <summary>The position of the first batch whose largest timestamp is at or after <paramref name="timestamp"/>; <see cref="Size"/> if none.</summary>
    public long PositionOfTime(long timestamp)
    {
        var position = FloorEntry(e => e.MaxTimestampBefore < timestamp);
        Span<byte> header = stackalloc byte[BatchHeader.Size];
        var size = Size;
        while (position < size)
        {
            RandomAccess.Read(_log, header, position);
            var batch = new BatchHeader(header);
            if (batch.MaxTimestamp >= timestamp)
            {
                return position;
            }
            position += batch.TotalSize;
        }
        return size;
    }

    /// <summary>Reads log bytes at <paramref name="position"/> (never past <see cref="Size"/>); returns how many.</summary>
    public int Read(long position, Span<byte> into)
    {
        var available = Size - position;
        if (available <= 0)
        {
            return 0;
        }

        var wanted = (int)Math.Min(available, into.Length);
        var total = 0;
        while (total < wanted)
        {
            var read = RandomAccess.Read(_log, into[total..wanted], position + total);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    /// <summary>Keeps the files open while a reader uses them; false once the segment is deleted.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var references = Volatile.Read(ref _references);
            if (references == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, references + 1, references) == references)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _log.Dispose();
            _index.Dispose();
        }
    }

    /// <summary>Removes the files (readers still holding the segment finish first) and drops the owner's reference.</summary>
    public void Delete()
    {
        if (Interlocked.Exchange(ref _deleted, 1) == 0)
        {
            File.Delete(LogPath);
            File.Delete(IndexPath);
            Release();
        }
    }

    /// <summary>Closes the files, keeping them (the broker stops).</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _deleted, 1) == 0)
        {
            Release();
        }
    }

    private static Segment Open(string directory, long baseOffset, FileMode mode)
    {
        var name = Path.Combine(directory, FileName(baseOffset));
        var share = FileShare.ReadWrite | FileShare.Delete;
        var log = File.OpenHandle(name + LogExtension, mode, FileAccess.ReadWrite, share);
        try
        {
            var index = File.OpenHandle(name + IndexExtension, mode == FileMode.CreateNew ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.ReadWrite, share);
            return new Segment(directory, baseOffset, log, index);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    private void Track(long baseOffset, long position, long lastOffset, long maxTimestamp, int length, bool writeIndex)
    {
        if (writeIndex && (_indexSize == 0 || _bytesSinceIndex >= IndexIntervalBytes))
        {
            Span<byte> entry = stackalloc byte[IndexEntrySize];
            BinaryPrimitives.WriteInt64BigEndian(entry, baseOffset);
            BinaryPrimitives.WriteInt32BigEndian(entry[8..], checked((int)position));
            BinaryPrimitives.WriteInt64BigEndian(entry[12..], _maxTimestamp);
            RandomAccess.Write(_index, entry, _indexSize);
            Volatile.Write(ref _indexSize, _indexSize + IndexEntrySize);
            _bytesSinceIndex = 0;
        }

        _bytesSinceIndex += length;
        Volatile.Write(ref _maxTimestamp, Math.Max(_maxTimestamp, maxTimestamp));
        Volatile.Write(ref _nextOffset, lastOffset + 1);
    }

    /// <summary>Walks every batch from the start, rewriting the index; with <paramref name="checkCrc"/>, cuts the log at the first damaged batch.</summary>
    private void Rebuild(bool checkCrc, Action<long, string> truncated)
    {
        RandomAccess.SetLength(_index, 0);
        _indexSize = 0;
        _bytesSinceIndex = 0;
        var length = RandomAccess.GetLength(_log);
        var buffer = ArrayPool<byte>.Shared.Rent(ScanChunkBytes);
        long position = 0;
        string? problem = null;
        try
        {
            while (position < length)
            {
                var headerBytes = Math.Min(length - position, BatchHeader.Size);
                if (headerBytes < BatchHeader.Size)
                {
                    problem = "a batch header is cut short";
                    break;
                }

                RandomAccess.Read(_log, buffer.AsSpan(0, BatchHeader.Size), position);
                var header = new BatchHeader(buffer);
                var total = header.TotalSize;
                if (header.Magic != 2 || header.BatchLength < BatchHeader.Size - BatchHeader.LengthFieldEnd || position + total > length)
                {
                    problem = "a batch is cut short";
                    break;
                }

                if (header.BaseOffset != _nextOffset)
                {
                    problem = $"offset {header.BaseOffset} follows {_nextOffset - 1}";
                    break;
                }

                var lastOffset = header.LastOffset;
                var maxTimestamp = header.MaxTimestamp;
                if (checkCrc)
                {
                    if (total > buffer.Length)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(total);
                    }

                    RandomAccess.Read(_log, buffer.AsSpan(0, total), position);
                    if (!BatchHeader.CrcMatches(buffer.AsSpan(0, total)))
                    {
                        problem = "a batch fails its CRC-32C check";
                        break;
                    }
                }

                Track(header.BaseOffset, position, lastOffset, maxTimestamp, total, writeIndex: true);
                position += total;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (problem is not null)
        {
            truncated(position, problem);
            RandomAccess.SetLength(_log, position);
        }
        _size = position;
    }

    /// <summary>For a sealed segment: the last index entry, then the few batches after it, give the end offset and largest timestamp.</summary>
    private void LoadTail()
    {
        _indexSize = RandomAccess.GetLength(_index);
        long position = 0;
        if (_indexSize > 0)
        {
            var last = ReadEntry((_indexSize / IndexEntrySize) - 1);
            position = last.Position;
            _maxTimestamp = last.MaxTimestampBefore;
            _nextOffset = last.Offset;
        }

        Span<byte> header = stackalloc byte[BatchHeader.Size];
        while (position < _size)
        {
            RandomAccess.Read(_log, header, position);
            var batch = new BatchHeader(header);
            _maxTimestamp = Math.Max(_maxTimestamp, batch.MaxTimestamp);
            _nextOffset = batch.LastOffset + 1;
            _bytesSinceIndex += batch.TotalSize;
            position += batch.TotalSize;
        }
    }

    /// <summary>The position of the last index entry satisfying <paramref name="before"/> (which holds for a prefix of entries), or 0.</summary>
    private long FloorEntry(Func<IndexEntry, bool> before)
    {
        long low = 0, high = (Volatile.Read(ref _indexSize) / IndexEntrySize) - 1, found = 0;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var entry = ReadEntry(middle);
            if (before(entry))
            {
                found = entry.Position;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }

    private IndexEntry ReadEntry(long index)
    {
        Span<byte> entry = stackalloc byte[IndexEntrySize];
        RandomAccess.Read(_index, entry, index * IndexEntrySize);
        return new IndexEntry(BinaryPrimitives.ReadInt64BigEndian(entry), BinaryPrimitives.ReadInt32BigEndian(entry[8..]), BinaryPrimitives.ReadInt64BigEndian(entry[12..]));
    }

    private readonly record struct IndexEntry(long Offset, int Position, long MaxTimestampBefore);
}

using System.Buffers;
using System.Globalization;
using DevHarness.KafkaBroker.Protocol;
using DevHarness.KafkaBroker.Records;
using Microsoft.Extensions.Logging;

namespace DevHarness.KafkaBroker.Storage;

/// <summary>
/// One partition's log: its segment files, the next offset, and a signal for readers waiting for data.
/// Appends are serialized; reads run concurrently against whole batches already written. Kafka's Fetch and
/// the REST facade both read here, so a message has one offset, one timestamp and the same bytes through
/// either door.
/// </summary>
public sealed class PartitionLog
{
    private const int ReadChunkBytes = 1024 * 1024;

    private readonly Lock _appendLock = new();
    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly TimeProvider _clock;
    private Segment[] _segments;
    private long _nextOffset;
    private TaskCompletionSource _appended = NewSignal();

    private PartitionLog(string topic, int partition, string directory, long segmentBytes, TimeProvider clock, Segment[] segments)
    {
        Topic = topic;
        Partition = partition;
        _directory = directory;
        _segmentBytes = segmentBytes;
        _clock = clock;
        _segments = segments;
        _nextOffset = segments[^1].NextOffset;
    }

    public string Topic { get; }

    public int Partition { get; }

    /// <summary>The oldest offset still held (retention moves it forward); equals <see cref="NextOffset"/> when empty.</summary>
    public long LogStartOffset => Volatile.Read(ref _segments)[0].BaseOffset;

    /// <summary>The offset the next message will get (Kafka's high watermark: everything before it is acknowledged).</summary>
    public long NextOffset => Volatile.Read(ref _nextOffset);

    /// <summary>Bytes on disk across this partition's segments.</summary>
    public long SizeInBytes => Volatile.Read(ref _segments).Sum(s => s.Size);

    internal int SegmentCount => Volatile.Read(ref _segments).Length;

    internal static PartitionLog Open(string topic, int partition, string directory, long segmentBytes, TimeProvider clock, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        var bases = new List<long>();
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var baseOffset))
            {
                continue;
            }

            if (file.EndsWith(Segment.LogExtension, StringComparison.Ordinal))
            {
                bases.Add(baseOffset);
            }
            else if (file.EndsWith(Segment.IndexExtension, StringComparison.Ordinal) && !File.Exists(Path.ChangeExtension(file, Segment.LogExtension)))
            {
                File.Delete(file); // left behind by a retention deletion the process did not finish
            }
        }

        bases.Sort();
        var segments = new List<Segment>();
        try
        {
            if (bases.Count == 0)
            {
                segments.Add(Segment.Create(directory, 0, clock.GetUtcNow()));
            }

            for (var i = 0; i < bases.Count; i++)
            {
                var last = i == bases.Count - 1;
                segments.Add(Segment.Open(directory, bases[i], recover: last,
                    (position, problem) => BrokerLog.TornTail(logger, topic, partition, bases[i], position, problem)));
            }
        }
        catch
        {
            foreach (var segment in segments)
            {
                segment.Close();
            }
            throw;
        }

        return new PartitionLog(topic, partition, directory, segmentBytes, clock, [.. segments]);
    }

    /// <summary>
    /// Appends messages (one uncompressed batch, every message timestamped now) and returns the first one's
    /// offset and the timestamp. It returns once the batch is written to the file.
    /// </summary>
    public (long BaseOffset, long Timestamp) Append(IReadOnlyList<NewRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new ArgumentException("At least one record is needed.", nameof(records));
        }

        foreach (var record in records)
        {
            if ((record.Key?.Length ?? 0) + record.Value.Length > BrokerOptions.MaxMessageBytes)
            {
                throw new ArgumentException($"A message's key and value may be at most {BrokerOptions.MaxMessageBytes} bytes.", nameof(records));
            }
        }

        var timestamp = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = BatchBuilder.Build(records, timestamp);
        return (AppendBatches(batch, [Range.All]), timestamp);
    }

    /// <summary>
    /// Appends already validated batches (a Produce request's), assigning offsets by rewriting each batch's
    /// base offset in place; returns the first offset.
    /// </summary>
    internal long AppendBatches(Span<byte> records, List<Range> batches)
    {
        long first;
        lock (_appendLock)
        {
            first = _nextOffset;
            var now = _clock.GetUtcNow();
            foreach (var range in batches)
            {
                var batch = records[range];
                BatchHeader.SetBaseOffset(batch, _nextOffset);
                var active = _segments[^1];
                if (active.Size > 0 && active.Size + batch.Length > _segmentBytes)
                {
                    active = Roll(now);
                }

                active.Append(batch, now);
                Volatile.Write(ref _nextOffset, new BatchHeader(batch).LastOffset + 1);
            }
        }

        Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
        return first;
    }

    /// <summary>
    /// Completes once the partition holds an offset at or past <paramref name="offset"/>, at once if it already
    /// does: the append signals, nothing polls.
    /// </summary>
    public Task WaitForAppendAsync(long offset, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _appended);
        return NextOffset > offset ? Task.CompletedTask : signal.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Messages from <paramref name="offset"/> on: at most <paramref name="maxRecords"/>, stopping once
    /// <paramref name="maxBytes"/> of keys and values are collected (at least one message when any is there).
    /// </summary>
    public IReadOnlyList<LogRecord> Read(long offset, int maxRecords, long maxBytes)
    {
        var records = new List<LogRecord>();
        var budget = maxBytes;
        var next = offset;
        CheckRange(offset);
        while (records.Count < maxRecords && (budget > 0 || records.Count == 0) && next < NextOffset)
        {
            var chunk = ReadChunk(next, ReadChunkBytes);
            if (chunk.Buffer is null)
            {
                break;
            }

            try
            {
                var position = 0;
                var complete = true;
                while (position < chunk.Length && complete)
                {
                    var batch = chunk.Buffer.AsMemory(position, new BatchHeader(chunk.Buffer.AsSpan(position)).TotalSize);
                    complete = BatchDecoder.Decode(batch, next, records, maxRecords, ref budget);
                    next = Math.Max(next, new BatchHeader(batch.Span).LastOffset + 1);
                    position += batch.Length;
                }

                if (!complete)
                {
                    break;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }
        }
        return records;
    }

    /// <summary>The offset of the first message timestamped at or after <paramref name="timestamp"/> (Unix ms), or null if none is.</summary>
    public long? OffsetForTimestamp(long timestamp) => RecordForTimestamp(timestamp)?.Offset;

    /// <summary>The first message timestamped at or after <paramref name="timestamp"/>, or null.</summary>
    internal LogRecord? RecordForTimestamp(long timestamp)
    {
        foreach (var segment in Volatile.Read(ref _segments))
        {
            if (segment.MaxTimestamp < timestamp || !segment.TryAcquire())
            {
                continue;
            }

            try
            {
                var position = segment.PositionOfTime(timestamp);
                var header = new byte[BatchHeader.Size];
                if (segment.Read(position, header) < BatchHeader.Size)
                {
                    continue;
                }

                var batch = new byte[new BatchHeader(header).TotalSize];
                segment.Read(position, batch);
                return BatchDecoder.FirstAtOrAfter(batch, timestamp);
            }
            finally
            {
                segment.Release();
            }
        }
        return null;
    }

    /// <summary>
    /// Fetch: whole batches from the one holding <paramref name="offset"/>, up to <paramref name="maxBytes"/> but
    /// always at least one batch (KIP-74), written raw into <paramref name="writer"/>; returns the byte count.
    /// </summary>
    internal int ReadBatches(long offset, int maxBytes, KafkaWriter writer)
    {
        CheckRange(offset);
        while (offset < NextOffset)
        {
            var (segment, next) = Locate(offset);
            if (segment is null)
            {
                offset = next;
                continue;
            }

            try
            {
                var position = segment.PositionOf(offset);
                var available = segment.Size - position;
                if (available <= 0)
                {
                    offset = Math.Max(offset, segment.NextOffset);
                    continue;
                }

                var target = writer.Reserve((int)Math.Min(available, Math.Max(maxBytes, BatchHeader.Size)));
                var read = segment.Read(position, target);
                var whole = WholeBatches(target[..read]);
                if (whole == 0)
                {
                    // The first batch is larger than the limit: it is sent whole so the consumer makes progress.
                    var size = new BatchHeader(target).TotalSize;
                    writer.Unreserve(target.Length);
                    target = writer.Reserve(size);
                    whole = segment.Read(position, target);
                }

                writer.Unreserve(target.Length - whole);
                return whole;
            }
            finally
            {
                segment.Release();
            }
        }
        return 0;
    }

    /// <summary>Deletes whole segments past retention (by age, and by size when set); the newest segment is rolled first if it is old.</summary>
    internal void EnforceRetention(TimeSpan retention, long? retentionBytes)
    {
        List<Segment> deleted;
        lock (_appendLock)
        {
            var now = _clock.GetUtcNow();
            var cutoff = now - retention;
            if (_segments[^1] is { Size: > 0 } active && active.LastAppend < cutoff)
            {
                Roll(now);
            }

            var segments = _segments;
            var total = segments.Sum(s => s.Size);
            var count = 0;
            while (count < segments.Length - 1)
            {
                var oldest = segments[count];
                if (oldest.LastAppend >= cutoff && !(retentionBytes is { } limit && total - oldest.Size >= limit))
                {
                    break;
                }
                total -= oldest.Size;
                count++;
            }

            deleted = [.. segments[..count]];
            Volatile.Write(ref _segments, segments[count..]);
        }

        foreach (var segment in deleted)
        {
            segment.Delete();
        }
    }

    internal void Close()
    {
        lock (_appendLock)
        {
            foreach (var segment in _segments)
            {
                segment.Close();
            }
        }
    }

    private Segment Roll(DateTimeOffset now)
    {
        var segment = Segment.Create(_directory, _nextOffset, now);
        Volatile.Write(ref _segments, [.. _segments, segment]);
        return segment;
    }

    private void CheckRange(long offset)
    {
        var start = LogStartOffset;
        var next = NextOffset;
        if (offset < start || offset > next)
        {
            throw new OffsetOutOfRangeException(Topic, Partition, offset, start, next);
        }
    }

    /// <summary>The segment that holds <paramref name="offset"/>, acquired; or null and where to look next (it was deleted).</summary>
    private (Segment? Segment, long Next) Locate(long offset)
    {
        var segments = Volatile.Read(ref _segments);
        var index = segments.Length - 1;
        while (index > 0 && segments[index].BaseOffset > offset)
        {
            index--;
        }

        var segment = segments[index];
        if (offset < segment.BaseOffset)
        {
            throw new OffsetOutOfRangeException(Topic, Partition, offset, segment.BaseOffset, NextOffset);
        }

        return segment.TryAcquire() ? (segment, offset) : (null, offset);
    }

    /// <summary>Whole batches from the one holding <paramref name="offset"/>, about <paramref name="bytes"/> of them, in a pooled buffer.</summary>
    private (byte[]? Buffer, int Length) ReadChunk(long offset, int bytes)
    {
        while (offset < NextOffset)
        {
            var (segment, _) = Locate(offset);
            if (segment is null)
            {
                CheckRange(offset);
                continue;
            }

            try
            {
                var position = segment.PositionOf(offset);
                var available = segment.Size - position;
                if (available <= 0)
                {
                    offset = Math.Max(offset, segment.NextOffset);
                    continue;
                }

                var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(available, bytes));
                var read = segment.Read(position, buffer);
                var whole = WholeBatches(buffer.AsSpan(0, read));
                if (whole == 0)
                {
                    var size = new BatchHeader(buffer).TotalSize;
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(size);
                    whole = segment.Read(position, buffer.AsSpan(0, size));
                }
                return (buffer, whole);
            }
            finally
            {
                segment.Release();
            }
        }
        return (null, 0);
    }

    private static int WholeBatches(ReadOnlySpan<byte> bytes)
    {
        var position = 0;
        while (bytes.Length - position >= BatchHeader.Size)
        {
            var size = new BatchHeader(bytes[position..]).TotalSize;
            if (position + size > bytes.Length)
            {
                break;
            }
            position += size;
        }
        return position;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

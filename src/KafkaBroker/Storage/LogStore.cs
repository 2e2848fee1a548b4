using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace DevHarness.KafkaBroker.Storage;

/// <summary>
/// Every topic's partition logs under one data folder: <c>topics/&lt;topic&gt;/&lt;partition&gt;/</c>. Topics
/// found on disk are opened again at start, so a restart with the same folder keeps every message and
/// offset. A lock file keeps a second broker off the same folder.
/// </summary>
internal sealed class LogStore : IDisposable
{
    private readonly ConcurrentDictionary<string, PartitionLog[]> _topics = new(StringComparer.Ordinal);
    private readonly Lock _createLock = new();
    private readonly string _topicsRoot;
    private readonly long _segmentBytes;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public LogStore(string root, BrokerOptions options, ILogger logger)
    {
        _topicsRoot = Path.Combine(root, "topics");
        _clock = options.TimeProvider;
        _logger = logger;
        // Retention deletes whole segments; with a byte limit, segments a quarter of it keep what is deleted at once small.
        _segmentBytes = options.RetentionBytes is { } limit ? Math.Clamp(limit / 4, BrokerOptions.MaxMessageBytes, options.SegmentBytes) : options.SegmentBytes;
        Directory.CreateDirectory(_topicsRoot);
        foreach (var directory in Directory.EnumerateDirectories(_topicsRoot))
        {
            var name = Path.GetFileName(directory);
            var partitions = Directory.EnumerateDirectories(directory)
                .Select(Path.GetFileName)
                .Count(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _));
            if (TopicDefinition.IsValidName(name) && partitions > 0)
            {
                _topics[name] = Open(name, partitions);
            }
        }
    }

    public IEnumerable<string> TopicNames => _topics.Keys;

    public IEnumerable<PartitionLog> AllPartitions => _topics.Values.SelectMany(p => p);

    public bool TryGet(string topic, out PartitionLog[] partitions) => _topics.TryGetValue(topic, out partitions!);

    /// <summary>
    /// Creates the topic, or checks the one on disk has the same partition count: a stream's partitions
    /// cannot change (docs/oci-facts.md §2.5), so a mismatch is an error naming the folder.
    /// </summary>
    public PartitionLog[] Ensure(TopicDefinition topic)
    {
        lock (_createLock)
        {
            if (_topics.TryGetValue(topic.Name, out var existing))
            {
                if (existing.Length != topic.Partitions)
                {
                    throw new InvalidOperationException(
                        $"Topic {topic.Name} has {existing.Length} partitions in {Path.Combine(_topicsRoot, topic.Name)}, but {topic.Partitions} were asked for: " +
                        "a stream's partition count cannot change. Ask for the same count, or use another data folder (or delete that one).");
                }
                return existing;
            }

            var created = Open(topic.Name, topic.Partitions);
            _topics[topic.Name] = created;
            BrokerLog.TopicCreated(_logger, topic.Name, topic.Partitions);
            return created;
        }
    }

    public void EnforceRetention(TimeSpan retention, long? retentionBytes)
    {
        foreach (var partition in AllPartitions)
        {
            var before = partition.LogStartOffset;
            partition.EnforceRetention(retention, retentionBytes);
            if (partition.LogStartOffset != before)
            {
                BrokerLog.RetentionDeleted(_logger, partition.Topic, partition.Partition, partition.LogStartOffset - before, partition.LogStartOffset);
            }
        }
    }

    public void Dispose()
    {
        foreach (var partition in AllPartitions)
        {
            partition.Close();
        }
    }

    private PartitionLog[] Open(string topic, int partitions)
    {
        var logs = new PartitionLog[partitions];
        for (var p = 0; p < partitions; p++)
        {
            var directory = Path.Combine(_topicsRoot, topic, p.ToString(CultureInfo.InvariantCulture));
            logs[p] = PartitionLog.Open(topic, p, directory, _segmentBytes, _clock, _logger);
        }
        return logs;
    }
}

using DevHarness.KafkaBroker.Storage;

namespace DevHarness.KafkaBroker.Protocol.Apis;

/// <summary>
/// Fetch v4-11: stored batches as they are, from the one holding the fetch offset. A fetch that finds less
/// than <c>min_bytes</c> waits on the partitions' append signals and is answered as soon as data arrives, or
/// when <c>max_wait_ms</c> runs out; nothing polls. Fetch sessions (KIP-227) are not kept: the answer's
/// session id 0 tells the client to send full fetches.
/// </summary>
internal static class FetchApi
{
    /// <summary>The most one answer carries, whatever the client allows: memory stays flat, the client fetches again.</summary>
    private const int MaxResponseBytes = 16 * 1024 * 1024;

    public static async Task HandleAsync(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var version = header.ApiVersion;
        request.Int32(); // replica id
        var maxWaitMs = request.Int32();
        var minBytes = request.Int32();
        var maxBytes = Math.Min(request.Int32(), MaxResponseBytes);
        request.Int8(); // isolation level
        if (version >= 7)
        {
            request.Int32(); // session id
            request.Int32(); // session epoch
        }

        var topics = request.Array(r => (Name: r.String(), Partitions: r.Array(p =>
        {
            var index = p.Int32();
            if (version >= 9)
            {
                p.Int32(); // current leader epoch
            }
            var offset = p.Int64();
            if (version >= 5)
            {
                p.Int64(); // log start offset (a follower's)
            }
            return new Wanted(index, offset, p.Int32());
        })));

        var partitions = topics.SelectMany(t => t.Partitions.Select(p => (Topic: t.Name, Wanted: p, Log: Find(broker, t.Name, p.Index)))).ToList();
        var deadline = DateTime.UtcNow.AddMilliseconds(Math.Max(maxWaitMs, 0));
        var start = response.Length;
        while (true)
        {
            var ready = minBytes <= 1
                ? partitions.Any(p => p.Log is null || p.Wanted.Offset != p.Log.NextOffset)
                : true;
            if (ready)
            {
                var written = Write(version, topics, partitions, maxBytes, response);
                if (written >= minBytes || DateTime.UtcNow >= deadline)
                {
                    return;
                }
                response.Unreserve(response.Length - start);
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                Write(version, topics, partitions, maxBytes, response);
                return;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var waits = partitions.Where(p => p.Log is not null).Select(p => p.Log!.WaitForAppendAsync(p.Wanted.Offset, wake.Token)).ToList();
            waits.Add(Task.Delay(remaining, wake.Token));
            await Task.WhenAny(waits);
            await wake.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Writes the whole answer; returns the record bytes it carries.</summary>
    private static int Write(short version, List<(string Name, List<Wanted> Partitions)> topics, List<(string Topic, Wanted Wanted, PartitionLog? Log)> partitions, int maxBytes, KafkaWriter response)
    {
        response.Int32(0); // throttle time
        if (version >= 7)
        {
            response.Int16((short)ErrorCode.None);
            response.Int32(0); // session id: none
        }

        var total = 0;
        var index = 0;
        response.ArrayLength(topics.Count);
        foreach (var topic in topics)
        {
            response.String(topic.Name);
            response.ArrayLength(topic.Partitions.Count);
            foreach (var wanted in topic.Partitions)
            {
                var log = partitions[index++].Log;
                var error = log is null ? ErrorCode.UnknownTopicOrPartition
                    : wanted.Offset < log.LogStartOffset || wanted.Offset > log.NextOffset ? ErrorCode.OffsetOutOfRange
                    : ErrorCode.None;
                response.Int32(wanted.Index);
                response.Int16((short)error);
                response.Int64(log?.NextOffset ?? -1);    // high watermark
                response.Int64(log?.NextOffset ?? -1);    // last stable offset
                if (version >= 5)
                {
                    response.Int64(log?.LogStartOffset ?? -1);
                }
                response.ArrayLength(-1);                 // aborted transactions: none
                if (version >= 11)
                {
                    response.Int32(-1);                   // preferred read replica
                }

                var sizeAt = response.Length;
                response.Int32(0);
                var budget = Math.Min(wanted.MaxBytes, maxBytes - total);
                var bytes = 0;
                if (error == ErrorCode.None && wanted.Offset < log!.NextOffset && (budget > 0 || total == 0))
                {
                    try
                    {
                        bytes = log.ReadBatches(wanted.Offset, Math.Max(budget, 1), response);
                    }
                    catch (OffsetOutOfRangeException)
                    {
                        // Retention moved the log start between the check and the read: the client asks again.
                    }
                }
                response.PatchInt32(sizeAt, bytes);
                total += bytes;
            }
        }
        return total;
    }

    private static PartitionLog? Find(BrokerContext broker, string topic, int index) =>
        broker.Topic(topic, create: false) is { } logs && index >= 0 && index < logs.Length ? logs[index] : null;

    private sealed record Wanted(int Index, long Offset, int MaxBytes);
}

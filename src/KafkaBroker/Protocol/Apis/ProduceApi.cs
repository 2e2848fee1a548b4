using System.Runtime.InteropServices;
using DevHarness.KafkaBroker.Records;

namespace DevHarness.KafkaBroker.Protocol.Apis;

/// <summary>
/// Produce v3-7: each partition's batches are checked (<see cref="ProducedBatches"/>), then appended to the
/// log; the answer (none for acks=0) comes once they are in the file. OCI's rules apply: unknown topics are
/// not created unless auto-creation is on, and a record over 1 MiB is MESSAGE_TOO_LARGE.
/// </summary>
internal static class ProduceApi
{
    /// <summary>Returns false for acks=0, which Kafka answers with nothing at all.</summary>
    public static bool Handle(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response)
    {
        var version = header.ApiVersion;
        request.NullableString(); // transactional id: no transactions exist here, the batches say the rest
        var acks = request.Int16();
        request.Int32(); // timeout: appends are immediate
        var topics = request.Array(r => (Name: r.String(), Partitions: r.Array(p => (Index: p.Int32(), Records: p.NullableBytes()))));

        var results = topics.Select(topic =>
        {
            var logs = broker.Topic(topic.Name, create: true);
            return (topic.Name, Partitions: topic.Partitions.Select(p => Append(broker, header, logs, topic.Name, p.Index, p.Records, acks)).ToList());
        }).ToList();

        if (acks == 0)
        {
            return false;
        }

        response.Array(results, (w, topic) =>
        {
            w.String(topic.Name);
            w.Array(topic.Partitions, (w, p) =>
            {
                w.Int32(p.Index);
                w.Int16((short)p.Error);
                w.Int64(p.BaseOffset);
                w.Int64(-1); // log append time: timestamps are the producer's (CreateTime)
                if (version >= 5)
                {
                    w.Int64(p.LogStart);
                }
            });
        });
        response.Int32(0); // throttle time
        return true;
    }

    private static (int Index, ErrorCode Error, long BaseOffset, long LogStart) Append(
        BrokerContext broker, RequestHeader header, Storage.PartitionLog[]? logs, string topic, int index, ReadOnlyMemory<byte>? records, short acks)
    {
        if (logs is null || index < 0 || index >= logs.Length)
        {
            return Refuse(broker, header, topic, index, ErrorCode.UnknownTopicOrPartition, "no such topic or partition (topics are not created automatically; see --stream and --auto-create-topics)");
        }

        if (acks is not (0 or 1 or -1))
        {
            return Refuse(broker, header, topic, index, ErrorCode.InvalidRequiredAcks, $"acks={acks} is not 0, 1 or -1 (all)");
        }

        var log = logs[index];
        try
        {
            var bytes = records ?? throw new InvalidRecordException("the records are null");
            var batches = ProducedBatches.Validate(bytes);
            // The request buffer belongs to this connection: offsets are written into it before it goes to disk.
            var baseOffset = log.AppendBatches(MemoryMarshal.AsMemory(bytes).Span, batches);
            return (index, ErrorCode.None, baseOffset, log.LogStartOffset);
        }
        catch (Exception e) when (e is MessageTooLargeException or BatchTooLargeException)
        {
            return Refuse(broker, header, topic, index, ErrorCode.MessageTooLarge, e.Message);
        }
        catch (UnsupportedMagicException e)
        {
            return Refuse(broker, header, topic, index, ErrorCode.UnsupportedForMessageFormat, e.Message);
        }
        catch (InvalidRecordException e)
        {
            return Refuse(broker, header, topic, index, ErrorCode.CorruptMessage, e.Message);
        }
    }

    private static (int, ErrorCode, long, long) Refuse(BrokerContext broker, RequestHeader header, string topic, int index, ErrorCode error, string reason)
    {
        BrokerLog.ProduceRefused(broker.Logger, topic, index, header.ClientId, error.ToString(), reason);
        return (index, error, -1, -1);
    }
}

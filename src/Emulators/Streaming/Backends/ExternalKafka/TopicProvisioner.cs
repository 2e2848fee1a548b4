using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DevHarness.Oci.Streaming.Kafka;

namespace DevHarness.Emulators.Streaming.Backends.ExternalKafka;

/// <summary>
/// For an existing broker (<c>--kafka</c>): creates the configured topics that are missing, with the configured
/// partitions, and refuses to start when an existing topic has another count. An OCI stream's partition count is
/// fixed at creation (docs/oci-facts.md §2.5), so a mismatch means a topic made by something else, e.g. a client's
/// metadata request on a broker that auto-creates topics; starting anyway would leave the resource waiting for a
/// count that never comes.
/// </summary>
internal static class TopicProvisioner
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public static async Task EnsureAsync(string bootstrapServers, IReadOnlyList<StreamDefinition> streams, ILogger logger, CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig(OciKafkaSettings.Admin(bootstrapServers)) { ClientId = "devharness-stream-admin" }).Build();
        var existing = Partitions(admin, bootstrapServers);
        var missing = streams.Where(s => !existing.ContainsKey(s.Name)).DistinctBy(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            await CreateAsync(admin, bootstrapServers, missing, cancellationToken);
            existing = Partitions(admin, bootstrapServers);
        }

        foreach (var stream in streams)
        {
            if (!existing.TryGetValue(stream.Name, out var actual))
            {
                throw new InvalidOperationException($"Topic '{stream.Name}' for stream {stream.Ocid} does not exist on {bootstrapServers} and could not be created.");
            }

            if (actual != stream.Partitions)
            {
                throw new InvalidOperationException(
                    $"Topic '{stream.Name}' on {bootstrapServers} has {actual} partition(s) but stream {stream.Ocid} expects {stream.Partitions}. "
                    + "A partition count is fixed once a topic exists: delete the topic (or start with a fresh broker), or configure the stream with "
                    + $"{actual} partition(s).");
            }

            StreamLog.TopicExists(logger, stream.Name, bootstrapServers, actual);
        }
    }

    private static async Task CreateAsync(IAdminClient admin, string bootstrapServers, IReadOnlyList<StreamDefinition> missing, CancellationToken cancellationToken)
    {
        try
        {
            await admin.CreateTopicsAsync(missing.Select(s => new TopicSpecification
            {
                Name = s.Name,
                NumPartitions = s.Partitions,
                ReplicationFactor = -1,
            })).WaitAsync(MetadataTimeout, cancellationToken);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Created concurrently by someone else: the partition check that follows judges it.
        }
        catch (CreateTopicsException e)
        {
            var failed = e.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists);
            throw new InvalidOperationException(
                $"The Kafka broker at {bootstrapServers} refused to create {string.Join(", ", failed.Select(r => $"topic '{r.Topic}' ({r.Error.Reason})"))}.", e);
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException(
                $"The Kafka broker at {bootstrapServers} could not create {string.Join(", ", missing.Select(s => $"topic '{s.Name}'"))}: {e.Error.Reason}. "
                + "Create it with the stream's partition count first, or let the emulator use its embedded broker.", e);
        }
    }

    private static Dictionary<string, int> Partitions(IAdminClient admin, string bootstrapServers)
    {
        try
        {
            // All topics, never one by name: a metadata request naming a topic lets a broker that auto-creates
            // topics create it with its default partition count.
            return admin.GetMetadata(MetadataTimeout).Topics
                .Where(t => t.Error.Code == ErrorCode.NoError)
                .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException($"The Kafka broker at {bootstrapServers} did not answer: {e.Error.Reason}. Is it running? (--kafka)", e);
        }
    }
}

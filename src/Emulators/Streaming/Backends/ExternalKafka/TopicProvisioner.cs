using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DevHarness.Oci.Streaming.Kafka;

namespace DevHarness.Emulators.Streaming.Backends.ExternalKafka;

/// <summary>
/// For an existing broker (<c>--kafka</c>): creates the configured topics that are missing and reports
/// the partition counts the broker really has (they win over the configuration, as in OCI they are fixed).
/// </summary>
internal static class TopicProvisioner
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public static async Task<IReadOnlyList<StreamDefinition>> EnsureAsync(string bootstrapServers, IReadOnlyList<StreamDefinition> streams, ILogger logger, CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig(OciKafkaSettings.Admin(bootstrapServers)) { ClientId = "devharness-stream-admin" }).Build();
        var existing = Partitions(admin, bootstrapServers);
        var missing = streams.Where(s => !existing.ContainsKey(s.Name)).DistinctBy(s => s.Name).ToList();
        if (missing.Count > 0)
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
                // Created concurrently by someone else: fine.
            }

            existing = Partitions(admin, bootstrapServers);
        }

        var result = new List<StreamDefinition>();
        foreach (var stream in streams)
        {
            if (!existing.TryGetValue(stream.Name, out var actual))
            {
                throw new InvalidOperationException($"Topic '{stream.Name}' for stream {stream.Ocid} does not exist on {bootstrapServers} and could not be created.");
            }

            if (actual != stream.Partitions)
            {
                StreamLog.PartitionMismatch(logger, stream.Ocid, stream.Partitions, stream.Name, actual);
            }

            StreamLog.TopicExists(logger, stream.Name, bootstrapServers, actual);
            result.Add(stream with { Partitions = actual });
        }
        return result;
    }

    private static Dictionary<string, int> Partitions(IAdminClient admin, string bootstrapServers)
    {
        try
        {
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

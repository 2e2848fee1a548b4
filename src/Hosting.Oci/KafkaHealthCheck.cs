using Confluent.Kafka;
using DevHarness.Oci.Streaming.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevHarness.Hosting.Oci;

/// <summary>
/// Healthy when a Kafka metadata request through the bootstrap address succeeds and, when a topic is given,
/// lists it with the expected partition count. Going through the bootstrap address proves what clients will
/// meet: the advertised listener is reachable. The request asks for all topics, never for one by name: a
/// metadata request naming a topic lets a broker with auto-creation on create it with its default partition
/// count, and a health check must never create what it probes.
/// </summary>
internal sealed class KafkaHealthCheck(Func<string> bootstrapServers, string? topic, int partitions) : IHealthCheck
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bootstrap = bootstrapServers();
        var config = new AdminClientConfig(OciKafkaSettings.Admin(bootstrap))
        {
            SocketTimeoutMs = (int)MetadataTimeout.TotalMilliseconds,
            // Refusals are expected while the broker starts; the result says so, librdkafka's stderr need not.
            LogConnectionClose = false,
        };
        try
        {
            return await Task.Run(() => Check(config, bootstrap), cancellationToken);
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy($"Kafka at {bootstrap} did not answer: {ex.Error.Reason}");
        }
    }

    private HealthCheckResult Check(AdminClientConfig config, string bootstrap)
    {
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        var metadata = admin.GetMetadata(MetadataTimeout);
        if (topic is null)
        {
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) at {bootstrap}")
                : HealthCheckResult.Unhealthy($"no broker listed at {bootstrap}");
        }

        var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
        if (found is null || found.Error.IsError)
        {
            return HealthCheckResult.Unhealthy($"topic {topic} is not available at {bootstrap}: {found?.Error.Reason ?? "absent"}");
        }

        return found.Partitions.Count == partitions
            ? HealthCheckResult.Healthy($"topic {topic} has {partitions} partitions at {bootstrap}")
            : HealthCheckResult.Unhealthy($"topic {topic} has {found.Partitions.Count} partitions, expected {partitions}");
    }
}

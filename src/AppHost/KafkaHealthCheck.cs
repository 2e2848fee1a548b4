using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevHarness.AppHost;

/// <summary>
/// Healthy when a Kafka metadata request through <paramref name="bootstrapServers"/> succeeds and, when
/// <paramref name="topic"/> is given, lists that topic with <paramref name="partitions"/> partitions. Going
/// through the bootstrap address proves what clients will meet: the advertised listener is reachable.
/// </summary>
internal sealed class KafkaHealthCheck(string bootstrapServers, string? topic, int partitions) : IHealthCheck
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var config = new AdminClientConfig
        {
            BootstrapServers = bootstrapServers,
            SocketTimeoutMs = (int)MetadataTimeout.TotalMilliseconds,
            // Refusals are expected while the broker starts; the result says so, librdkafka's stderr need not.
            LogConnectionClose = false,
        };
        try
        {
            return await Task.Run(
                () =>
                {
                    using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
                    var metadata = topic is null ? admin.GetMetadata(MetadataTimeout) : admin.GetMetadata(topic, MetadataTimeout);
                    if (topic is null)
                    {
                        return metadata.Brokers.Count > 0
                            ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) at {bootstrapServers}")
                            : HealthCheckResult.Unhealthy($"no broker listed at {bootstrapServers}");
                    }

                    var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
                    if (found is null || found.Error.IsError)
                    {
                        return HealthCheckResult.Unhealthy($"topic {topic} is not available at {bootstrapServers}: {found?.Error.Reason ?? "absent"}");
                    }

                    return found.Partitions.Count == partitions
                        ? HealthCheckResult.Healthy($"topic {topic} has {partitions} partitions at {bootstrapServers}")
                        : HealthCheckResult.Unhealthy($"topic {topic} has {found.Partitions.Count} partitions, expected {partitions}");
                },
                cancellationToken);
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy($"Kafka at {bootstrapServers} did not answer: {ex.Error.Reason}");
        }
    }
}

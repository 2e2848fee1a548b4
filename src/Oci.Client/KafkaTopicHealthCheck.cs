using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevHarness.Oci.Client;

/// <summary>
/// Healthy when the broker describes the stream's topic with its partitions, asked over the registered client's
/// own connection (no extra client; OCI limits Kafka metadata requests, docs/oci-facts.md §2.5).
/// </summary>
internal sealed class KafkaTopicHealthCheck(IClient client, string topic) : IHealthCheck
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        // librdkafka's metadata call blocks; keep it off the caller's thread.
        Task.Run(() =>
        {
            try
            {
                using var admin = new DependentAdminClientBuilder(client.Handle).Build();
                var metadata = admin.GetMetadata(topic, MetadataTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
                if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
                {
                    var reason = metadata?.Error.IsError == true ? metadata.Error.Reason : "no partitions";
                    return new HealthCheckResult(context.Registration.FailureStatus, $"stream {topic}: {reason}");
                }

                return HealthCheckResult.Healthy($"stream {topic}: {metadata.Partitions.Count} partitions");
            }
            catch (KafkaException ex)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"stream {topic}: {ex.Error.Reason}", ex);
            }
        }, cancellationToken);
}

using System.Diagnostics;
using DevHarness.Relay.Configuration;
using DevHarness.Relay.Publishing;

namespace DevHarness.Relay.Hosting;

/// <summary>
/// Builds the relay (HTTP clients and their retry pipelines, the Kafka producer and librdkafka) and fetches the
/// topic's metadata on a pool thread while Kestrel starts listening, so none of it is on the first call's clock
/// nor delays the listener. A call that arrives sooner waits for the same singletons; a failure here is logged
/// and the first call tries again (and fails with the reason).
/// </summary>
internal sealed class RelayWarmUp(IServiceProvider services, RelaySettings settings, ILogger<RelayWarmUp> logger) : IHostedService
{
    /// <summary>How long the Kafka metadata request may take; it runs in the background, so only a log line waits.</summary>
    public static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(WarmUp, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WarmUp()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            services.GetRequiredService<CallEndpoint>();
            var topic = services.GetRequiredService<IStreamPublisher>() is KafkaStreamPublisher kafka
                ? kafka.FetchTopicMetadata(MetadataTimeout)
                : null;
            var elapsed = Stopwatch.GetElapsedTime(started);
            RelayLog.WarmedUp(logger, settings.Publisher, topic ?? "-", elapsed.TotalMilliseconds);
        }
        catch (Exception ex)
        {
            RelayLog.WarmUpFailed(logger, ex.Message, ex);
        }
    }
}

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
    public static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    private Task _warming = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _warming = Task.Run(WarmUp, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A stop waits for the warm-up (at most <see cref="MetadataTimeout"/> after the producer exists): the metadata
    /// request runs on the producer's librdkafka handle, which the container disposes once the host has stopped.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => _warming.WaitAsync(cancellationToken);

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

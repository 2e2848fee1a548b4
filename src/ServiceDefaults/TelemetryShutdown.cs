using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Flushes and shuts the OpenTelemetry providers down within one short budget once the host has stopped.
/// </summary>
/// <remarks>
/// Left to DI disposal, each provider flushes in turn, and Aspire's exporter settings retry an unreachable
/// collector (a stopped dashboard, or a test host without one) for seconds per provider: a restart from the
/// dashboard then outlasts the orchestrator's stop timeout ("Failed to stop resource"), leaving the process
/// stopped. Shut down here, in parallel and bounded, disposal later finds nothing left to do.
/// </remarks>
internal sealed class TelemetryShutdown(IServiceProvider services) : IHostedLifecycleService
{
    /// <summary>Well under the orchestrator's stop timeout (about 10 s), long enough for a live collector.</summary>
    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        var milliseconds = (int)Budget.TotalMilliseconds;
        var shutdowns = new List<Task>();
        if (services.GetService(typeof(TracerProvider)) is TracerProvider tracing)
        {
            shutdowns.Add(Task.Run(() => tracing.Shutdown(milliseconds), CancellationToken.None));
        }

        if (services.GetService(typeof(MeterProvider)) is MeterProvider metrics)
        {
            shutdowns.Add(Task.Run(() => metrics.Shutdown(milliseconds), CancellationToken.None));
        }

        if (services.GetService(typeof(LoggerProvider)) is LoggerProvider logging)
        {
            shutdowns.Add(Task.Run(() => logging.Shutdown(milliseconds), CancellationToken.None));
        }

        try
        {
            // Each Shutdown honours its own timeout; the extra second only guards against one that does not.
            await Task.WhenAll(shutdowns).WaitAsync(Budget + TimeSpan.FromSeconds(1), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // Unflushed telemetry is lost either way; stopping promptly matters more.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

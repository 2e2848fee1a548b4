namespace DevHarness.Relay.Hosting;

/// <summary>
/// Signals readiness to the Fn agent once Kestrel listens on the phony socket (docs/oci-facts.md §8.1 step 2):
/// <see cref="IHostedLifecycleService.StartedAsync"/> runs after the server has bound, which is exactly
/// when the link may appear. On shutdown both files go, so a restarted container starts clean.
/// </summary>
internal sealed class FnListenerPublisher(FnListener listener, ILogger<FnListenerPublisher> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        listener.Publish();
        RelayLog.FnListening(logger, listener.SocketPath, listener.PhonyFileName);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        listener.RemoveStaleFiles();
        return Task.CompletedTask;
    }
}

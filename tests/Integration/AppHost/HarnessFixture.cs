namespace DevHarness.Integration.AppHost;

/// <summary>One harness (embedded Kafka, <c>--no-replay</c>) shared by a test class; tests isolate by object prefix.</summary>
public abstract class HarnessFixture : IAsyncLifetime
{
    private HarnessHost? _host;

    internal HarnessHost Host => _host ?? throw new InvalidOperationException("The harness has not started.");

    protected abstract string Publisher { get; }

    public async ValueTask InitializeAsync() =>
        _host = await HarnessHost.StartAsync("embedded", Publisher, [HarnessHost.Option("no-replay", "true")], waitForHealthy: true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The relay publishes over the Kafka protocol (the default).</summary>
public sealed class KafkaPublisherHarness : HarnessFixture
{
    protected override string Publisher => "kafka";
}

/// <summary>The relay publishes with <c>PutMessages</c> through the Streaming facade (<c>--publisher rest</c>).</summary>
public sealed class RestPublisherHarness : HarnessFixture
{
    protected override string Publisher => "rest";
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DevHarness.Integration.ServiceDefaults;

/// <summary>
/// A service stopped while its collector is unreachable (the dashboard gone, or a test host without one)
/// must still stop promptly: the telemetry providers are shut down once the host has stopped, within a
/// budget, instead of retrying exports during DI disposal past the orchestrator's stop timeout.
/// </summary>
public sealed class TelemetryShutdownTests
{
    [Fact]
    public async Task StoppingTheHostShutsEveryTelemetryProviderDownBeforeDisposal()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{ClosedPort()}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            // What Aspire sets for every resource: retry failed exports in memory, with backoff.
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
        });
        builder.AddServiceDefaults();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        using (var source = new ActivitySource("DevHarness.Tests.TelemetryShutdown"))
        using (source.StartActivity("pending span"))
        {
            host.Services.GetRequiredService<ILogger<TelemetryShutdownTests>>().LogInformation("pending log record");
        }

        await host.StopAsync(TestContext.Current.CancellationToken);

        // Shutdown answers false when the provider was already shut down: the host did it, not disposal.
        Assert.False(host.Services.GetRequiredService<TracerProvider>().Shutdown(), "traces were left to DI disposal");
        Assert.False(host.Services.GetRequiredService<MeterProvider>().Shutdown(), "metrics were left to DI disposal");
        Assert.False(host.Services.GetRequiredService<LoggerProvider>().Shutdown(), "logs were left to DI disposal");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Runs an emulator that hosts its own server (WireMock) inside a generic host, so it gets the service
/// defaults (OpenTelemetry when Aspire names a collector), one-line console logs and a clean stop on
/// Ctrl+C or SIGTERM.
/// </summary>
internal static class EmulatorHost
{
    public static async Task<int> RunAsync(
        string name,
        Func<ILoggerFactory, CancellationToken, Task<IAsyncDisposable>> start,
        CancellationToken cancellationToken,
        bool addServiceDefaults = true)
    {
        var builder = Host.CreateApplicationBuilder(HostConfiguration.Arguments);
        if (addServiceDefaults)
        {
            // Emulators built on WebApplication add the defaults to their own host (one tracer per process).
            HostConfiguration.AddServiceDefaultsWhenCollected(builder);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        // The emulators log one readable line per request themselves; ASP.NET's own would triple it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        using var app = builder.Build();
        await app.StartAsync(cancellationToken);
        IAsyncDisposable emulator;
        try
        {
            emulator = await start(app.Services.GetRequiredService<ILoggerFactory>(), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or FormatException)
        {
            await Console.Error.WriteLineAsync($"{name}: {ex.Message}");
            await app.StopAsync(CancellationToken.None);
            return 1;
        }

        await using (emulator)
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }
}

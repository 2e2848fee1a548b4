namespace DevHarness.Emulators;

/// <summary>What the emulators' hosts are built with, beside their own options.</summary>
internal static class HostConfiguration
{
    /// <summary>
    /// Host arguments: an appsettings.json in the working directory is still read, but not watched. The
    /// watcher adds one inotify watch per directory under the working directory before the host is built,
    /// which takes seconds where that holds a node_modules; the emulators' configuration is their command line.
    /// </summary>
    public static readonly string[] Arguments = ["--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>
    /// The service defaults when Aspire (or the user) names an OTLP collector, as the relay does; without one,
    /// only the health checks behind <c>/health</c>. OpenTelemetry's providers and instrumentation would
    /// otherwise start on the start-up clock for output that goes nowhere.
    /// </summary>
    public static void AddServiceDefaultsWhenCollected(IHostApplicationBuilder builder)
    {
        if (builder.Configuration.NamesOtlpCollector())
        {
            builder.AddServiceDefaults();
        }
        else
        {
            builder.AddDefaultHealthChecks();
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DevHarness.Relay;

/// <summary>The relay's traces and metrics, named <c>DevHarness.Relay</c> (ServiceDefaults exports <c>DevHarness.*</c>).</summary>
internal static class RelayTelemetry
{
    public const string Name = "DevHarness.Relay";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Invocations by outcome (relayed, ignored, rejected, failed, timeout).</summary>
    public static readonly Counter<long> Invocations = Meter.CreateCounter<long>("relay.invocations", description: "Invocations by outcome.");

    /// <summary>Object bytes relayed inline.</summary>
    public static readonly Counter<long> Bytes = Meter.CreateCounter<long>("relay.bytes", "By", "Object bytes relayed inline.");

    /// <summary>Invocation duration, body read to response.</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("relay.duration", "ms", "Invocation duration.");
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DevHarness.Benchmarks.AppHost;
using DevHarness.Benchmarks.Loop;
using DevHarness.Benchmarks.Peers;
using DevHarness.Benchmarks.Relay;

namespace DevHarness.Benchmarks.Hops;

/// <summary>
/// The events emulator's hop alone: its <c>events</c> command as a process with the default rule pointing at a
/// <see cref="NoOpFunction"/>, under <see cref="ClosedLoad"/>'s 16 clients POSTing createobject events (one
/// object each, as Object Storage sends them). Accepted/s is <c>POST /events</c> answered 202; delivered/s is
/// events that reached the function, from the first POST to the last arrival; latency is POST start → arrival.
/// </summary>
internal static class EventsHop
{
    // A run is over when nothing new arrived for this long: what is still missing is lost.
    private static readonly TimeSpan DrainStall = TimeSpan.FromSeconds(20);

    public static async Task<EventsHopFigure> MeasureAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var function = await NoOpFunction.StartAsync(cancellationToken);
        await using var events = await EmulatorCommandProcess.StartAsync("events", HarnessProcess.FreePorts(1)[0],
            ["--target", function.CallUrl.ToString()], duration + TimeSpan.FromMinutes(10), cancellationToken);

        // Warm-up (JIT, connections), drained before the measured run.
        var warmUp = await PostAsync(events.Url, "warmup", TimeSpan.FromSeconds(3), [], cancellationToken);
        await DrainAsync(function, warmUp.Operations, cancellationToken);

        var started = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var cpu = events.CpuTime();
        var benchCpu = ProcessUsage.CpuTime(Environment.ProcessId);
        var load = await PostAsync(events.Url, "run", duration, started, cancellationToken);
        await DrainAsync(function, warmUp.Operations + load.Operations, cancellationToken);
        cpu = events.CpuTime() - cpu;
        benchCpu = ProcessUsage.CpuTime(Environment.ProcessId) - benchCpu;

        var arrivals = started.Select(s => (Started: s.Value, Arrived: function.ArrivedAt(s.Key))).Where(a => a.Arrived is not null).ToList();
        var latencies = arrivals.Select(a => Stopwatch.GetElapsedTime(a.Started, a.Arrived!.Value).TotalMilliseconds).Order().ToArray();
        var span = arrivals.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started.Values.Min(), arrivals.Max(a => a.Arrived!.Value));
        return new EventsHopFigure(
            load.Operations, load.PerSecond, load.P50, load.P99, arrivals.Count, span > TimeSpan.Zero ? arrivals.Count / span.TotalSeconds : 0,
            latencies.Length == 0 ? double.NaN : ScenarioArguments.Percentile(latencies, 0.5),
            latencies.Length == 0 ? double.NaN : ScenarioArguments.Percentile(latencies, 0.99),
            function.Duplicates, cpu.TotalMilliseconds / Math.Max(1, arrivals.Count), benchCpu.TotalMilliseconds / Math.Max(1, arrivals.Count));
    }

    /// <summary>POSTs one createobject event per object <c>hops-{phase}/{i}</c> for <paramref name="duration"/>, noting when each started.</summary>
    private static Task<LoadFigure> PostAsync(Uri events, string phase, TimeSpan duration, ConcurrentDictionary<string, long> started, CancellationToken cancellationToken) =>
        ClosedLoad.RunAsync(events, duration, async (client, i) =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"hops-{phase}/{i:D7}");
            started[name] = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync("/events", new ByteArrayContent(RelayBenchBed.Event(name)));
            await ClosedLoad.EnsureAsync(response, "POST /events");
        }, cancellationToken);

    private static async Task DrainAsync(NoOpFunction function, int expected, CancellationToken cancellationToken)
    {
        var last = function.Delivered;
        var progress = Stopwatch.StartNew();
        while (function.Delivered < expected && progress.Elapsed < DrainStall)
        {
            await Task.Delay(20, cancellationToken);
            if (function.Delivered != last)
            {
                last = function.Delivered;
                progress.Restart();
            }
        }
    }
}

/// <summary>
/// The events hop's figures: events accepted (and per second, POST latency ms), events delivered to the function
/// (and per second, POST start → arrival ms), redeliveries, and CPU ms per delivered event of the events emulator
/// and of the bench (load and function).
/// </summary>
internal sealed record EventsHopFigure(
    int Accepted, double AcceptedPerSecond, double PostP50, double PostP99, int Delivered, double DeliveredPerSecond,
    double P50, double P99, long Duplicates, double CpuPerEvent, double BenchCpuPerEvent)
{
    public int Lost => Accepted - Delivered;
}

using System.Globalization;
using DevHarness.Benchmarks.Peers;
using DevHarness.Benchmarks.Relay;
using DevHarness.Support;

namespace DevHarness.Benchmarks.Hops;

/// <summary>
/// <c>hops [--hop events,relay,stream] [--seconds 10] [--relay-events 10000] [--relay aot|jit|path] [--fn]</c>:
/// each hop of the loop on its own, so the loop's figure can be explained: the events emulator dispatching to a
/// no-op function (<see cref="EventsHop"/>), the relay with the emulators as backends, Kafka and REST publishers,
/// 16 calls in flight (<see cref="RelayThroughputScenario"/>; HTTP mode as the loop runs it, <c>--fn</c> for the
/// unix socket), and the stream facade's PutMessages in batches of 1 and 100 (<see cref="StreamHop"/>). Each
/// with its process's CPU time per operation, which is what the loop's two cores are spent on. Prints a line per
/// hop and last <c>hops: …</c> with every figure.
/// </summary>
internal sealed class HopsScenario : IScenario
{
    private const int RelayConcurrency = 16;

    public string Name => "hops";

    public string Description => "Each hop of the loop alone: events dispatch (no-op function), relay calls/s (kafka, rest), stream PutMessages; CPU per operation";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var hops = ScenarioArguments.String(args, "--hop", "events,relay,stream").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var duration = TimeSpan.FromSeconds(ScenarioArguments.Int(args, "--seconds", 10));
        var relayEvents = ScenarioArguments.Int(args, "--relay-events", 10000);
        var build = RelayBuild.Named(ScenarioArguments.String(args, "--relay", RelayBuild.AotUnavailableReason is null ? RelayBuild.AotName : RelayBuild.JitName));
        var fnMode = args.Contains("--fn");
        var loadStart = MachineLoad.Describe();
        var summary = new List<string>();
        var exitCode = 0;

        if (hops.Contains("events"))
        {
            var e = await EventsHop.MeasureAsync(duration, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, 
                $"hops: events emulator → no-op function, {ClosedLoad.Clients} clients for {duration.TotalSeconds:F0} s: {e.Accepted} accepted ({e.AcceptedPerSecond:F0}/s, "
                + $"POST p50 {e.PostP50:F1} ms, p99 {e.PostP99:F1} ms), {e.Delivered} delivered ({e.DeliveredPerSecond:F0}/s, POST start → arrival p50 {e.P50:F1} ms, "
                + $"p99 {e.P99:F1} ms), {e.Lost} lost, {e.Duplicates} redelivered; CPU per event: events {e.CpuPerEvent:F2} ms, "
                + $"bench (load + function) {e.BenchCpuPerEvent:F2} ms; load average {MachineLoad.Describe()}"));
            summary.Add(string.Create(CultureInfo.InvariantCulture, $"events {e.AcceptedPerSecond:F0} accepted/s, {e.DeliveredPerSecond:F0} delivered/s (p50 {e.P50:F1} ms, p99 {e.P99:F1} ms, CPU {e.CpuPerEvent:F2} ms/event)"));
            exitCode |= e.Lost == 0 ? 0 : 1;
        }

        if (hops.Contains("relay"))
        {
            foreach (var publisher in new[] { "kafka", "rest" })
            {
                var r = await RelayThroughputScenario.MeasureAsync(publisher, fnMode, build, relayEvents, RelayConcurrency, cancellationToken);
                Console.WriteLine("hops: " + r.Describe());
                summary.Add(string.Create(CultureInfo.InvariantCulture, $"relay {publisher} {r.PerSecond:F0} calls/s (p50 {r.P50:F1} ms, p99 {r.P99:F1} ms, CPU {r.RelayCpuPerCall:F2} ms/call)"));
                exitCode |= r.NothingLost ? 0 : 1;
            }
        }

        if (hops.Contains("stream"))
        {
            foreach (var s in await StreamHop.MeasureAsync(duration, cancellationToken))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, 
                    $"hops: stream PutMessages, {s.Batch} × 1 KiB a request, {ClosedLoad.Clients} clients for {duration.TotalSeconds:F0} s: {s.MessagesPerSecond:F0} messages/s "
                    + $"({s.RequestsPerSecond:F0} requests/s, p50 {s.P50:F1} ms, p99 {s.P99:F1} ms); CPU per message: stream {s.CpuPerMessage:F3} ms; load average {MachineLoad.Describe()}"));
                summary.Add(string.Create(CultureInfo.InvariantCulture, $"stream batch {s.Batch} {s.MessagesPerSecond:F0} messages/s (CPU {s.CpuPerMessage:F3} ms/message)"));
            }
        }

        Console.WriteLine($"hops: {string.Join("; ", summary)}; load average {loadStart} → {MachineLoad.Describe()}");
        return exitCode;
    }
}

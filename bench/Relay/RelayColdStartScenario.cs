using System.Globalization;

namespace DevHarness.Benchmarks.Relay;

/// <summary>
/// <c>relay-coldstart [--runs N] [--publisher rest|kafka] [--http] [--builds jit,aot]</c>: launches each relay
/// build N times (Fn mode on a unix socket by default, REST publisher by default, as the issue's comparison with
/// the Python function was made), alternating the builds launch by launch so both see the same machine, and
/// reports per build: launch → socket (Fn: the <c>lsnr.sock</c> link appears; HTTP: "Now listening"), launch →
/// first event relayed (the first <c>POST /call</c> answered 200, i.e. acknowledged by the stream), the relay's
/// CPU time to that point and its peak RSS.
/// </summary>
internal sealed class RelayColdStartScenario : IScenario
{
    public string Name => "relay-coldstart";

    public string Description => "Relay launch → socket and → first event relayed, JIT and AOT side by side (p50/p90; CPU; peak RSS)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = ScenarioArguments.Int(args, "--runs", 15);
        var publisher = ScenarioArguments.String(args, "--publisher", "rest");
        var fnMode = !args.Contains("--http");
        var builds = RelayBuildsArgument.Parse(args);
        await using var bed = await RelayBenchBed.StartAsync(cancellationToken);
        var loadBefore = MachineLoad.Describe();
        var samples = builds.ToDictionary(b => b, _ => new List<(double Ready, double First, double Cpu, double Rss)>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var build in run % 2 == 0 ? builds : builds.Reverse())
            {
                await using var relay = await bed.StartRelayAsync(publisher, fnMode, build, cancellationToken);
                using var response = await relay.Client.PostAsync("call", new ByteArrayContent(RelayBenchBed.Event()), cancellationToken);
                var relayed = relay.SinceStart.Elapsed;
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"{build.Name} run {run}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                    return 1;
                }

                samples[build].Add((relay.ReadyAfter.TotalMilliseconds, relayed.TotalMilliseconds, relay.CpuTime().TotalMilliseconds,
                    relay.PeakRssBytes() / 1048576.0));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay cold start ({(fnMode ? "Fn mode, unix socket" : "HTTP mode")}, {publisher} publisher, {runs} launches per build, "
            + $"alternating; load average before {loadBefore}, after {MachineLoad.Describe()}):"));
        foreach (var (build, values) in samples)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {build.Name,-4} launch → socket {Summary(values.Select(v => v.Ready))}; launch → first event relayed {Summary(values.Select(v => v.First))}; "
                + $"CPU to first event p50 {Median(values.Select(v => v.Cpu)):F0} ms; peak RSS p50 {Median(values.Select(v => v.Rss)):F1} MiB  ({build.Path})"));
        }

        return 0;
    }

    private static string Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {ScenarioArguments.Percentile(sorted, 0.5):F0} / p90 {ScenarioArguments.Percentile(sorted, 0.9):F0} ms (min {sorted[0]:F0}, max {sorted[^1]:F0})");
    }

    private static double Median(IEnumerable<double> values) => ScenarioArguments.Percentile([.. values.Order()], 0.5);
}

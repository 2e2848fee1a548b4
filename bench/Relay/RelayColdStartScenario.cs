using System.Globalization;
using DevHarness.Support;

namespace DevHarness.Benchmarks.Relay;

/// <summary>
/// <c>relay-coldstart [--runs N] [--publisher kafka|rest] [--http] [--relay path/DevHarness.Relay.Function.dll]</c>:
/// starts the relay N times (Fn mode on a unix socket by default) and reports process start → listening,
/// and process start → first event relayed (the first <c>POST /call</c> answered 200, i.e. acknowledged by
/// the stream). By default it runs the Release build in the bench output; <c>--relay</c> names another,
/// e.g. the <c>dotnet publish -c Release</c> output the Dockerfile ships, so publish options can be compared.
/// </summary>
internal sealed class RelayColdStartScenario : IScenario
{
    public string Name => "relay-coldstart";

    public string Description => "Relay process start → ready, and → first event relayed (min/median/p90/max; relay CPU time)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = ScenarioArguments.Int(args, "--runs", 7);
        var publisher = ScenarioArguments.String(args, "--publisher", "kafka");
        var fnMode = !args.Contains("--http");
        var relayDll = Path.GetFullPath(ScenarioArguments.String(args, "--relay", RelayProcess.FunctionDll));
        await using var bed = await RelayBenchBed.StartAsync(cancellationToken);
        var ready = new List<double>();
        var first = new List<double>();
        var cpuToFirst = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var relay = await bed.StartRelayAsync(publisher, fnMode, relayDll, cancellationToken);
            using var response = await relay.Client.PostAsync("call", new ByteArrayContent(RelayBenchBed.Event()), cancellationToken);
            var relayed = relay.SinceStart.Elapsed;
            var cpu = relay.CpuTime();
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"run {run}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return 1;
            }

            ready.Add(relay.ReadyAfter.TotalMilliseconds);
            first.Add(relayed.TotalMilliseconds);
            cpuToFirst.Add(cpu.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay cold start ({(fnMode ? "Fn mode, unix socket" : "HTTP mode")}, {publisher} publisher, {relayDll}, {runs} runs, load average {MachineLoad.Describe()}): "
            + $"start → ready {Summary(ready)}; start → first event relayed {Summary(first)}; relay CPU time to first event {Summary(cpuToFirst)}"));
        return 0;
    }

    private static string Summary(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"min {sorted[0]:F0} / median {ScenarioArguments.Percentile(sorted, 0.5):F0} / p90 {ScenarioArguments.Percentile(sorted, 0.9):F0} / max {sorted[^1]:F0} ms");
    }
}

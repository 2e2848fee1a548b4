using System.Globalization;
using DevHarness.Support;

namespace DevHarness.Benchmarks.Relay;

/// <summary>
/// <c>relay-coldstart [--runs N] [--publisher kafka|rest] [--http]</c>: starts the relay N times (Fn mode
/// on a unix socket by default) and reports process start → listening, and process start → first event
/// relayed (the first <c>POST /call</c> answered 200, i.e. acknowledged by the stream).
/// </summary>
internal sealed class RelayColdStartScenario : IScenario
{
    public string Name => "relay-coldstart";

    public string Description => "Relay process start → ready, and → first event relayed (min/median/max)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = RelayArguments.Int(args, "--runs", 7);
        var publisher = RelayArguments.String(args, "--publisher", "kafka");
        var fnMode = !args.Contains("--http");
        await using var bed = await RelayBenchBed.StartAsync(cancellationToken);
        var ready = new List<double>();
        var first = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var relay = fnMode
                ? await RelayProcess.StartFnAsync(bed.RelayEnvironment(publisher), cancellationToken)
                : await RelayProcess.StartHttpAsync(bed.RelayEnvironment(publisher), cancellationToken);
            using var response = await relay.Client.PostAsync("call", new ByteArrayContent(RelayBenchBed.Event()), cancellationToken);
            var relayed = relay.SinceStart.Elapsed;
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"run {run}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return 1;
            }

            ready.Add(relay.ReadyAfter.TotalMilliseconds);
            first.Add(relayed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay cold start ({(fnMode ? "Fn mode, unix socket" : "HTTP mode")}, {publisher} publisher, JIT, {runs} runs): "
            + $"start → ready min {ready.Min():F0} / median {RelayArguments.Median(ready):F0} / max {ready.Max():F0} ms; "
            + $"start → first event relayed min {first.Min():F0} / median {RelayArguments.Median(first):F0} / max {first.Max():F0} ms"));
        return 0;
    }
}

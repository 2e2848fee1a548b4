using System.Diagnostics;
using System.Globalization;
using DevHarness.Support;

namespace DevHarness.Benchmarks.Relay;

/// <summary>
/// <c>relay-latency [--events N] [--warmup W] [--publisher kafka|rest] [--fn] [--relay path/DevHarness.Relay.Function.dll]</c>: a warm relay, one
/// event at a time for a 1 KiB object (GetObject from the emulator, event + data published and
/// acknowledged); reports the per-event latency of <c>POST /call</c> as p50/p90/p99/max. The figure
/// includes the emulator's GetObject and the broker's acknowledgement (both local).
/// </summary>
internal sealed class RelayLatencyScenario : IScenario
{
    public string Name => "relay-latency";

    public string Description => "Warm relay per-event latency for a 1 KiB object (p50/p99)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var events = ScenarioArguments.Int(args, "--events", 2000);
        var warmup = ScenarioArguments.Int(args, "--warmup", 200);
        var publisher = ScenarioArguments.String(args, "--publisher", "kafka");
        var fnMode = args.Contains("--fn");
        var relayDll = Path.GetFullPath(ScenarioArguments.String(args, "--relay", RelayProcess.FunctionDll));
        await using var bed = await RelayBenchBed.StartAsync(cancellationToken);
        await using var relay = await bed.StartRelayAsync(publisher, fnMode, relayDll, cancellationToken);
        var latencies = new double[events];
        for (var i = -warmup; i < events; i++)
        {
            var body = RelayBenchBed.Event();
            var started = Stopwatch.GetTimestamp();
            using var response = await relay.Client.PostAsync("call", new ByteArrayContent(body), cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"event {i}: {(int)response.StatusCode}");
                return 1;
            }

            if (i >= 0)
            {
                latencies[i] = elapsed;
            }
        }

        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relay warm latency, 1 KiB object ({(fnMode ? "Fn mode" : "HTTP mode")}, {publisher} publisher, {relayDll}, {events} events after {warmup} warm-up, one at a time): "
            + $"p50 {ScenarioArguments.Percentile(latencies, 0.50):F2} ms, p90 {ScenarioArguments.Percentile(latencies, 0.90):F2} ms, "
            + $"p99 {ScenarioArguments.Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms"));
        return 0;
    }
}

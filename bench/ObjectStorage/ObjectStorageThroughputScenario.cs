using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using DevHarness.Support;

namespace DevHarness.Benchmarks.ObjectStorage;

/// <summary>
/// <c>objectstorage-throughput</c>: starts the real <c>objectstorage</c> emulator as a child process (its
/// own RSS, real sockets), then measures PutObject and GetObject of 1 KiB objects per second with N
/// concurrent clients, and the emulator's peak resident memory (Linux VmHWM) while a 100 MiB object is
/// uploaded and downloaded, in memory and with <c>--data-dir</c>. Each 1 KiB figure carries the emulator's
/// CPU time per request (user + system, from <c>/proc/&lt;pid&gt;/stat</c>) and the load average.
/// Usage: <c>objectstorage-throughput [--seconds 5] [--concurrency 16] [--large-mib 100] [--store memory|disk|both]</c>
/// (<c>--store</c>: where the 1 KiB objects live, in memory or under a temporary <c>--data-dir</c>; default memory;
/// <c>--large-mib 0</c> skips the large object).
/// </summary>
internal sealed class ObjectStorageThroughputScenario : IScenario
{
    public string Name => "objectstorage-throughput";

    public string Description => "Object Storage emulator: 1 KiB PutObject/GetObject per second, peak RSS for a 100 MiB object";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = ScenarioArguments.Int(args, "--seconds", 5);
        var concurrency = ScenarioArguments.Int(args, "--concurrency", 16);
        var largeMib = ScenarioArguments.Int(args, "--large-mib", 100);
        var stores = ScenarioArguments.String(args, "--store", "memory") switch
        {
            "memory" => new[] { false },
            "disk" => [true],
            "both" => [false, true],
            var other => throw new ArgumentException($"--store takes memory, disk or both, not '{other}'."),
        };

        foreach (var onDisk in stores)
        {
            await MeasureSmallObjectsAsync(onDisk, seconds, concurrency, cancellationToken);
        }

        foreach (var onDisk in largeMib > 0 ? new[] { false, true } : [])
        {
            var directory = onDisk ? Directory.CreateTempSubdirectory("devharness-bench-os-").FullName : null;
            try
            {
                await using var emulator = await EmulatorProcess.StartAsync(directory, cancellationToken);
                await MeasureLargeObjectAsync(emulator, largeMib, onDisk ? "--data-dir" : "in memory", cancellationToken);
            }
            finally
            {
                if (directory is not null)
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }

        return 0;
    }

    private static async Task MeasureSmallObjectsAsync(bool onDisk, int seconds, int concurrency, CancellationToken cancellationToken)
    {
        var directory = onDisk ? Directory.CreateTempSubdirectory("devharness-bench-os-").FullName : null;
        var mode = onDisk ? "--data-dir" : "in memory";
        try
        {
            await using var emulator = await EmulatorProcess.StartAsync(directory, cancellationToken);
            using var http = Client(emulator.Url, concurrency);
            var body = new byte[1024];
            Random.Shared.NextBytes(body);
            await DriveAsync(http, concurrency, TimeSpan.FromSeconds(1), i => Put(i, body), cancellationToken);
            var cpu = emulator.CpuTime();
            var puts = await DriveAsync(http, concurrency, TimeSpan.FromSeconds(seconds), i => Put(i, body), cancellationToken);
            Report($"PutObject 1 KiB, {mode}", puts, seconds, emulator.CpuTime() - cpu);
            var written = puts.Count;
            cpu = emulator.CpuTime();
            var gets = await DriveAsync(http, concurrency, TimeSpan.FromSeconds(seconds), i => Get(i % written), cancellationToken);
            Report($"GetObject 1 KiB, {mode}", gets, seconds, emulator.CpuTime() - cpu);
        }
        finally
        {
            if (directory is not null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task MeasureLargeObjectAsync(EmulatorProcess emulator, int mebibytes, string mode, CancellationToken cancellationToken)
    {
        using var http = Client(emulator.Url, 1);
        // Warm the paths first so JIT and pools are in the baseline, not in the figure.
        using (var warm = await http.PutAsync("/n/devharness/b/uploads/o/warm", new ByteArrayContent(new byte[1024]), cancellationToken))
        {
            warm.EnsureSuccessStatusCode();
        }

        using (var warmGet = await http.GetAsync("/n/devharness/b/uploads/o/warm", cancellationToken))
        {
            warmGet.EnsureSuccessStatusCode();
        }

        var baseline = emulator.ResidentKib("VmRSS");
        var size = (long)mebibytes * 1024 * 1024;
        using var content = new StreamContent(new PatternStream(size)) { Headers = { ContentLength = size } };
        var started = Stopwatch.GetTimestamp();
        using (var put = await http.PutAsync("/n/devharness/b/uploads/o/large.bin", content, cancellationToken))
        {
            put.EnsureSuccessStatusCode();
        }

        var putTime = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        using (var get = await http.GetAsync("/n/devharness/b/uploads/o/large.bin", HttpCompletionOption.ResponseHeadersRead, cancellationToken))
        {
            get.EnsureSuccessStatusCode();
            await using var stream = await get.Content.ReadAsStreamAsync(cancellationToken);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            if (!hash.AsSpan().SequenceEqual(PatternStream.Sha256(size)))
            {
                throw new InvalidDataException("The large object did not round-trip byte for byte.");
            }
        }

        var getTime = Stopwatch.GetElapsedTime(started);
        var peak = emulator.ResidentKib("VmHWM");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mebibytes} MiB object, {mode}: PUT {mebibytes / putTime.TotalSeconds:0} MiB/s, GET {mebibytes / getTime.TotalSeconds:0} MiB/s; emulator RSS before {baseline / 1024.0:0.0} MiB, peak {peak / 1024.0:0.0} MiB (+{(peak - baseline) / 1024.0:0.0} MiB)"));
    }

    private static async Task<List<TimeSpan>> DriveAsync(HttpClient http, int concurrency, TimeSpan duration, Func<int, HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var latencies = new List<TimeSpan>();
        var next = -1;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var local = new List<TimeSpan>();
            while (Stopwatch.GetTimestamp() < stop)
            {
                using var message = request(Interlocked.Increment(ref next));
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(message, cancellationToken);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{message.Method} {message.RequestUri} answered {(int)response.StatusCode}.");
                }

                local.Add(Stopwatch.GetElapsedTime(started));
            }

            return local;
        });
        foreach (var local in await Task.WhenAll(workers))
        {
            latencies.AddRange(local);
        }

        return latencies;
    }

    private static HttpRequestMessage Put(int index, byte[] body) =>
        new(HttpMethod.Put, $"/n/devharness/b/uploads/o/bench/{index:D8}") { Content = new ByteArrayContent(body) };

    private static HttpRequestMessage Get(int index) => new(HttpMethod.Get, $"/n/devharness/b/uploads/o/bench/{index:D8}");

    private static void Report(string what, List<TimeSpan> latencies, int seconds, TimeSpan emulatorCpu)
    {
        latencies.Sort();
        TimeSpan P(double p) => latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {latencies.Count / (double)seconds:0} ops/s ({latencies.Count} in {seconds} s); latency p50 {P(50).TotalMilliseconds:0.00} ms, p99 {P(99).TotalMilliseconds:0.00} ms; emulator CPU {emulatorCpu.TotalMilliseconds / latencies.Count:0.000} ms/request; load {MachineLoad.Describe()}"));
    }

    private static HttpClient Client(Uri url, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DevHarness.Benchmarks.Peers;

namespace DevHarness.Benchmarks.Startup;

/// <summary>
/// <c>startup [--runs 10] [--folder DIR] [--only NAME,…] [--emulators LABEL=DIR …]</c>: launch → first successful
/// API call, for our three emulators and the npm peers users know (s3rver, kinesalite, Azurite; installed
/// into DIR or a temporary folder), each launched <c>--runs</c> times in rotating order after one uncounted
/// round. Ours run as the AppHost runs them, <c>dotnet DevHarness.Emulators.dll &lt;command&gt;</c> (the stream
/// with a <c>--data-dir</c>), from the Release build beside the bench, or from each <c>--emulators</c> folder
/// (a publish, another branch's build) to compare builds in the same run. Prints p50/p90 wall-clock time and
/// the CPU time used by then (steadier on a loaded machine), then ours against the peers.
/// </summary>
internal sealed class StartupScenario : IScenario
{
    /// <summary>Each of ours, and the peer it must beat (the goal: as fast as the fastest peer for that service).</summary>
    private static readonly (string Ours, string Peer)[] Comparisons = [("objectstorage", "s3rver"), ("stream", "kinesalite"), ("objectstorage", "azurite")];

    public string Name => "startup";

    public string Description => "Launch → first successful call: our emulators beside s3rver, kinesalite and Azurite (npm), p50/p90 and ratios";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = ScenarioArguments.Int(args, "--runs", 10);
        var folder = ScenarioArguments.Value(args, "--folder") ?? Directory.CreateTempSubdirectory("devharness-bench-startup-").FullName;
        var only = ScenarioArguments.Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var builds = EmulatorBuilds(args);
        await NodePeer.InstallAsync(folder, [NodePeer.S3rver, NodePeer.Kinesalite, NodePeer.Azurite], cancellationToken);

        List<StartupCandidate> candidates =
        [
            .. builds.SelectMany(b => OurEmulators(b.Label, b.Directory)),
            .. Peers(folder),
        ];
        candidates = [.. candidates.Where(c => only is null || only.Any(o => c.Name.StartsWith(o, StringComparison.OrdinalIgnoreCase)))];
        var loadBefore = MachineLoad.Describe();
        Console.WriteLine($"startup: {runs} launches each, {candidates.Count} processes in rotating order; load average {loadBefore}");

        // One uncounted round: the page cache, npm's first resolution and the bench's own JIT.
        foreach (var candidate in candidates)
        {
            await FirstCallProbe.MeasureAsync(candidate, cancellationToken);
        }

        var results = candidates.ToDictionary(c => c.Name, _ => new List<(double Wall, double Cpu)>());
        for (var run = 0; run < runs; run++)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[(run + i) % candidates.Count];
                results[candidate.Name].Add(await FirstCallProbe.MeasureAsync(candidate, cancellationToken));
            }
        }

        var p50 = new Dictionary<string, double>();
        foreach (var candidate in candidates)
        {
            var wall = results[candidate.Name].Select(r => r.Wall).Order().ToArray();
            var cpu = results[candidate.Name].Select(r => r.Cpu).Order().ToArray();
            p50[candidate.Name] = ScenarioArguments.Percentile(wall, 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"startup: {candidate.Name} → {candidate.Call}: p50 {p50[candidate.Name]:F0} ms, p90 {ScenarioArguments.Percentile(wall, 0.9):F0} ms, min {wall[0]:F0} ms; CPU by then p50 {ScenarioArguments.Percentile(cpu, 0.5):F0} ms"));
        }

        foreach (var build in builds)
        {
            foreach (var (ours, peer) in Comparisons)
            {
                var name = OurName(build.Label, ours);
                if (p50.TryGetValue(name, out var our) && p50.TryGetValue(peer, out var their))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"startup: {name} / {peer} = {our / their:F2} (p50 {our:F0} / {their:F0} ms; below 1 is faster)"));
                }
            }
        }

        Console.WriteLine($"startup: load average before {loadBefore}, after {MachineLoad.Describe()}");
        return 0;
    }

    /// <summary><c>--emulators LABEL=DIR</c> (repeatable), or the Release build beside the bench.</summary>
    private static List<(string Label, string Directory)> EmulatorBuilds(string[] args)
    {
        var given = args.Select((a, i) => (a, i)).Where(p => p.a == "--emulators" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
        if (given.Count == 0)
        {
            return [("", AppContext.BaseDirectory)];
        }

        return [.. given.Select(g => g.Split('=', 2) is [var label, var directory]
            ? (label, Path.GetFullPath(directory))
            : throw new ArgumentException($"--emulators expects LABEL=DIR (a folder holding DevHarness.Emulators.dll), not '{g}'."))];
    }

    private static string OurName(string label, string command) => label.Length == 0 ? command : $"{command}[{label}]";

    private static IEnumerable<StartupCandidate> OurEmulators(string label, string directory)
    {
        var dll = Path.Combine(directory, "DevHarness.Emulators.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"--emulators: {dll} does not exist.");
        }

        ProcessStartInfo Emulator(string command, params string[] options) =>
            Command("dotnet", [dll, command, "--host", "127.0.0.1", .. options]);

        yield return new(OurName(label, "objectstorage"), "GetNamespace",
            (port, _, _) => Emulator("objectstorage", "--port", Text(port)),
            () => new HttpRequestMessage(HttpMethod.Get, "n/"));
        yield return new(OurName(label, "stream"), "ListStreams",
            (port, kafka, data) => Emulator("stream", "--port", Text(port), "--kafka-port", Text(kafka), "--data-dir", data),
            () => new HttpRequestMessage(HttpMethod.Get, "20180418/streams?compartmentId=ocid1.compartment.oc1..local"));
        yield return new(OurName(label, "events"), "GET /rules",
            (port, _, _) => Emulator("events", "--port", Text(port)),
            () => new HttpRequestMessage(HttpMethod.Get, "rules"));
    }

    private static IEnumerable<StartupCandidate> Peers(string folder)
    {
        yield return new("s3rver", "ListBuckets",
            (port, _, data) => NodePeer.Command(folder, "s3rver", ["-d", data, "-a", "127.0.0.1", "-p", Text(port), "--silent"]),
            () => new HttpRequestMessage(HttpMethod.Get, ""));
        yield return new("kinesalite", "ListStreams",
            (port, _, _) => NodePeer.Command(folder, "kinesalite", ["--port", Text(port)]),
            KinesisListStreams);
        yield return new("azurite", "List Containers",
            (port, _, _) => NodePeer.Command(folder, "azurite-blob", ["--blobHost", "127.0.0.1", "--blobPort", Text(port), "--silent", "--skipApiVersionCheck", "--inMemoryPersistence"]),
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"{AzuriteSharedKey.Account}?comp=list");
                AzuriteSharedKey.Sign(request);
                return request;
            });
    }

    /// <summary>Kinesis ListStreams with a SigV4-shaped Authorization header: kinesalite wants one, and does not check it.</summary>
    private static HttpRequestMessage KinesisListStreams()
    {
        var date = DateTime.UtcNow;
        var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent("{}", Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "Kinesis_20131202.ListStreams");
        request.Headers.Add("X-Amz-Date", date.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date:yyyyMMdd}/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={new string('0', 64)}");
        return request;
    }

    /// <summary>A command under <c>timeout</c>, so it stops by itself even if the bench dies.</summary>
    private static ProcessStartInfo Command(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("timeout") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--signal=KILL", "120", program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}

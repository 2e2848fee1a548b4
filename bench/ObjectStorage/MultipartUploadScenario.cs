using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DevHarness.Support;

namespace DevHarness.Benchmarks.ObjectStorage;

/// <summary>
/// <c>objectstorage-multipart</c>: the emulator as a child process with <c>--data-dir</c>; one object
/// uploaded with the multipart API (parts generated as they are sent, several in flight, like the SDKs'
/// UploadManager), committed, then read back and checked byte for byte. Reports MiB/s for the parts and
/// for the whole upload including the commit (which concatenates the parts on disk), and the emulator's peak
/// resident memory (VmHWM) against its resident memory before the upload, with the load average.
/// Usage: <c>objectstorage-multipart [--mib 1024] [--part-mib 10] [--parallel 4]</c>.
/// </summary>
internal sealed class MultipartUploadScenario : IScenario
{
    private const string Uploads = "/n/devharness/b/uploads/u";

    public string Name => "objectstorage-multipart";

    public string Description => "Object Storage emulator: multipart upload MiB/s (1 GiB in 10 MiB parts, --data-dir) and peak RSS";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var mebibytes = ScenarioArguments.Int(args, "--mib", 1024);
        var partMebibytes = ScenarioArguments.Int(args, "--part-mib", 10);
        var parallel = ScenarioArguments.Int(args, "--parallel", 4);
        var directory = Directory.CreateTempSubdirectory("devharness-bench-multipart-").FullName;
        try
        {
            await using var emulator = await EmulatorProcess.StartAsync(directory, cancellationToken);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = parallel }) { BaseAddress = emulator.Url, Timeout = TimeSpan.FromMinutes(10) };

            // Warm every path (create, part, commit, get) so JIT and pools are in the baseline, not in the figure.
            await UploadAsync(http, "warm.bin", 2 * 1024 * 1024, 1024 * 1024, 2, cancellationToken);
            var baseline = emulator.ResidentKib("VmRSS");
            var loadBefore = MachineLoad.Describe();

            var size = (long)mebibytes * 1024 * 1024;
            var timing = await UploadAsync(http, "large.bin", size, (long)partMebibytes * 1024 * 1024, parallel, cancellationToken);
            var peak = emulator.ResidentKib("VmHWM");
            await VerifyAsync(http, "large.bin", size, cancellationToken);

            var parts = (size + ((long)partMebibytes * 1024 * 1024) - 1) / ((long)partMebibytes * 1024 * 1024);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mebibytes} MiB in {parts} parts of {partMebibytes} MiB, {parallel} in flight, --data-dir: parts {mebibytes / timing.Parts.TotalSeconds:0} MiB/s ({timing.Parts.TotalSeconds:0.0} s), "
                + $"commit {timing.Commit.TotalSeconds:0.0} s, whole upload {mebibytes / (timing.Parts + timing.Commit).TotalSeconds:0} MiB/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"emulator RSS before {baseline / 1024.0:0.0} MiB, peak during the upload {peak / 1024.0:0.0} MiB (+{(peak - baseline) / 1024.0:0.0} MiB); load average before {loadBefore}, after {MachineLoad.Describe()}"));
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(TimeSpan Parts, TimeSpan Commit)> UploadAsync(HttpClient http, string name, long size, long partSize, int parallel, CancellationToken cancellationToken)
    {
        using var created = await http.PostAsJsonAsync(Uploads, new { @object = name }, cancellationToken);
        created.EnsureSuccessStatusCode();
        var uploadId = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("uploadId").GetString()!;
        var count = (int)((size + partSize - 1) / partSize);
        var etags = new string[count];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var offset = index * partSize;
                var length = Math.Min(partSize, size - offset);
                using var content = new StreamContent(new PatternStream(length, start: offset)) { Headers = { ContentLength = length } };
                using var response = await http.PutAsync($"{Uploads}/{name}?uploadId={uploadId}&uploadPartNum={index + 1}", content, token);
                response.EnsureSuccessStatusCode();
                etags[index] = response.Headers.ETag?.Tag ?? response.Headers.GetValues("ETag").Single();
            });
        var parts = Stopwatch.GetElapsedTime(started);

        started = Stopwatch.GetTimestamp();
        var commit = new { partsToCommit = etags.Select((etag, index) => new { partNum = index + 1, etag }).ToArray() };
        using (var committed = await http.PostAsJsonAsync($"{Uploads}/{name}?uploadId={uploadId}", commit, cancellationToken))
        {
            committed.EnsureSuccessStatusCode();
        }

        return (parts, Stopwatch.GetElapsedTime(started));
    }

    private static async Task VerifyAsync(HttpClient http, string name, long size, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/n/devharness/b/uploads/o/{name}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (!(await SHA256.HashDataAsync(stream, cancellationToken)).AsSpan().SequenceEqual(PatternStream.Sha256(size)))
        {
            throw new InvalidDataException("The committed object is not the bytes its parts carried.");
        }
    }
}

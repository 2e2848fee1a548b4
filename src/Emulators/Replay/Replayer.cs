using System.Diagnostics;
using System.Net;
using DevHarness.Emulators.Events;
using DevHarness.Emulators.ObjectStorage;

namespace DevHarness.Emulators.Replay;

/// <summary>
/// Replays recorded events: seeds the objects they name into the Object Storage emulator (leaving those
/// already there), then invokes the target with each event under the Fn contract, with bounded
/// concurrency, an optional start rate and repetitions — the load driver for benchmarks as well as the
/// fixture player for development. Usable from code (AppHost command, benchmarks) and from
/// <c>replay</c>.
/// </summary>
internal sealed class Replayer(ReplayOptions options, HttpClient? objectStorageHttp = null)
{
    /// <summary>Seeds the objects create/update events name; returns how many were uploaded.</summary>
    public async Task<int> SeedAsync(IReadOnlyList<FixtureEvent> events, string? defaultObjectsDirectory, CancellationToken cancellationToken)
    {
        if (options.ObjectStorageUrl is null)
        {
            return 0;
        }

        var objects = options.ObjectsDirectory ?? defaultObjectsDirectory
            ?? throw new InvalidOperationException("Seeding needs the fixture objects directory: pass --objects DIR (DIR/<bucket>/<object name>).");
        using var owned = objectStorageHttp is null ? new HttpClient() : null;
        var http = objectStorageHttp ?? owned!;
        var uploaded = 0;
        foreach (var fixture in events.Where(e => e.NeedsObject).DistinctBy(e => (e.Bucket, e.ObjectName)))
        {
            var file = Path.Combine(objects, fixture.Bucket ?? "", fixture.ObjectName!.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{fixture.Name} names object '{fixture.ObjectName}' in bucket '{fixture.Bucket}', but '{file}' does not exist.", file);
            }

            var ns = options.Namespace ?? fixture.Namespace ?? "devharness";
            var bucket = options.Bucket ?? fixture.Bucket!;
            var uri = new Uri(options.ObjectStorageUrl, $"/n/{Uri.EscapeDataString(ns)}/b/{Uri.EscapeDataString(bucket)}/o/{Uri.EscapeDataString(fixture.ObjectName)}");
            using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, uri), cancellationToken))
            {
                if (head.IsSuccessStatusCode)
                {
                    continue;
                }

                if (head.StatusCode != HttpStatusCode.NotFound)
                {
                    throw new InvalidOperationException($"Cannot seed '{fixture.ObjectName}': HEAD {uri} answered {(int)head.StatusCode}.");
                }
            }

            await using var content = File.OpenRead(file);
            using var put = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new StreamContent(content) };
            put.Content.Headers.TryAddWithoutValidation("Content-Type", ContentTypes.ForName(fixture.ObjectName));
            // The replay invokes the function itself; an event from the upload would invoke it twice.
            put.Headers.Add(ObjectStorageApi.SuppressEventHeader, "true");
            using var response = await http.SendAsync(put, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new InvalidOperationException($"Cannot seed '{fixture.ObjectName}' into bucket '{bucket}': {(int)response.StatusCode} {detail}");
            }

            uploaded++;
        }

        return uploaded;
    }

    /// <summary>Invokes the target with every event, <see cref="ReplayOptions.Repeat"/> times; reports each completion to <paramref name="progress"/>.</summary>
    public async Task<ReplaySummary> RunAsync(IReadOnlyList<FixtureEvent> events, IProgress<ReplayResult>? progress, CancellationToken cancellationToken)
    {
        var target = FunctionTarget.Parse(options.Target);
        using var invoker = new FunctionInvoker(options.InvocationTimeout, options.Clock);
        var work = Enumerable.Range(1, Math.Max(1, options.Repeat))
            .SelectMany(iteration => events.Select(fixture => (Fixture: fixture, Iteration: iteration)))
            .Select((item, index) => (item.Fixture, item.Iteration, Index: index))
            .ToList();
        var results = new ReplayResult[work.Count];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                if (options.Rate is > 0 and var rate)
                {
                    // Start times are paced from the run's start, so a slow call does not lower the rate.
                    var due = TimeSpan.FromSeconds(item.Index / rate) - Stopwatch.GetElapsedTime(started);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, ct);
                    }
                }

                var body = EventRewriter.Rewrite(item.Fixture, options.Namespace, options.Bucket, item.Iteration > 1 ? Guid.NewGuid() : null);
                var callStarted = Stopwatch.GetTimestamp();
                var result = await invoker.InvokeAsync(target, body, default, ct);
                var latency = Stopwatch.GetElapsedTime(callStarted);
                // 200 is the Fn contract's success; the events emulator answers 202 Accepted.
                var succeeded = result.Status is >= 200 and < 300;
                var replayed = new ReplayResult(item.Fixture.Name, item.Fixture.EventType, item.Fixture.ObjectName, item.Iteration, result.Status, succeeded, latency, succeeded ? null : result.Reason);
                results[item.Index] = replayed;
                progress?.Report(replayed);
            });
        return new ReplaySummary(results, Stopwatch.GetElapsedTime(started));
    }
}

using System.Diagnostics;

namespace DevHarness.Benchmarks.Peers;

/// <summary>
/// The one load generator every server in the <c>peers</c> and <c>hops</c> scenarios gets: <see cref="Clients"/> keep-alive
/// HTTP clients (one connection each) sending one request after another for a fixed time. An operation is
/// given its client and a sequence number and throws when the server did not answer with success; one that
/// moves more than one unit of work per request (records read, MiB written) returns how many it moved.
/// </summary>
internal static class ClosedLoad
{
    public const int Clients = 16;

    /// <summary>Operations per second over <paramref name="duration"/>, with latency p50/p99 in milliseconds.</summary>
    public static Task<LoadFigure> RunAsync(Uri server, TimeSpan duration, Func<HttpClient, int, Task> operation, CancellationToken cancellationToken) =>
        RunAsync(server, duration, Once(operation), cancellationToken);

    /// <summary><paramref name="operation"/> as one that moves one unit of work a request.</summary>
    public static Func<HttpClient, int, Task<int>> Once(Func<HttpClient, int, Task> operation) => async (client, i) =>
    {
        await operation(client, i);
        return 1;
    };

    /// <summary>As above, for an operation that returns the units of work it moved; <see cref="LoadFigure.UnitsPerSecond"/> counts them.</summary>
    public static async Task<LoadFigure> RunAsync(Uri server, TimeSpan duration, Func<HttpClient, int, Task<int>> operation, CancellationToken cancellationToken)
    {
        var http = Enumerable.Range(0, Clients)
            .Select(_ => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = server }).ToArray();
        try
        {
            var next = -1;
            long units = 0;
            var latencies = new List<double>[Clients];
            var started = Stopwatch.GetTimestamp();
            var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(http.Select((client, c) => Task.Run(async () =>
            {
                latencies[c] = [];
                while (Stopwatch.GetTimestamp() < until)
                {
                    var start = Stopwatch.GetTimestamp();
                    Interlocked.Add(ref units, await operation(client, Interlocked.Increment(ref next)));
                    latencies[c].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }, cancellationToken)));
            var elapsed = Stopwatch.GetElapsedTime(started);
            var sorted = latencies.SelectMany(l => l).Order().ToArray();
            return new LoadFigure(sorted.Length, sorted.Length / elapsed.TotalSeconds, ScenarioArguments.Percentile(sorted, 0.5), ScenarioArguments.Percentile(sorted, 0.99),
                units / elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var client in http)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Throws unless the response is a success, naming the status and body.</summary>
    public static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await response.Content.CopyToAsync(Stream.Null);
    }
}

/// <summary>Operations done, per second, latency percentiles (ms) and units of work per second of one load run.</summary>
internal sealed record LoadFigure(int Operations, double PerSecond, double P50, double P99, double UnitsPerSecond);

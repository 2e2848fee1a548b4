using System.Collections.Concurrent;

namespace DevHarness.Benchmarks.Peers;

/// <summary>
/// Each load client's own read position in a stream (an OCI cursor or a Kinesis shard iterator): one made
/// before the load is handed to each client on its first read, and every read moves it on, so the load
/// measures fetches only.
/// </summary>
internal sealed class ReadPositions(IEnumerable<string> prepared)
{
    private readonly ConcurrentQueue<string> _prepared = new(prepared);
    private readonly ConcurrentDictionary<HttpClient, string> _current = new();

    /// <summary>Reads from <paramref name="client"/>'s position with <paramref name="read"/>; returns the records it got.</summary>
    public async Task<int> ReadAsync(HttpClient client, Func<HttpClient, string, Task<(int Count, string Next)>> read)
    {
        if (!_current.TryGetValue(client, out var position) && !_prepared.TryDequeue(out position))
        {
            throw new InvalidOperationException("More load clients than read positions prepared.");
        }

        var (count, next) = await read(client, position);
        _current[client] = next;
        return count;
    }
}

using System.Collections.Concurrent;

namespace DevHarness.Benchmarks.Peers;

/// <summary>
/// Read positions in a stream (OCI cursors or Kinesis shard iterators), one per load client, made before the
/// load: a read takes one, and puts back the position after what it read, so the load measures fetches only.
/// </summary>
internal sealed class ReadPositions(IEnumerable<string> prepared)
{
    private readonly ConcurrentQueue<string> _positions = new(prepared);

    /// <summary>Reads from a free position with <paramref name="read"/>; returns the records it got.</summary>
    public async Task<int> ReadAsync(HttpClient client, Func<HttpClient, string, Task<(int Count, string Next)>> read)
    {
        if (!_positions.TryDequeue(out var position))
        {
            throw new InvalidOperationException("More reads in flight than read positions prepared.");
        }

        var (count, next) = await read(client, position);
        _positions.Enqueue(next);
        return count;
    }
}

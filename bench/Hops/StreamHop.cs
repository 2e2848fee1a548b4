using DevHarness.Benchmarks.Loop;
using DevHarness.Benchmarks.Peers;
using DevHarness.Benchmarks.Streaming;

namespace DevHarness.Benchmarks.Hops;

/// <summary>
/// The stream's hop alone: the <c>stream</c> command as a process (embedded broker, 3 partitions like the
/// loop's topic), under <see cref="ClosedLoad"/>'s 16 clients sending PutMessages of 1 and of 100 messages of
/// 1 KiB through the REST facade, with the stream process's CPU time per message.
/// </summary>
internal static class StreamHop
{
    private const string StreamId = "ocid1.stream.oc1.local.hops";

    private static readonly byte[] Value = CreateValue();

    public static async Task<IReadOnlyList<StreamHopFigure>> MeasureAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var stream = await StreamProcess.StartAsync($"{StreamId}=hops:3", cancellationToken);

        // Warm-up (JIT, connections, the broker's segments), not counted.
        await ClosedLoad.RunAsync(stream.FacadeUrl, TimeSpan.FromSeconds(3), (c, _) => StreamRequests.PutMessagesAsync(c, StreamId, Value, 1), cancellationToken);

        var figures = new List<StreamHopFigure>();
        foreach (var batch in new[] { 1, 100 })
        {
            var cpu = ProcessUsage.CpuTime(stream.Id);
            var load = await ClosedLoad.RunAsync(stream.FacadeUrl, duration, (c, _) => StreamRequests.PutMessagesAsync(c, StreamId, Value, batch), cancellationToken);
            cpu = ProcessUsage.CpuTime(stream.Id) - cpu;
            var messages = (double)load.Operations * batch;
            figures.Add(new StreamHopFigure(batch, load.PerSecond * batch, load.PerSecond, load.P50, load.P99, cpu.TotalMilliseconds / messages));
        }

        return figures;
    }

    private static byte[] CreateValue()
    {
        var value = new byte[1024];
        Random.Shared.NextBytes(value);
        return value;
    }
}

/// <summary>One PutMessages batch size: messages/s, requests/s, request latency (ms), the stream process's CPU ms per message.</summary>
internal sealed record StreamHopFigure(int Batch, double MessagesPerSecond, double RequestsPerSecond, double P50, double P99, double CpuPerMessage);

namespace DevHarness.KafkaBroker;

/// <summary>A read from an offset the partition does not hold: older than its log start (retention deleted it) or past its end.</summary>
public sealed class OffsetOutOfRangeException(string topic, int partition, long offset, long logStart, long next)
    : Exception($"Offset {offset} is not in partition {partition} of {topic}: it holds offsets {logStart} to {next - 1}.")
{
    public long Offset { get; } = offset;

    public long LogStartOffset { get; } = logStart;

    public long NextOffset { get; } = next;
}

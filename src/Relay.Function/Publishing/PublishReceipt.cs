namespace DevHarness.Relay.Publishing;

/// <summary>Where an invocation's messages landed: their count, partition(s) and offset range, for the log.</summary>
internal sealed record PublishReceipt(int Messages, string Partitions, long FirstOffset, long LastOffset)
{
    public static readonly PublishReceipt Empty = new(0, "", -1, -1);
}

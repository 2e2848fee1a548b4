namespace DevHarness.Relay.Publishing;

/// <summary>Accumulates acknowledged positions into a <see cref="PublishReceipt"/>.</summary>
internal sealed class ReceiptBuilder
{
    private readonly SortedSet<string> _partitions = new(StringComparer.Ordinal);
    private int _messages;
    private long _first = long.MaxValue;
    private long _last = long.MinValue;

    public void Add(string partition, long offset)
    {
        _messages++;
        _partitions.Add(partition);
        _first = Math.Min(_first, offset);
        _last = Math.Max(_last, offset);
    }

    public PublishReceipt Build() =>
        _messages == 0 ? PublishReceipt.Empty : new PublishReceipt(_messages, string.Join(",", _partitions), _first, _last);
}

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>What one request touched, filled in by the endpoint and written to the request log line.</summary>
internal sealed class RequestInfo
{
    private readonly SortedSet<int> _partitions = [];

    public string Operation { get; set; } = "-";

    public string Stream { get; set; } = "-";

    public void Touched(int partition)
    {
        lock (_partitions)
        {
            _partitions.Add(partition);
        }
    }

    public string Partitions
    {
        get
        {
            lock (_partitions)
            {
                return _partitions.Count == 0 ? "-" : string.Join(',', _partitions);
            }
        }
    }
}

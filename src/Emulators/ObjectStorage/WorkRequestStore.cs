namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The work requests CopyObject created, kept in memory for the emulator's lifetime (the objects they
/// wrote persist; the requests themselves are only a record of what was done).
/// </summary>
internal sealed class WorkRequestStore
{
    private readonly Lock _gate = new();
    private readonly List<WorkRequestRecord> _records = [];

    public void Add(WorkRequestRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }
    }

    public WorkRequestRecord? Get(string id)
    {
        lock (_gate)
        {
            return _records.Find(r => r.Request.Id == id);
        }
    }

    /// <summary>A compartment's work requests, oldest first.</summary>
    public IReadOnlyList<WorkRequestRecord> List(string compartmentId)
    {
        lock (_gate)
        {
            return [.. _records.Where(r => r.Request.CompartmentId == compartmentId)];
        }
    }
}

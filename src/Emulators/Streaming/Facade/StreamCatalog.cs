namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>Stream OCID ↔ stream name (= Kafka topic) and partition count, as configured with <c>--stream</c>.</summary>
internal sealed class StreamCatalog(IReadOnlyList<StreamDefinition> streams)
{
    private readonly Dictionary<string, StreamDefinition> _byOcid = streams.ToDictionary(s => s.Ocid, StringComparer.Ordinal);

    public IReadOnlyList<StreamDefinition> Streams { get; } = streams;

    public StreamDefinition Get(string streamId) =>
        _byOcid.TryGetValue(streamId, out var stream) ? stream : throw OciProblem.UnknownStream(streamId);
}

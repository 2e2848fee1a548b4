using Confluent.Kafka;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>What a group read returned, and each partition's next offset for the next cursor.</summary>
internal sealed record GroupReadResult(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Messages, IReadOnlyDictionary<int, long> Positions);

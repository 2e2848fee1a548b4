namespace DevHarness.KafkaBroker.Records;

/// <summary>A batch in an old message format (magic 0 or 1): only magic 2 is stored.</summary>
internal sealed class UnsupportedMagicException(sbyte magic)
    : Exception($"message format magic {magic} is not supported; only record batches (magic 2, Kafka 0.11+) are");

namespace DevHarness.KafkaBroker.Records;

/// <summary>A record batch's compression (the low three bits of its attributes).</summary>
internal enum Codec
{
    None = 0,
    Gzip = 1,
    Snappy = 2,
    Lz4 = 3,
    Zstd = 4,
}

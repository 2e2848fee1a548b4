namespace DevHarness.KafkaBroker.Records;

/// <summary>A compressed batch that inflates past <see cref="Decompressor.MaxDecompressedBytes"/>: refused as MESSAGE_TOO_LARGE.</summary>
internal sealed class BatchTooLargeException(long bytes)
    : Exception($"the batch decompresses to more than {Decompressor.MaxDecompressedBytes} bytes ({bytes} so far)");

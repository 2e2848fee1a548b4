namespace DevHarness.KafkaBroker;

/// <summary>A message to append: key (optional) and value.</summary>
public readonly record struct NewRecord(byte[]? Key, byte[] Value);

namespace DevHarness.Integration.AppHost;

/// <summary>A message as a consumer saw it, whichever API read it (Kafka or the REST facade).</summary>
internal sealed record RecordedMessage(int Partition, long Offset, string Key, byte[] Value);

namespace DevHarness.KafkaBroker.Records;

/// <summary>A record batch that is not what magic 2 says it must be; the produce is answered CORRUPT_MESSAGE.</summary>
internal sealed class InvalidRecordException(string message) : Exception(message);

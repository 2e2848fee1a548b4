namespace DevHarness.KafkaBroker.Records;

/// <summary>A record over OCI's 1 MiB message limit (key plus value): the produce is answered MESSAGE_TOO_LARGE.</summary>
internal sealed class MessageTooLargeException(long bytes)
    : Exception($"a record's key and value are {bytes} bytes; OCI Streaming allows at most {BrokerOptions.MaxMessageBytes} (1 MiB)");

namespace DevHarness.AppHost;

/// <summary>
/// The fixed local addresses from docs/architecture.md "Default addresses", so the OCI CLI, SDKs and kcat can be
/// pointed at the harness; each one can be moved with its <c>--*-port</c> option (tests use free ports).
/// </summary>
internal sealed record HarnessPorts(int ObjectStorage, int Stream, int Events, int Kafka, int Relay)
{
    public const int DefaultObjectStorage = 10100;
    public const int DefaultStream = 10101;
    public const int DefaultEvents = 10102;

    /// <summary>Not in docs/architecture.md's "Default addresses" table (the relay is not an OCI endpoint); next to the emulators.</summary>
    public const int DefaultRelay = 10103;
    public const int DefaultKafka = 10109;

    public const string Host = "127.0.0.1";

    public string ObjectStorageUrl => $"http://{Host}:{ObjectStorage}";

    public string StreamUrl => $"http://{Host}:{Stream}";

    public string EventsUrl => $"http://{Host}:{Events}";

    public string RelayUrl => $"http://{Host}:{Relay}";

    public string KafkaBootstrap => $"{Host}:{Kafka}";
}

namespace DevHarness.Integration.Streaming;

/// <summary>Which Kafka broker a test's stream emulator fronts.</summary>
public enum BrokerKind
{
    /// <summary>The embedded broker (librdkafka's mock cluster), always available.</summary>
    Embedded,

    /// <summary>A Kafka container (Testcontainers); skipped without Docker.</summary>
    Container,
}

namespace DevHarness.Integration.Streaming;

/// <summary>Which Kafka broker a test's stream emulator fronts, and so which facade backend it uses.</summary>
public enum BrokerKind
{
    /// <summary>The embedded broker, read and written in-process by the facade (the default).</summary>
    Embedded,

    /// <summary>
    /// A separate embedded broker reached through Kafka clients (<c>--kafka</c>): the facade's external-Kafka
    /// path, always available.
    /// </summary>
    External,

    /// <summary>A Kafka container (Testcontainers) through Kafka clients; skipped without Docker.</summary>
    Container,
}

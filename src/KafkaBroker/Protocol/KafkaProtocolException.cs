namespace DevHarness.KafkaBroker.Protocol;

/// <summary>A request that does not follow the Kafka protocol: the broker logs it and closes the connection, as Kafka does.</summary>
internal sealed class KafkaProtocolException(string message) : Exception(message);

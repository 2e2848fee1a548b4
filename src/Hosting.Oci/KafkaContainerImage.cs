namespace DevHarness.Hosting.Oci;

/// <summary>The one place the Kafka container image is pinned, as Aspire pins its emulator images.</summary>
internal static class KafkaContainerImage
{
    public const string Image = "apache/kafka";
    public const string Tag = "4.0.0";

    /// <summary>The in-container client listener; the host port is the harness's Kafka port.</summary>
    public const int ClientPort = 9092;

    public const string Listeners = "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093";

    public const string QuorumVoters = "1@localhost:9093";
}

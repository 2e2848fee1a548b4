namespace DevHarness.Integration.Infrastructure;

/// <summary>Every container image the tests may pull, pinned in one place.</summary>
public static class ContainerImages
{
    /// <summary>The image Testcontainers.Kafka 4.16 is tested with.</summary>
    public const string Kafka = "confluentinc/cp-kafka:7.5.12";
}

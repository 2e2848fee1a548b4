using Testcontainers.Kafka;

namespace DevHarness.Integration.Infrastructure;

/// <summary>
/// A real Kafka broker in a Docker container for one test (or one class fixture). Call
/// <see cref="StartAsync"/>; without Docker the test is skipped with the reason.
/// </summary>
public sealed class KafkaContainerBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly KafkaContainer _container;

    private KafkaContainerBroker(KafkaContainer container) => _container = container;

    /// <summary>The container's bootstrap address as seen from the host, <c>host:port</c>.</summary>
    public string BootstrapServers => _container.GetBootstrapAddress().Replace("PLAINTEXT://", "", StringComparison.Ordinal).TrimEnd('/');

    /// <summary>Starts the container, or skips the current test when Docker is not available.</summary>
    public static async Task<KafkaContainerBroker> StartAsync(CancellationToken cancellationToken)
    {
        DockerAvailability.SkipIfUnavailable();
        var container = new KafkaBuilder(ContainerImages.Kafka).Build();
        await container.StartAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        return new KafkaContainerBroker(container);
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}

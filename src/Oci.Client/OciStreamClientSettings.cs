using DevHarness.Oci.Connections;

namespace DevHarness.Oci.Client;

/// <summary>
/// How <c>AddOciStreamProducer</c>, <c>AddOciStreamConsumer</c> and <c>AddOciStreamClient</c> reach a stream:
/// read from <c>ConnectionStrings:{name}</c> and the section <c>DevHarness:Oci:Stream</c>, then handed to the
/// caller's callback, which may change anything.
/// </summary>
public sealed class OciStreamClientSettings
{
    /// <summary>Kafka bootstrap servers and SASL credentials, stream name (the topic), OCID and messages endpoint.</summary>
    public StreamConnectionString Connection { get; set; } = new();

    /// <summary>Retries of the REST client (<c>AddOciStreamClient</c>); null turns them off.</summary>
    public OciRetryOptions? Retry { get; set; } = new();

    /// <summary>No health check is registered (Kafka: the topic's metadata; REST: GetStream).</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>No span per REST request (Kafka clients have no tracing of their own here).</summary>
    public bool DisableTracing { get; set; }
}

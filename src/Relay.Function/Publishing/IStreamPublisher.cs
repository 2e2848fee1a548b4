namespace DevHarness.Relay.Publishing;

/// <summary>
/// The one seam between the relay and the stream (docs/architecture.md "The relay"): the Kafka protocol or OCI
/// Streaming REST. A publisher lives for the whole process (one producer reused across invocations);
/// each invocation opens its own <see cref="IStreamPublication"/>.
/// </summary>
internal interface IStreamPublisher
{
    /// <summary>Opens a publication: messages are sent in the order they are added.</summary>
    IStreamPublication Begin();
}

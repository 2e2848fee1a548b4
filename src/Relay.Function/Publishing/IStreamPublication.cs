using DevHarness.Relay.Contract;

namespace DevHarness.Relay.Publishing;

/// <summary>
/// The messages of one invocation. <see cref="AddAsync"/> may send at once or batch, and waits when too
/// much is in flight (memory stays bounded whatever the object size); <see cref="CompleteAsync"/>
/// returns only once every message is acknowledged by the stream, and throws
/// <see cref="StreamPublishException"/> otherwise: nothing is acknowledged that is not in the stream.
/// </summary>
internal interface IStreamPublication : IAsyncDisposable
{
    ValueTask AddAsync(RelayMessage message, CancellationToken cancellationToken);

    Task<PublishReceipt> CompleteAsync(CancellationToken cancellationToken);
}

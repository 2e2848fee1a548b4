using DevHarness.Oci.Streaming;
using DevHarness.Relay.Configuration;

namespace DevHarness.Relay.Publishing;

/// <summary>
/// Publishes with OCI Streaming REST <c>PutMessages</c> through <see cref="StreamClient"/> (signed with the
/// configured credential; unsigned against an emulator that does not verify).
/// </summary>
internal sealed class RestStreamPublisher(StreamClient client, RelaySettings settings, TimeProvider time) : IStreamPublisher
{
    public IStreamPublication Begin() => new RestPublication(client, settings.StreamId!, time);
}

using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Backends;

/// <summary>
/// The live instances behind group cursors. An instance that sees no GetMessages, commit or heartbeat
/// within its <c>timeoutInMs</c> leaves its group, as in OCI.
/// </summary>
internal interface IGroupCursors : IDisposable
{
    /// <summary>Joins the group as <paramref name="instanceName"/>, or returns that instance if it is live.</summary>
    Task<IGroupInstance> JoinAsync(StreamDefinition stream, CreateGroupCursorDetails details, string instanceName, CancellationToken cancellationToken);

    /// <summary>The live instance a group cursor names; a 400 once it has left the group.</summary>
    IGroupInstance Get(StreamDefinition stream, string groupName, string instanceName);

    /// <summary>OCI's GetGroup: per partition, the committed offset and which instance holds it until when.</summary>
    Task<Group> DescribeAsync(StreamDefinition stream, string groupName, CancellationToken cancellationToken);
}

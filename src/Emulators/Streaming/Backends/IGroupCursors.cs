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

    /// <summary>
    /// OCI's UpdateGroup: the group's live instances leave it (their cursors answer 400; a new group cursor
    /// starts from the new position) and <paramref name="offsets"/> become its committed offsets, where a
    /// Kafka consumer group of the same name resumes too. A 409 while Kafka clients are members of the group
    /// (they would go on from their own positions), as Kafka refuses such a reset.
    /// </summary>
    Task ResetAsync(StreamDefinition stream, string groupName, IReadOnlyDictionary<int, long> offsets, CancellationToken cancellationToken);
}

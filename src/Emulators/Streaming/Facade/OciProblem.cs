namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>An OCI error to answer with: HTTP status, OCI error code and a message naming what to fix.</summary>
internal sealed class OciProblem(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>Seconds for <c>Retry-After</c> (throttling only).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static OciProblem InvalidParameter(string message) => new(400, "InvalidParameter", message);

    /// <summary>UpdateGroup while Kafka consumers are members of the group: they would go on from their own positions.</summary>
    public static OciProblem GroupHasKafkaMembers(string groupName) => new(409, "Conflict",
        $"Consumer group {groupName} has Kafka consumers as members: they would go on from their own positions, so its offsets cannot be reset now (Kafka refuses such a reset too). Stop those consumers, then retry.");

    public static OciProblem UnknownStream(string streamId) =>
        new(404, "NotAuthorizedOrNotFound", $"Unknown stream {streamId}: either it does not exist or you are not authorized to access it (this emulator serves the streams given with --stream).");
}

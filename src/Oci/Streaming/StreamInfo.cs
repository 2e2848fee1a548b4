namespace DevHarness.Oci.Streaming;

/// <summary>
/// The <c>Stream</c> model of <c>GetStream</c> (docs/oci-facts.md §2.6), named so it does not clash with
/// <see cref="System.IO.Stream"/>. <see cref="MessagesEndpoint"/> is where the data plane is called.
/// </summary>
public sealed record StreamInfo(
    string Id,
    string Name,
    int Partitions,
    string MessagesEndpoint,
    string LifecycleState,
    int RetentionInHours = 24,
    string? CompartmentId = null,
    string? StreamPoolId = null,
    DateTimeOffset? TimeCreated = null);

namespace DevHarness.KafkaBroker.Protocol;

/// <summary>
/// The API versions this broker implements, and so advertises in ApiVersions: nothing more. Ranges follow
/// apache/kafka's message schemas (clients/src/main/resources/common/message). Only ApiVersions v3 is a
/// flexible version; every other API stops just below its first flexible version, which covers what
/// librdkafka 2.x (kcat, Confluent.Kafka) and KafkaJS 2.2.4 ask for, so their compact encodings are not
/// needed. InitProducerId and the transaction APIs are deliberately absent: OCI Streaming refuses
/// idempotent and transactional producers (docs/oci-facts.md §3), and a producer meets that here.
/// </summary>
internal static class SupportedApis
{
    public static IReadOnlyList<(ApiKey Key, short Min, short Max)> All { get; } =
    [
        (ApiKey.Produce, 3, 7),          // v3: record batches (magic 2); v9 is the first flexible
        (ApiKey.Fetch, 4, 11),           // v4: record batches; v12 is the first flexible
        (ApiKey.ListOffsets, 1, 5),      // v1: one offset per timestamp; v6 is the first flexible
        (ApiKey.Metadata, 1, 8),         // v1: nullable topic list; v9 is the first flexible
        (ApiKey.OffsetCommit, 2, 7),     // v8 is the first flexible
        (ApiKey.OffsetFetch, 1, 5),      // v1: offsets kept by the broker; v6 is the first flexible
        (ApiKey.FindCoordinator, 0, 2),  // v3 is the first flexible
        (ApiKey.JoinGroup, 0, 5),        // v6 is the first flexible
        (ApiKey.Heartbeat, 0, 3),        // v4 is the first flexible
        (ApiKey.LeaveGroup, 0, 3),       // v4 is the first flexible
        (ApiKey.SyncGroup, 0, 3),        // v4 is the first flexible
        (ApiKey.ApiVersions, 0, 3),      // v3 is flexible (its response header stays v0)
    ];

    public static bool Supports(ApiKey key, short version) =>
        All.Any(a => a.Key == key && version >= a.Min && version <= a.Max);

    /// <summary>Whether the request uses header v2 and compact fields.</summary>
    public static bool IsFlexible(ApiKey key, short version) => key == ApiKey.ApiVersions && version >= 3;
}

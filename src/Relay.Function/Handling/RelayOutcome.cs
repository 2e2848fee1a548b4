using DevHarness.Relay.Publishing;

namespace DevHarness.Relay.Handling;

/// <summary>The result of one successful invocation, for the response body and the log line.</summary>
/// <param name="Status">Relayed or ignored.</param>
/// <param name="EventId">The OCI event's <c>eventID</c>.</param>
/// <param name="EventType">The OCI event's <c>eventType</c>.</param>
/// <param name="Object">The object as <c>namespace/bucket/name</c>, when the event names one.</param>
/// <param name="Data">How the object's data travelled: <c>inline</c>, <c>reference</c>, <c>missing</c> or <c>none</c>.</param>
/// <param name="Bytes">Object bytes relayed inline.</param>
/// <param name="Receipt">Where the messages landed.</param>
internal sealed record RelayOutcome(
    RelayStatus Status,
    string EventId,
    string EventType,
    string? Object,
    string Data,
    long Bytes,
    PublishReceipt Receipt);

namespace DevHarness.Relay.Contract;

/// <summary>The parts of the triggering OCI event that the relay's own messages repeat.</summary>
internal sealed record SourceEvent(string EventId, string? EventTime);

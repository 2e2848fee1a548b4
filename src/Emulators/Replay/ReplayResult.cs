namespace DevHarness.Emulators.Replay;

/// <summary>One invocation of a replay: which event, what the target answered, and how long it took.</summary>
internal sealed record ReplayResult(string Event, string EventType, string? ObjectName, int Iteration, int? Status, bool Succeeded, TimeSpan Latency, string? Error);

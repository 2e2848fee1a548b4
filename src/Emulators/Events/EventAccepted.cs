namespace DevHarness.Emulators.Events;

/// <summary>The answer to <c>POST /events</c>: which rules matched and how many invocations were queued.</summary>
internal sealed record EventAccepted(string? EventId, IReadOnlyList<string> MatchedRules, int Invocations);

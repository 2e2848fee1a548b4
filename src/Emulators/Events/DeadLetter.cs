using System.Text.Json;

namespace DevHarness.Emulators.Events;

/// <summary>An invocation that failed every attempt, kept for <c>GET /deadletters</c> with the event itself.</summary>
internal sealed record DeadLetter(
    string? EventId,
    string? EventType,
    string? ResourceName,
    string Rule,
    string Target,
    int Attempts,
    int? LastStatus,
    string Reason,
    DateTimeOffset FailedAt,
    JsonElement Event);

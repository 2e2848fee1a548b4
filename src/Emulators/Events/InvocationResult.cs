namespace DevHarness.Emulators.Events;

internal readonly record struct InvocationResult(bool Succeeded, int? Status, string? Reason);

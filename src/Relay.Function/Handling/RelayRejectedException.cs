namespace DevHarness.Relay.Handling;

/// <summary>
/// The event is well formed but the relay cannot relay it as configured (e.g. format <c>seed</c> and an
/// object that cannot fit one message). Nothing was published; retrying will not help.
/// </summary>
internal sealed class RelayRejectedException(string message) : Exception(message);

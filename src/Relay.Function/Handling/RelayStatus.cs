namespace DevHarness.Relay.Handling;

/// <summary>What an invocation that succeeded did.</summary>
internal enum RelayStatus
{
    /// <summary>The event (and the object's data, a reference or a missing marker) is in the stream.</summary>
    Relayed,

    /// <summary>Not an object event: acknowledged, nothing published (docs/architecture.md "The relay": never retried forever).</summary>
    Ignored,
}

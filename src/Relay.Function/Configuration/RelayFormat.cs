namespace DevHarness.Relay.Configuration;

/// <summary>How the relay lays out what it publishes (docs/message-contract.md).</summary>
internal enum RelayFormat
{
    /// <summary>CloudEvents 1.0 structured JSON, keyed by object, data in chunks under the 1 MiB limit.</summary>
    CloudEvents,

    /// <summary>The original Python function's two messages, <c>event-key-1</c> and <c>data-key-1</c>.</summary>
    Seed,
}

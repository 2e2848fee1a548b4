namespace DevHarness.Relay.Contract;

/// <summary>One message for the stream: key and value exactly as they will be stored.</summary>
internal readonly record struct RelayMessage(byte[] Key, byte[] Value);

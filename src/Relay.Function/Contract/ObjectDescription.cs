namespace DevHarness.Relay.Contract;

/// <summary>What GetObject told the relay about the object it is about to relay.</summary>
internal sealed record ObjectDescription(ObjectIdentity Id, string ContentType, string? ETag, long Size);

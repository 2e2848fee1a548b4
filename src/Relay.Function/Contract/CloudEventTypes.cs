namespace DevHarness.Relay.Contract;

/// <summary>The CloudEvents <c>type</c> values the relay writes (docs/message-contract.md).</summary>
internal static class CloudEventTypes
{
    public const string ObjectData = "relay.objectdata.v1";

    public const string ObjectReference = "relay.objectref.v1";

    public const string ObjectMissing = "relay.objectmissing.v1";
}

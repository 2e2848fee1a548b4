namespace DevHarness.Relay.Publishing;

/// <summary>
/// The stream did not acknowledge every message of an invocation. The invocation fails (502) so the
/// platform's retry applies; consumers de-duplicate by CloudEvents id (at-least-once).
/// </summary>
internal sealed class StreamPublishException : Exception
{
    public StreamPublishException(string message)
        : base(message)
    {
    }

    public StreamPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

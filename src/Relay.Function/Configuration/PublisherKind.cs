namespace DevHarness.Relay.Configuration;

/// <summary>Which protocol the relay speaks to the stream.</summary>
internal enum PublisherKind
{
    /// <summary>The Kafka protocol (a local broker, or OCI Streaming's Kafka endpoint).</summary>
    Kafka,

    /// <summary>OCI Streaming REST <c>PutMessages</c> on the stream's messages endpoint.</summary>
    Rest,
}

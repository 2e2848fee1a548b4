namespace DevHarness.AppHost;

/// <summary>Which Kafka broker stands in for OCI Streaming (<c>--kafka auto|embedded|container</c>).</summary>
internal enum KafkaMode
{
    /// <summary>The Kafka container when a Docker engine answers, the embedded broker otherwise.</summary>
    Auto,

    /// <summary>DevHarness's own Kafka broker inside the <c>stream</c> emulator (no Docker needed).</summary>
    Embedded,

    /// <summary>An <c>apache/kafka</c> KRaft container, fronted by the <c>stream</c> emulator's facade.</summary>
    Container,
}

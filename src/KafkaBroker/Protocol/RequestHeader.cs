namespace DevHarness.KafkaBroker.Protocol;

/// <summary>A request's header (v1, or v2 with tagged fields for flexible versions; client id is never compact).</summary>
internal sealed record RequestHeader(ApiKey ApiKey, short ApiVersion, int CorrelationId, string ClientId)
{
    public static RequestHeader Read(KafkaReader reader)
    {
        var key = (ApiKey)reader.Int16();
        var version = reader.Int16();
        var correlationId = reader.Int32();
        var clientId = reader.NullableString() ?? "";
        return new RequestHeader(key, version, correlationId, clientId);
    }
}

namespace DevHarness.KafkaBroker.Protocol.Apis;

/// <summary>ApiVersions v0-3: what this broker implements (<see cref="SupportedApis"/>), nothing more.</summary>
internal static class ApiVersionsApi
{
    public static void Handle(RequestHeader header, KafkaReader request, KafkaWriter response)
    {
        var version = header.ApiVersion;
        if (version > 3)
        {
            // A version this broker does not know: Kafka answers in v0's shape with UNSUPPORTED_VERSION and the
            // list, and the client asks again with a version from it. v0 is not flexible: plain int32 lengths.
            response.Flexible = false;
            response.Int16((short)ErrorCode.UnsupportedVersion);
            WriteKeys(response);
            return;
        }

        if (version >= 3)
        {
            request.String(); // client software name
            request.String(); // client software version
            request.TaggedFields();
        }

        response.Int16((short)ErrorCode.None);
        WriteKeys(response);
        if (version >= 1)
        {
            response.Int32(0); // throttle time
        }
        response.TaggedFields();
    }

    private static void WriteKeys(KafkaWriter response) => response.Array(SupportedApis.All, static (w, api) =>
    {
        w.Int16((short)api.Key);
        w.Int16(api.Min);
        w.Int16(api.Max);
        w.TaggedFields();
    });
}

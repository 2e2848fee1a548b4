namespace DevHarness.KafkaBroker.Protocol.Apis;

/// <summary>FindCoordinator v0-2: this broker coordinates every group; there is no transaction coordinator.</summary>
internal static class FindCoordinatorApi
{
    private const sbyte TransactionKey = 1;

    public static void Handle(BrokerContext broker, RequestHeader header, KafkaReader request, KafkaWriter response)
    {
        var version = header.ApiVersion;
        request.String();
        var keyType = version >= 1 ? request.Int8() : (sbyte)0;
        var error = keyType == TransactionKey ? ErrorCode.CoordinatorNotAvailable : ErrorCode.None;
        if (version >= 1)
        {
            response.Int32(0); // throttle time
        }

        response.Int16((short)error);
        if (version >= 1)
        {
            response.String(error == ErrorCode.None ? null : "Transactions are not supported (as in OCI Streaming).");
        }
        response.Int32(error == ErrorCode.None ? BrokerContext.NodeId : -1);
        response.String(error == ErrorCode.None ? broker.AdvertisedHost : "");
        response.Int32(error == ErrorCode.None ? broker.AdvertisedPort : -1);
    }
}

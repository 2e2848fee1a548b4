namespace DevHarness.Hosting.Oci;

/// <summary>Moves an emulator's unproxied endpoint: what the process binds is what clients dial.</summary>
internal static class EndpointPorts
{
    public static IResourceBuilder<T> WithFixedPort<T>(this IResourceBuilder<T> builder, string endpointName, int port)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return builder.WithEndpoint(endpointName, endpoint =>
        {
            endpoint.Port = port;
            endpoint.TargetPort = port;
        });
    }
}

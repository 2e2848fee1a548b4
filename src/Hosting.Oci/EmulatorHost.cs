namespace DevHarness.Hosting.Oci;

/// <summary>Where the emulators listen: loopback only, unproxied, so the address a client dials is the one the process binds.</summary>
internal static class EmulatorHost
{
    public const string Address = "127.0.0.1";

    public const string HttpEndpointName = "http";

    public const string KafkaEndpointName = "kafka";

    public const string HealthPath = "/health";
}

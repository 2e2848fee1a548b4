using Confluent.Kafka;

namespace DevHarness.AppHost;

/// <summary>OCI Streaming's Kafka endpoint: SASL_SSL with PLAIN, the auth token as password (OCI-NOTES §3).</summary>
internal static class OciKafka
{
    public static ClientConfig ClientConfig(OciProfileSettings oci)
    {
        ArgumentNullException.ThrowIfNull(oci);
        return new ClientConfig
        {
            BootstrapServers = oci.KafkaBootstrap,
            SecurityProtocol = SecurityProtocol.SaslSsl,
            SaslMechanism = SaslMechanism.Plain,
            SaslUsername = oci.SaslUsername,
            SaslPassword = oci.AuthToken,
        };
    }
}

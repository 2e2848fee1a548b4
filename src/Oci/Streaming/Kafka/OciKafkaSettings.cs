using Confluent.Kafka;
using DevHarness.Oci.Connections;

namespace DevHarness.Oci.Streaming.Kafka;

/// <summary>
/// OCI Streaming's Kafka rules (docs/oci-facts.md §3, §2.5) in one place: every Kafka client DevHarness builds
/// (the relay's publisher, the stream emulator's facade, the AppHost's checks, users' registered clients)
/// starts from these configs and adds only what is its own (client id, linger, timeouts).
/// </summary>
public static class OciKafkaSettings
{
    /// <summary>
    /// librdkafka's <c>message.max.bytes</c> counts a record's framing (at most 36 bytes of varints and
    /// attributes, plus its batch's 61-byte header) on top of key and value, while OCI's 1 MiB counts key and
    /// value alone: this much room lets a full 1 MiB OCI message through and nothing much larger.
    /// </summary>
    public const int MaxEncodedMessageBytes = StreamLimits.MaxMessageBytes + 1024;

    /// <summary>
    /// A producer as OCI Streaming requires: acks=all ("no ACK until at least two replicas are in sync"),
    /// idempotence off (the service refuses InitProducerId; Kafka ≥ 3 clients turn it on by default), the
    /// 1 MiB message limit, the Java client's murmur2 partitioner (<see cref="StreamLimits.KafkaPartitioner"/>),
    /// and one request in flight per broker, so a retry after OCI's load balancer drops a connection cannot
    /// overtake the next request and reorder a partition. SASL_SSL/PLAIN when an auth token is given.
    /// </summary>
    /// <param name="bootstrapServers"><c>host:port[,host:port…]</c>.</param>
    /// <param name="saslUsername"><c>&lt;tenancy&gt;/&lt;user&gt;/&lt;stream pool OCID&gt;</c>; required with <paramref name="authToken"/>.</param>
    /// <param name="authToken">The user's auth token; null for a plaintext broker (the emulator).</param>
    /// <exception cref="ArgumentException">No bootstrap servers, or only one of username and token.</exception>
    public static ProducerConfig Producer(string bootstrapServers, string? saslUsername = null, string? authToken = null)
    {
        var config = new ProducerConfig
        {
            Acks = Acks.All,
            EnableIdempotence = false,
            MessageMaxBytes = MaxEncodedMessageBytes,
            Partitioner = Partitioner.Murmur2Random,
            MaxInFlight = 1,
        };
        Connect(config, bootstrapServers, saslUsername, authToken);
        return config;
    }

    /// <summary>A producer for the stream a connection string names (<see cref="Producer(string, string?, string?)"/>).</summary>
    /// <exception cref="ArgumentException">The connection string has no <c>BootstrapServers</c>, or only one of <c>SaslUsername</c> and <c>AuthToken</c>.</exception>
    public static ProducerConfig Producer(StreamConnectionString stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Producer(RequireBootstrap(stream), stream.SaslUsername, stream.AuthToken);
    }

    /// <summary>
    /// A consumer that never creates the topic it reads (OCI creates streams only through its API) and whose
    /// fetches always hold a whole 1 MiB message.
    /// </summary>
    /// <exception cref="ArgumentException">No bootstrap servers or group id, or only one of username and token.</exception>
    public static ConsumerConfig Consumer(string bootstrapServers, string groupId, string? saslUsername = null, string? authToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var config = new ConsumerConfig
        {
            GroupId = groupId,
            AllowAutoCreateTopics = false,
            MaxPartitionFetchBytes = MaxEncodedMessageBytes,
        };
        Connect(config, bootstrapServers, saslUsername, authToken);
        return config;
    }

    /// <summary>A consumer for the stream a connection string names (<see cref="Consumer(string, string, string?, string?)"/>).</summary>
    public static ConsumerConfig Consumer(StreamConnectionString stream, string groupId)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Consumer(RequireBootstrap(stream), groupId, stream.SaslUsername, stream.AuthToken);
    }

    /// <summary>An admin client (metadata, topic provisioning) reaching the same brokers the same way.</summary>
    public static AdminClientConfig Admin(string bootstrapServers, string? saslUsername = null, string? authToken = null)
    {
        var config = new AdminClientConfig();
        Connect(config, bootstrapServers, saslUsername, authToken);
        return config;
    }

    /// <summary>An admin client for the stream a connection string names.</summary>
    public static AdminClientConfig Admin(StreamConnectionString stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Admin(RequireBootstrap(stream), stream.SaslUsername, stream.AuthToken);
    }

    private static void Connect(ClientConfig config, string bootstrapServers, string? saslUsername, string? authToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        config.BootstrapServers = bootstrapServers;
        // OCI's load balancer recycles long-lived connections; keep-alive notices a dead one sooner.
        config.SocketKeepaliveEnable = true;
        if (authToken is null && saslUsername is null)
        {
            return;
        }

        // OCI Streaming's Kafka endpoint takes SASL/PLAIN over TLS only: username and token come together.
        if (authToken is null || saslUsername is null)
        {
            throw new ArgumentException(authToken is null
                ? "A SASL username was given without an auth token: OCI Streaming's Kafka endpoint needs both (AuthToken is the user's auth token)."
                : "An auth token was given without a SASL username: OCI Streaming's Kafka endpoint needs both (SaslUsername is <tenancy>/<user>/<stream pool OCID>).");
        }

        config.SecurityProtocol = SecurityProtocol.SaslSsl;
        config.SaslMechanism = SaslMechanism.Plain;
        config.SaslUsername = saslUsername;
        config.SaslPassword = authToken;
    }

    private static string RequireBootstrap(StreamConnectionString stream) =>
        stream.BootstrapServers ?? throw new ArgumentException(
            "The stream connection string has no BootstrapServers: a Kafka client needs the stream pool's Kafka endpoint "
            + "(e.g. cell-1.streaming.us-phoenix-1.oci.oraclecloud.com:9092, or 127.0.0.1:10109 for the emulator).", nameof(stream));
}

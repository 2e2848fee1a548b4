namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An OCI stream: the stream of the tenancy an OCI config profile names, or, after <c>RunAsEmulator()</c>,
/// the local stand-in (a Kafka broker plus the OCI Streaming REST API over the same log). Consumers receive
/// <c>ConnectionStrings__{name}</c>: <c>BootstrapServers</c>, <c>StreamId</c>, <c>StreamName</c>,
/// <c>MessagesEndpoint</c>; in the cloud also <c>Region</c>, <c>ConfigFile</c>, <c>Profile</c> and, for the
/// Kafka endpoint, <c>SaslUsername</c> and <c>AuthToken</c>.
/// </summary>
public sealed class OciStreamResource(string name, int partitions) : Resource(name), IResourceWithConnectionString
{
    /// <summary>Partitions of the stream (the emulator creates it with this many).</summary>
    public int Partitions { get; } = partitions;

    /// <summary>The stream's name, which is also its Kafka topic; the resource name unless set.</summary>
    public string StreamName { get; internal set; } = name;

    /// <summary>The stream OCID; the emulator's default is <c>ocid1.stream.oc1.local.&lt;stream name&gt;</c>.</summary>
    public string? StreamId { get; internal set; }

    /// <summary>The tenancy's profile (cloud only).</summary>
    public OciProfile Profile { get; internal set; } = OciProfile.Default;

    /// <summary>The stream's messages endpoint in the cloud (<c>oci streaming admin stream get</c>).</summary>
    public Uri? MessagesEndpoint { get; internal set; }

    /// <summary>The stream pool's Kafka endpoint in the cloud, e.g. <c>cell-1.streaming.us-ashburn-1.oci.oraclecloud.com:9092</c>.</summary>
    public string? KafkaBootstrapServers { get; internal set; }

    /// <summary><c>tenancy/user/streamPoolId</c> for SASL PLAIN (cloud Kafka only).</summary>
    public string? SaslUsername { get; internal set; }

    /// <summary>The user's auth token (cloud Kafka only), a secret parameter.</summary>
    public ParameterResource? AuthToken { get; internal set; }

    /// <summary>The emulator standing in for the stream, once <c>RunAsEmulator()</c> was called.</summary>
    public OciStreamEmulatorResource? Emulator { get; internal set; }

    public bool IsEmulator => Emulator is not null;

    /// <summary>The OCID used: the configured one, or the emulator's default.</summary>
    public string? EffectiveStreamId => StreamId ?? (IsEmulator ? $"ocid1.stream.oc1.local.{StreamName}" : null);

    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var builder = new ReferenceExpressionBuilder();
            foreach (var (key, value) in ConnectionProperties())
            {
                if (!builder.IsEmpty)
                {
                    builder.AppendLiteral(";");
                }

                builder.AppendLiteral(key + "=");
                builder.Append($"{value}");
            }

            return builder.Build();
        }
    }

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        ConnectionProperties().Select(p => new KeyValuePair<string, ReferenceExpression>(p.Key, p.Value));

    private IEnumerable<(string Key, ReferenceExpression Value)> ConnectionProperties()
    {
        if (Emulator is { } emulator)
        {
            yield return ("BootstrapServers", emulator.BootstrapServers);
            yield return ("StreamId", Literal(EffectiveStreamId!));
            yield return ("StreamName", Literal(StreamName));
            yield return ("MessagesEndpoint", emulator.Url);
            yield break;
        }

        if (KafkaBootstrapServers is null && (StreamId is null || MessagesEndpoint is null))
        {
            throw new DistributedApplicationException(
                $"Stream '{Name}' names no stream in the tenancy: call WithStreamId(ocid) and WithMessagesEndpoint(url) (REST), "
                + "and/or WithKafkaEndpoint(bootstrap, saslUsername, authToken) (Kafka); or RunAsEmulator().");
        }

        if (KafkaBootstrapServers is { } bootstrap)
        {
            yield return ("BootstrapServers", Literal(bootstrap));
        }

        if (StreamId is { } streamId)
        {
            yield return ("StreamId", Literal(streamId));
        }

        yield return ("StreamName", Literal(StreamName));
        if (MessagesEndpoint is { } messages)
        {
            yield return ("MessagesEndpoint", Literal(messages.ToString().TrimEnd('/')));
        }

        yield return ("Region", Literal(Profile.ResolvedRegion));
        yield return ("ConfigFile", Literal(Profile.ResolvedConfigFile));
        yield return ("Profile", Literal(Profile.Name));
        if (SaslUsername is { } username)
        {
            yield return ("SaslUsername", Literal(username));
        }

        if (AuthToken is { } token)
        {
            yield return ("AuthToken", ReferenceExpression.Create($"{token}"));
        }
    }

    private static ReferenceExpression Literal(string value) => ReferenceExpression.Create($"{value}");
}

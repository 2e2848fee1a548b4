using Confluent.Kafka;
using DevHarness.Hosting.Oci;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>OCI Streaming in the app model: a stream of the tenancy, or the local stand-in.</summary>
public static class OciStreamBuilderExtensions
{
    /// <summary>
    /// Adds an OCI stream. Without <see cref="RunAsEmulator"/> it is a stream of the tenancy an OCI config
    /// profile names: say which with <see cref="WithStreamId"/> and <see cref="WithMessagesEndpoint"/> (REST)
    /// and/or <see cref="WithKafkaEndpoint"/>.
    /// </summary>
    /// <param name="builder">The AppHost builder.</param>
    /// <param name="name">The resource (and connection string) name; also the stream's name unless <see cref="WithStreamName"/> says otherwise.</param>
    /// <param name="partitions">The stream's partitions (the emulator creates it with this many).</param>
    public static IResourceBuilder<OciStreamResource> AddOciStream(this IDistributedApplicationBuilder builder, [ResourceName] string name, int partitions = 1)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitions, 256);
        var resource = new OciStreamResource(name, partitions);
        return builder.AddResource(resource)
            .OnInitializeResource((stream, e, _) => OciCloudState.PublishAsync(
                stream, e, "Streaming", stream.Profile,
                () => [new("StreamName", stream.StreamName), new("StreamId", stream.StreamId), new("MessagesEndpoint", stream.MessagesEndpoint?.ToString()),
                       new("BootstrapServers", stream.KafkaBootstrapServers)]))
            .WithTailStreamCommand(ct => CloudKafkaConfigAsync(resource, ct), resource.StreamName);
    }

    /// <summary>
    /// Runs the stream stand-in in place of the tenancy's stream: the embedded Kafka broker on
    /// <c>127.0.0.1:10109</c> and the OCI Streaming REST API on <c>http://127.0.0.1:10101</c>, one log behind both.
    /// Ignored when publishing.
    /// </summary>
    public static IResourceBuilder<OciStreamResource> RunAsEmulator(
        this IResourceBuilder<OciStreamResource> builder, Action<IResourceBuilder<OciStreamEmulatorResource>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.ApplicationBuilder;
        if (app.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        var stream = builder.Resource;
        if (stream.Emulator is null)
        {
            var emulator = new OciStreamEmulatorResource(stream, app.AppHostDirectory);
            stream.Emulator = emulator;
            app.Resources.Remove(stream);
            app.Resources.Add(emulator);
            // The cloud variant's Tail stream reads the tenancy; the emulator's reads the local broker.
            stream.Annotations.Remove(stream.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == OciDashboardCommands.TailStream));
            var healthCheck = $"{stream.Name}_kafka_check";
            app.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                healthCheck,
                _ => new KafkaHealthCheck(() => $"{EmulatorHost.Address}:{emulator.KafkaEndpoint.Port}", stream.StreamName, stream.Partitions),
                failureStatus: null,
                tags: null));
            app.CreateResourceBuilder(emulator)
                .WithHttpEndpoint(
                    port: OciStreamEmulatorResource.DefaultPort, targetPort: OciStreamEmulatorResource.DefaultPort,
                    name: EmulatorHost.HttpEndpointName, isProxied: false)
                .WithEndpoint(
                    port: OciStreamEmulatorResource.DefaultKafkaPort, targetPort: OciStreamEmulatorResource.DefaultKafkaPort,
                    scheme: "tcp", name: EmulatorHost.KafkaEndpointName, isProxied: false)
                .WithArgs(context =>
                {
                    EmulatorArguments.Begin(context, app, "stream", emulator.HttpEndpoint);
                    EmulatorArguments.Add(context, "--stream", $"{stream.EffectiveStreamId}={stream.StreamName}:{stream.Partitions}");
                    if (emulator.KafkaContainer is null)
                    {
                        context.Args.Add("--kafka-port");
                        context.Args.Add(emulator.KafkaEndpoint.Property(EndpointProperty.TargetPort));
                    }
                    else
                    {
                        context.Args.Add("--kafka");
                        context.Args.Add(emulator.BootstrapServers);
                    }

                    EmulatorArguments.Add(context, "--data-dir", emulator.DataDirectory);
                    EmulatorArguments.Add(context, "--retention-hours", emulator.RetentionHours is { } hours ? EmulatorArguments.Text(hours) : null);
                    EmulatorArguments.Add(context, "--retention-bytes", emulator.RetentionBytes is { } bytes ? EmulatorArguments.Text(bytes) : null);
                    if (emulator.AutoCreateTopics)
                    {
                        context.Args.Add("--auto-create-topics");
                    }

                    EmulatorArguments.Add(context, "--verify-signatures", emulator.TrustedPublicKey);
                })
                .WithHttpHealthCheck(EmulatorHost.HealthPath)
                .WithHealthCheck(healthCheck)
                .WithOtlpExporter()
                .WithIconName("DataLine")
                .WithTailStreamCommand(_ => Task.FromResult(new ClientConfig { BootstrapServers = $"{EmulatorHost.Address}:{emulator.KafkaEndpoint.Port}" }), stream.StreamName)
                .WithStartCleanCommand(() => emulator.DataDirectory);
        }

        configure?.Invoke(app.CreateResourceBuilder(stream.Emulator!));
        return builder;
    }

    /// <summary>The tenancy's OCI config profile (cloud); <paramref name="region"/> overrides the profile's.</summary>
    public static IResourceBuilder<OciStreamResource> WithOciProfile(
        this IResourceBuilder<OciStreamResource> builder, string profile, string? configFile = null, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        builder.Resource.Profile = new OciProfile(profile, configFile, region);
        return builder;
    }

    /// <summary>The stream's name, which is its Kafka topic (default: the resource name).</summary>
    public static IResourceBuilder<OciStreamResource> WithStreamName(this IResourceBuilder<OciStreamResource> builder, string streamName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        builder.Resource.StreamName = streamName;
        return builder;
    }

    /// <summary>The stream's OCID (the emulator's default is <c>ocid1.stream.oc1.local.&lt;stream name&gt;</c>).</summary>
    public static IResourceBuilder<OciStreamResource> WithStreamId(this IResourceBuilder<OciStreamResource> builder, string streamId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        builder.Resource.StreamId = streamId;
        return builder;
    }

    /// <summary>The stream's messages endpoint in the tenancy, e.g. <c>https://cell-1.streaming.us-ashburn-1.oci.oraclecloud.com</c>.</summary>
    public static IResourceBuilder<OciStreamResource> WithMessagesEndpoint(this IResourceBuilder<OciStreamResource> builder, Uri messagesEndpoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(messagesEndpoint);
        builder.Resource.MessagesEndpoint = messagesEndpoint;
        return builder;
    }

    /// <summary>
    /// The stream pool's Kafka endpoint in the tenancy: SASL_SSL with PLAIN, <paramref name="saslUsername"/>
    /// <c>tenancy/user/streamPoolId</c> and the user's auth token as the password (a secret parameter).
    /// </summary>
    public static IResourceBuilder<OciStreamResource> WithKafkaEndpoint(
        this IResourceBuilder<OciStreamResource> builder, string bootstrapServers, string saslUsername, IResourceBuilder<ParameterResource> authToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentException.ThrowIfNullOrWhiteSpace(saslUsername);
        ArgumentNullException.ThrowIfNull(authToken);
        builder.Resource.KafkaBootstrapServers = bootstrapServers;
        builder.Resource.SaslUsername = saslUsername;
        builder.Resource.AuthToken = authToken.Resource;
        return builder;
    }

    /// <summary>The REST API's port (default 10101).</summary>
    public static IResourceBuilder<OciStreamEmulatorResource> WithPort(this IResourceBuilder<OciStreamEmulatorResource> builder, int port) =>
        builder.WithFixedPort(EmulatorHost.HttpEndpointName, port);

    /// <summary>The Kafka bootstrap port (default 10109), for the embedded broker or the Kafka container.</summary>
    public static IResourceBuilder<OciStreamEmulatorResource> WithKafkaPort(this IResourceBuilder<OciStreamEmulatorResource> builder, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Resource.KafkaContainer is { } container)
        {
            // Only the host side moves: inside the container Kafka listens where its image says.
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
            builder.ApplicationBuilder.CreateResourceBuilder(container).WithEndpoint(EmulatorHost.KafkaEndpointName, endpoint => endpoint.Port = port);
            return builder;
        }

        return builder.WithFixedPort(EmulatorHost.KafkaEndpointName, port);
    }

    /// <summary>
    /// Keeps the stream's log and committed offsets on disk, so a restart keeps the stream; the default folder
    /// is <c>.devharness/&lt;name&gt;</c> beside the AppHost project. Adds the <i>Start clean</i> command.
    /// </summary>
    public static IResourceBuilder<OciStreamEmulatorResource> WithDataFolder(this IResourceBuilder<OciStreamEmulatorResource> builder, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.DataDirectory = DataFolder.Resolve(builder.ApplicationBuilder, builder.Resource.Name, path);
        return builder;
    }

    /// <summary>Retention by time (1–168 hours, OCI's range) and, optionally, by size per partition.</summary>
    public static IResourceBuilder<OciStreamEmulatorResource> WithRetention(this IResourceBuilder<OciStreamEmulatorResource> builder, int hours, long? bytesPerPartition = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, 168);
        builder.Resource.RetentionHours = hours;
        builder.Resource.RetentionBytes = bytesPerPartition;
        return builder;
    }

    /// <summary>Lets Kafka clients create unknown topics: more lenient than OCI, for tests that need it.</summary>
    public static IResourceBuilder<OciStreamEmulatorResource> WithAutoCreateTopics(this IResourceBuilder<OciStreamEmulatorResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.AutoCreateTopics = true;
        return builder;
    }

    /// <summary>Strict mode for the REST API: only requests signed with the private key of this public key (PEM) pass.</summary>
    public static IResourceBuilder<OciStreamEmulatorResource> WithSignatureVerification(this IResourceBuilder<OciStreamEmulatorResource> builder, string publicKeyPemFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.TrustedPublicKey = Path.GetFullPath(publicKeyPemFile, builder.ApplicationBuilder.AppHostDirectory);
        return builder;
    }

    /// <summary>
    /// A real Kafka (<c>apache/kafka</c> in KRaft mode, needs Docker) in place of the embedded broker, fronted by the
    /// REST API; the container is the resource <c>&lt;name&gt;-kafka</c> and owns the Kafka port.
    /// </summary>
    public static IResourceBuilder<OciStreamEmulatorResource> WithKafkaContainer(this IResourceBuilder<OciStreamEmulatorResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var emulator = builder.Resource;
        if (emulator.KafkaContainer is not null)
        {
            return builder;
        }

        var app = builder.ApplicationBuilder;
        var embedded = emulator.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == EmulatorHost.KafkaEndpointName);
        emulator.Annotations.Remove(embedded);
        var kafka = KafkaContainer.Add(app, $"{emulator.Name}-kafka", embedded.Port ?? OciStreamEmulatorResource.DefaultKafkaPort);
        emulator.KafkaContainer = kafka.Resource;
        return builder.WaitFor(kafka);
    }

    private static async Task<ClientConfig> CloudKafkaConfigAsync(OciStreamResource stream, CancellationToken cancellationToken) =>
        stream.KafkaBootstrapServers is { } bootstrap
            ? new ClientConfig
            {
                BootstrapServers = bootstrap,
                SecurityProtocol = SecurityProtocol.SaslSsl,
                SaslMechanism = SaslMechanism.Plain,
                SaslUsername = stream.SaslUsername,
                SaslPassword = stream.AuthToken is { } token ? await token.GetValueAsync(cancellationToken) : null,
            }
            : throw new InvalidOperationException($"stream '{stream.Name}' has no Kafka endpoint (WithKafkaEndpoint); Tail stream reads over Kafka.");
}

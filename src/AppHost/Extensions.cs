using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DevHarness.AppHost;

/// <summary>
/// One registration extension per component (CONVENTIONS.md), so <c>Program.cs</c> reads as the topology.
/// Every endpoint is unproxied on a fixed port: what the dashboard shows is what the process binds, and the
/// embedded broker must advertise the very port clients dial.
/// </summary>
internal static class Extensions
{
    private const string HealthPath = "/health";
    private const string EventsMaxAttempts = "10";

    public static HarnessParameters AddHarnessParameters(this IDistributedApplicationBuilder builder, HarnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new HarnessParameters(
            builder.AddParameter("namespace", settings.Namespace, publishValueAsDefault: true),
            builder.AddParameter("bucket", settings.Bucket, publishValueAsDefault: true),
            builder.AddParameter("stream-name", settings.StreamName, publishValueAsDefault: true),
            builder.AddParameter("stream-ocid", settings.StreamOcid, publishValueAsDefault: true),
            builder.AddParameter("partitions", settings.Partitions.ToString(CultureInfo.InvariantCulture), publishValueAsDefault: true));
    }

    /// <summary><c>apache/kafka</c> in KRaft mode, advertising the host port so host processes can reach it.</summary>
    public static IResourceBuilder<ContainerResource> AddKafkaContainer(this IDistributedApplicationBuilder builder, string name, HarnessPorts ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var healthCheck = builder.AddKafkaHealthCheck(name, ports.KafkaBootstrap, topic: null, partitions: 0);
        return builder.AddContainer(name, KafkaContainerImage.Image, KafkaContainerImage.Tag)
            .WithEndpoint(port: ports.Kafka, targetPort: KafkaContainerImage.ClientPort, scheme: "tcp", name: "kafka", isProxied: false)
            .WithEnvironment("KAFKA_NODE_ID", "1")
            .WithEnvironment("KAFKA_PROCESS_ROLES", "broker,controller")
            .WithEnvironment("KAFKA_LISTENERS", KafkaContainerImage.Listeners)
            .WithEnvironment("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + ports.KafkaBootstrap)
            .WithEnvironment("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
            .WithEnvironment("KAFKA_CONTROLLER_QUORUM_VOTERS", KafkaContainerImage.QuorumVoters)
            .WithEnvironment("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .WithEnvironment("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .WithEnvironment("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// The <c>stream</c> emulator: the OCI Streaming REST facade over the embedded broker, or over
    /// <paramref name="kafkaContainer"/> when one is given.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddStreamEmulator(
        this IDistributedApplicationBuilder builder, string name, HarnessSettings settings, HarnessParameters parameters,
        IResourceBuilder<ContainerResource>? kafkaContainer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(parameters);
        var ports = settings.Ports;
        var stream = builder.AddEmulator(name, ports.Stream)
            .WithArgs(context =>
            {
                context.Args.Add("stream");
                AddHostAndPort(context, ports.Stream);
                context.Args.Add("--stream");
                context.Args.Add(ReferenceExpression.Create(
                    $"{parameters.StreamOcid.Resource}={parameters.StreamName.Resource}:{parameters.Partitions.Resource}"));
                context.Args.Add(kafkaContainer is null ? "--kafka-port" : "--kafka");
                context.Args.Add(kafkaContainer is null ? ports.Kafka.ToString(CultureInfo.InvariantCulture) : ports.KafkaBootstrap);
            })
            .WithHealthCheck(builder.AddKafkaHealthCheck(name, ports.KafkaBootstrap, settings.StreamName, settings.Partitions));
        if (kafkaContainer is null)
        {
            stream.WithEndpoint(port: ports.Kafka, targetPort: ports.Kafka, scheme: "tcp", name: "kafka", isProxied: false);
        }
        else
        {
            stream.WaitFor(kafkaContainer);
        }

        return stream;
    }

    /// <summary>The <c>objectstorage</c> emulator; every object event goes to the events emulator.</summary>
    public static IResourceBuilder<ProjectResource> AddObjectStorageEmulator(
        this IDistributedApplicationBuilder builder, string name, HarnessPorts ports, HarnessParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(parameters);
        return builder.AddEmulator(name, ports.ObjectStorage)
            .WithArgs(context =>
            {
                context.Args.Add("objectstorage");
                AddHostAndPort(context, ports.ObjectStorage);
                context.Args.Add("--namespace");
                context.Args.Add(parameters.Namespace.Resource);
                context.Args.Add("--bucket");
                context.Args.Add(parameters.Bucket.Resource);
                context.Args.Add("--events-url");
                context.Args.Add($"{ports.EventsUrl}/events");
            });
    }

    /// <summary>The <c>events</c> emulator: the default rule (object events in the bucket) invokes the relay.</summary>
    public static IResourceBuilder<ProjectResource> AddEventsEmulator(
        this IDistributedApplicationBuilder builder, string name, HarnessPorts ports, string? rulesFile)
    {
        ArgumentNullException.ThrowIfNull(ports);
        return builder.AddEmulator(name, ports.Events)
            .WithArgs(context =>
            {
                context.Args.Add("events");
                AddHostAndPort(context, ports.Events);
                context.Args.Add("--target");
                context.Args.Add($"{ports.RelayUrl}/call");
                // About 45 s of backoff (250 ms doubling, capped at 10 s): a relay restarted from the dashboard,
                // or rebuilt, misses no event. The emulator's default (4 attempts, under 2 s) is OCI-like but
                // would dead-letter everything a restart overlaps.
                context.Args.Add("--max-attempts");
                context.Args.Add(EventsMaxAttempts);
                if (rulesFile is not null)
                {
                    context.Args.Add("--rules");
                    context.Args.Add(rulesFile);
                }
            });
    }

    /// <summary>The relay in HTTP mode (<c>POST /call</c>), configured through its documented keys.</summary>
    public static IResourceBuilder<ProjectResource> AddRelay(this IDistributedApplicationBuilder builder, string name, HarnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return builder.AddProject<Projects.Relay_Function>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: settings.Ports.Relay, targetPort: settings.Ports.Relay, isProxied: false)
            .WithHttpHealthCheck(HealthPath)
            .WithEnvironment("Relay__Format", settings.Format)
            .WithEnvironment("Relay__Publisher", settings.Publisher);
    }

    /// <summary>Local profile: the relay reads from the Object Storage emulator and publishes to the stream stand-in.</summary>
    public static IResourceBuilder<ProjectResource> WithLocalEmulators(
        this IResourceBuilder<ProjectResource> relay, HarnessPorts ports, HarnessParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(parameters);
        return relay
            .WithEnvironment("Oci__Auth", "none")
            .WithEnvironment("ObjectStorage__Endpoint", ports.ObjectStorageUrl)
            .WithEnvironment("Stream__BootstrapServers", ports.KafkaBootstrap)
            .WithEnvironment("Stream__Topic", parameters.StreamName)
            .WithEnvironment("Stream__Endpoint", ports.StreamUrl)
            .WithEnvironment("Stream__StreamId", parameters.StreamOcid);
    }

    /// <summary>OCI profile: API-key auth from the config file, region endpoints, the real stream.</summary>
    public static IResourceBuilder<ProjectResource> WithOciProfile(
        this IResourceBuilder<ProjectResource> relay, OciProfileSettings oci, IResourceBuilder<ParameterResource>? authToken)
    {
        ArgumentNullException.ThrowIfNull(oci);
        relay
            .WithEnvironment("Oci__Auth", "apikey")
            .WithEnvironment("Oci__Profile", oci.Profile)
            .WithEnvironment("Oci__ConfigFile", oci.ConfigFile)
            .WithEnvironment("Oci__Region", oci.Region);
        if (oci.Publisher == "rest")
        {
            return relay
                .WithEnvironment("Stream__StreamId", oci.StreamOcid)
                .WithEnvironment("Stream__Endpoint", oci.StreamEndpoint);
        }

        relay
            .WithEnvironment("Stream__BootstrapServers", oci.KafkaBootstrap)
            .WithEnvironment("Stream__Topic", oci.StreamName)
            .WithEnvironment("Stream__SaslUsername", oci.SaslUsername);
        return authToken is null ? relay : relay.WithEnvironment("Stream__AuthToken", authToken);
    }

    /// <summary>
    /// Replays <c>fixtures/events</c> once through the relay (seeding their objects); with
    /// <c>--no-replay</c> it waits on the dashboard for an explicit start.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddFixtureReplay(
        this IDistributedApplicationBuilder builder, string name, HarnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var arguments = ReplayArguments.For(settings, builder.AppHostDirectory);
        var replay = builder.AddProject<Projects.Emulators>(name, options => options.ExcludeLaunchProfile = true)
            .WithEndpointsInEnvironment(_ => false)
            .WithArgs([.. arguments]);
        return settings.ReplayOnStart ? replay : replay.WithExplicitStart();
    }

    /// <summary>The build configuration this AppHost was built with, so <c>dotnet run --no-build</c> finds the same outputs.</summary>
    public static string BuildConfiguration =>
        typeof(Extensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string EmulatorsProjectPath => new Projects.Emulators().ProjectPath;

    private static IResourceBuilder<ProjectResource> AddEmulator(this IDistributedApplicationBuilder builder, string name, int port) =>
        builder.AddProject<Projects.Emulators>(name, options => options.ExcludeLaunchProfile = true)
            // The emulators bind what --host/--port say; ASPNETCORE_URLS would make a second, conflicting binding.
            .WithEndpointsInEnvironment(_ => false)
            .WithHttpEndpoint(port: port, targetPort: port, isProxied: false)
            .WithHttpHealthCheck(HealthPath);

    private static void AddHostAndPort(CommandLineArgsCallbackContext context, int port)
    {
        context.Args.Add("--host");
        context.Args.Add(HarnessPorts.Host);
        context.Args.Add("--port");
        context.Args.Add(port.ToString(CultureInfo.InvariantCulture));
    }

    private static string AddKafkaHealthCheck(this IDistributedApplicationBuilder builder, string resource, string bootstrap, string? topic, int partitions)
    {
        var healthCheckName = $"{resource}-kafka";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckName, _ => new KafkaHealthCheck(bootstrap, topic, partitions), failureStatus: null, tags: null));
        return healthCheckName;
    }
}

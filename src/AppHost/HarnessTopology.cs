namespace DevHarness.AppHost;

/// <summary>
/// What the harness's options mean for each resource, so <c>Program.cs</c> reads as the topology: the local
/// emulators on the documented ports, or the tenancy of the OCI profile.
/// </summary>
internal static class HarnessTopology
{
    private const string HealthPath = "/health";

    public static IResourceBuilder<OciObjectStorageResource> ForHarness(this IResourceBuilder<OciObjectStorageResource> objectStorage, HarnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Oci is { } oci)
        {
            objectStorage.WithOciProfile(oci.Profile, oci.ConfigFile, oci.Region).WithNamespace(oci.Namespace);
            return oci.ObjectStorageEndpoint is { } endpoint ? objectStorage.WithServiceEndpoint(endpoint) : objectStorage;
        }

        return objectStorage.WithNamespace(settings.Namespace).RunAsEmulator(emulator => emulator
            .WithPort(settings.Ports.ObjectStorage)
            .WithEventsPort(settings.Ports.Events)
            .WithBucket(settings.Bucket));
    }

    public static IResourceBuilder<OciStreamResource> ForHarness(this IResourceBuilder<OciStreamResource> stream, HarnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Oci is { } oci)
        {
            stream.WithOciProfile(oci.Profile, oci.ConfigFile, oci.Region);
            if (oci.StreamName is { } name)
            {
                stream.WithStreamName(name);
            }

            if (oci.StreamOcid is { } ocid)
            {
                stream.WithStreamId(ocid);
            }

            if (oci.StreamEndpoint is { } endpoint)
            {
                stream.WithMessagesEndpoint(new Uri(endpoint));
            }

            if (oci is { KafkaBootstrap: { } bootstrap, SaslUsername: { } username, AuthToken: { } token })
            {
                var authToken = stream.ApplicationBuilder.AddParameter("oci-auth-token", token, secret: true);
                stream.WithKafkaEndpoint(bootstrap, username, authToken);
            }

            return stream;
        }

        return stream.WithStreamName(settings.StreamName).WithStreamId(settings.StreamOcid).RunAsEmulator(emulator =>
        {
            if (settings.Kafka == KafkaMode.Container)
            {
                emulator.WithKafkaContainer();
            }

            emulator.WithPort(settings.Ports.Stream).WithKafkaPort(settings.Ports.Kafka);
            if (settings.StreamDataFolder is { } folder)
            {
                emulator.WithDataFolder(folder);
            }
        });
    }

    /// <summary>The relay in HTTP mode (<c>POST /call</c>) on its documented port.</summary>
    public static IResourceBuilder<ProjectResource> AddRelay(this IDistributedApplicationBuilder builder, string name, HarnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Aspire 13.6 offers every project its development certificate, and so warns on the dashboard ("No
        // trusted development certificate") on a machine without one; the relay serves plain HTTP, so it needs none.
#pragma warning disable ASPIRECERTIFICATES001 // Evaluation API; the only way to say "no certificate" for one resource.
        return builder.AddProject<Projects.Relay_Function>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: settings.Ports.Relay, targetPort: settings.Ports.Relay, isProxied: false)
            .WithHttpHealthCheck(HealthPath)
            .WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001
    }

    /// <summary>
    /// The relay's own configuration keys, derived from the same resources its connection strings describe.
    /// This is the seam to remove once the relay reads <c>ConnectionStrings__objectstorage</c> and
    /// <c>ConnectionStrings__stream</c> (its explicit keys win over them, so both may coexist meanwhile);
    /// only <c>Relay__Format</c> and <c>Relay__Publisher</c> stay.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRelayEnvironment(
        this IResourceBuilder<ProjectResource> relay, HarnessSettings settings, OciObjectStorageResource objectStorage, OciStreamResource stream)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(objectStorage);
        ArgumentNullException.ThrowIfNull(stream);
        relay.WithEnvironment("Relay__Format", settings.Format).WithEnvironment("Relay__Publisher", settings.Publisher);
        if (settings.Oci is not { } oci)
        {
            var os = objectStorage.Emulator!;
            var emulator = stream.Emulator!;
            return relay
                .WithEnvironment("Oci__Auth", "none")
                .WithEnvironment("ObjectStorage__Endpoint", os.Url)
                .WithEnvironment("Stream__BootstrapServers", emulator.BootstrapServers)
                .WithEnvironment("Stream__Topic", stream.StreamName)
                .WithEnvironment("Stream__Endpoint", emulator.Url)
                .WithEnvironment("Stream__StreamId", stream.EffectiveStreamId);
        }

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
        return stream.AuthToken is { } token ? relay.WithEnvironment("Stream__AuthToken", ReferenceExpression.Create($"{token}")) : relay;
    }
}

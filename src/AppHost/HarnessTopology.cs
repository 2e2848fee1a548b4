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
    /// The relay's own settings, the only ones it gets as variables: where Object Storage and the stream are, and
    /// how to sign, come from the references (<c>ConnectionStrings__objectstorage</c>, <c>ConnectionStrings__stream</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRelaySettings(this IResourceBuilder<ProjectResource> relay, HarnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return relay.WithEnvironment("Relay__Format", settings.Format).WithEnvironment("Relay__Publisher", settings.Publisher);
    }
}

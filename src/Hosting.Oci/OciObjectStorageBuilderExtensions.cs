using DevHarness.Hosting.Oci;

namespace Aspire.Hosting;

/// <summary>OCI Object Storage in the app model: the tenancy's service, or the local emulator.</summary>
public static class OciObjectStorageBuilderExtensions
{
    /// <summary>
    /// Adds OCI Object Storage. Without <see cref="RunAsEmulator"/> it is the service of the tenancy an OCI
    /// config profile names (<see cref="WithOciProfile"/>; <c>OCI_CLI_PROFILE</c> or <c>DEFAULT</c> otherwise).
    /// </summary>
    public static IResourceBuilder<OciObjectStorageResource> AddOciObjectStorage(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resource = new OciObjectStorageResource(name);
        return builder.AddResource(resource)
            .OnInitializeResource((service, e, _) => OciCloudState.PublishAsync(
                service, e, "Object Storage", service.Profile, () => [new("Endpoint", service.CloudEndpointUrl), new("Namespace", service.Namespace)]));
    }

    /// <summary>
    /// Runs the Object Storage emulator in place of the service: same resource name, connection string
    /// <c>Endpoint=http://127.0.0.1:10100;Namespace=devharness</c>. Ignored when publishing.
    /// </summary>
    public static IResourceBuilder<OciObjectStorageResource> RunAsEmulator(
        this IResourceBuilder<OciObjectStorageResource> builder, Action<IResourceBuilder<OciObjectStorageEmulatorResource>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.ApplicationBuilder;
        if (app.ExecutionContext.IsPublishMode)
        {
            return builder;
        }

        var service = builder.Resource;
        if (service.Emulator is null)
        {
            var emulator = new OciObjectStorageEmulatorResource(service, app.AppHostDirectory);
            service.Emulator = emulator;
            // DCP runs what the model holds as an ExecutableResource: the emulator takes the service's place
            // under the same name, and both share one annotation collection.
            app.Resources.Remove(service);
            app.Resources.Add(emulator);
            app.CreateResourceBuilder(emulator)
                .WithHttpEndpoint(
                    port: OciObjectStorageEmulatorResource.DefaultPort, targetPort: OciObjectStorageEmulatorResource.DefaultPort,
                    name: EmulatorHost.HttpEndpointName, isProxied: false)
                .WithArgs(context =>
                {
                    EmulatorArguments.Begin(context, app, "objectstorage", emulator.HttpEndpoint);
                    EmulatorArguments.Add(context, "--namespace", emulator.Namespace);
                    foreach (var bucket in emulator.EffectiveBuckets)
                    {
                        EmulatorArguments.Add(context, "--bucket", bucket);
                    }

                    EmulatorArguments.Add(context, "--seed", emulator.SeedDirectory);
                    EmulatorArguments.Add(context, "--data-dir", emulator.DataDirectory);
                    foreach (var key in emulator.TrustedPublicKeys)
                    {
                        EmulatorArguments.Add(context, "--verify-signatures", key);
                    }

                    if (service.Events is { } events)
                    {
                        context.Args.Add("--events-url");
                        context.Args.Add(events.EventsUrl);
                    }
                })
                .WithHttpHealthCheck(EmulatorHost.HealthPath)
                .WithOtlpExporter()
                .WithIconName("Storage")
                .WithUploadSampleCommand()
                .WithStartCleanCommand(() => emulator.DataDirectory);
        }

        configure?.Invoke(app.CreateResourceBuilder(service.Emulator!));
        return builder;
    }

    /// <summary>The tenancy's OCI config profile (cloud); <paramref name="region"/> overrides the profile's.</summary>
    public static IResourceBuilder<OciObjectStorageResource> WithOciProfile(
        this IResourceBuilder<OciObjectStorageResource> builder, string profile, string? configFile = null, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        builder.Resource.Profile = new OciProfile(profile, configFile, region);
        return builder;
    }

    /// <summary>The Object Storage namespace: the tenancy's (<c>oci os ns get</c>), or the one the emulator serves.</summary>
    public static IResourceBuilder<OciObjectStorageResource> WithNamespace(this IResourceBuilder<OciObjectStorageResource> builder, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        builder.Resource.Namespace = @namespace;
        return builder;
    }

    /// <summary>Another endpoint than the region's, e.g. a dedicated endpoint (cloud).</summary>
    public static IResourceBuilder<OciObjectStorageResource> WithServiceEndpoint(this IResourceBuilder<OciObjectStorageResource> builder, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(endpoint);
        builder.Resource.CloudEndpoint = endpoint;
        return builder;
    }

    /// <summary>The emulator's port (default 10100).</summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithPort(this IResourceBuilder<OciObjectStorageEmulatorResource> builder, int port) =>
        builder.WithFixedPort(EmulatorHost.HttpEndpointName, port);

    /// <summary>The port of the events emulator that <c>WithObjectStorageEvents</c> adds (default 10102).</summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithEventsPort(this IResourceBuilder<OciObjectStorageEmulatorResource> builder, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        builder.Resource.EventsPort = port;
        if (builder.Resource.Service.Events is { } events)
        {
            builder.ApplicationBuilder.CreateResourceBuilder(events).WithFixedPort(EmulatorHost.HttpEndpointName, port);
        }

        return builder;
    }

    /// <summary>
    /// How many function invocations the events emulator runs at once (<c>--concurrency</c>, default 16); one
    /// object's events are never in flight together, so they still arrive in order.
    /// </summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithEventsConcurrency(this IResourceBuilder<OciObjectStorageEmulatorResource> builder, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);
        builder.Resource.EventsConcurrency = concurrency;
        return builder;
    }

    /// <summary>
    /// How many events the events emulator keeps waiting to be invoked (<c>--queue-limit</c>, default 1024);
    /// beyond it, the emulator takes the next event only once there is room, which slows the uploads down.
    /// </summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithEventsQueueLimit(this IResourceBuilder<OciObjectStorageEmulatorResource> builder, int limit)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        builder.Resource.EventsQueueLimit = limit;
        return builder;
    }

    /// <summary>The namespace the emulator serves (default <c>devharness</c>).</summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithNamespace(this IResourceBuilder<OciObjectStorageEmulatorResource> builder, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        builder.Resource.Service.Namespace = @namespace;
        return builder;
    }

    /// <summary>A bucket that exists at start, with object events enabled (repeatable; <c>uploads</c> when none is named).</summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithBucket(this IResourceBuilder<OciObjectStorageEmulatorResource> builder, string bucket)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        if (!builder.Resource.Buckets.Contains(bucket))
        {
            builder.Resource.Buckets.Add(bucket);
        }

        return builder;
    }

    /// <summary>Objects loaded at start from <c>DIR/&lt;bucket&gt;/&lt;object name&gt;</c> (objects already there are left alone).</summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithSeedObjects(this IResourceBuilder<OciObjectStorageEmulatorResource> builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.SeedDirectory = Path.GetFullPath(directory, builder.ApplicationBuilder.AppHostDirectory);
        return builder;
    }

    /// <summary>
    /// Keeps buckets and objects on disk, so a restart loses nothing; the default folder is
    /// <c>.devharness/&lt;name&gt;</c> beside the AppHost project. Adds the <i>Start clean</i> command.
    /// </summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithDataFolder(this IResourceBuilder<OciObjectStorageEmulatorResource> builder, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.DataDirectory = DataFolder.Resolve(builder.ApplicationBuilder, builder.Resource.Name, path);
        return builder;
    }

    /// <summary>Strict mode: only requests signed with the private key of this public key (PEM) pass (repeatable).</summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithSignatureVerification(
        this IResourceBuilder<OciObjectStorageEmulatorResource> builder, string publicKeyPemFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.TrustedPublicKeys.Add(Path.GetFullPath(publicKeyPemFile, builder.ApplicationBuilder.AppHostDirectory));
        return builder;
    }
}

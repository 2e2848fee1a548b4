using DevHarness.Hosting.Oci;

namespace Aspire.Hosting;

/// <summary>OCI Events rules in the app model: object events of a bucket invoke a function.</summary>
public static class OciEventsBuilderExtensions
{
    /// <summary>
    /// The Events rule "object created, updated or deleted in <paramref name="bucket"/> → this function". With
    /// an emulated <paramref name="objectStorage"/> the events emulator (<c>&lt;objectstorage&gt;-events</c>)
    /// delivers the events to the function's <paramref name="path"/> under the Fn contract, once the function
    /// is healthy; in the cloud the rule is the tenancy's and this only records it.
    /// </summary>
    public static IResourceBuilder<T> WithObjectStorageEvents<T>(
        this IResourceBuilder<T> function, IResourceBuilder<OciObjectStorageResource> objectStorage, string bucket,
        string path = "/call", string endpointName = "http")
        where T : class, IResourceWithEndpoints, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(objectStorage);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        var rule = new OciEventsRule(objectStorage.Resource, bucket, function.Resource, function.GetEndpoint(endpointName), path);
        function.WithAnnotation(rule);
        if (objectStorage.Resource.Emulator is not { } emulator)
        {
            return function;
        }

        var app = function.ApplicationBuilder;
        app.CreateResourceBuilder(emulator).WithBucket(bucket);
        var events = objectStorage.Resource.Events ?? AddEventsEmulator(app, emulator);
        events.Rules.Add(rule);
        app.CreateResourceBuilder(events).WaitFor(function);
        return function;
    }

    /// <summary>
    /// Replays recorded OCI events (<paramref name="eventsDirectory"/>, with their objects in <c>objects</c>
    /// beside it) to this function, rewritten to its rule's namespace and bucket and, with the emulator, seeding
    /// the objects first: a <i>Replay fixtures</i> command on the function, and the resource <paramref name="name"/>
    /// that replays once at start (or when started from the dashboard, if <paramref name="replayOnStart"/> is false).
    /// </summary>
    public static IResourceBuilder<T> WithFixtureReplay<T>(
        this IResourceBuilder<T> function, string eventsDirectory, [ResourceName] string? name = null, bool replayOnStart = true)
        where T : class, IResourceWithEndpoints, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventsDirectory);
        var rule = function.Resource.Annotations.OfType<OciEventsRule>().LastOrDefault()
            ?? throw new InvalidOperationException($"'{function.Resource.Name}' has no Events rule: call WithObjectStorageEvents(objectStorage, bucket) before WithFixtureReplay.");
        var app = function.ApplicationBuilder;
        var directory = Path.GetFullPath(eventsDirectory, app.AppHostDirectory);
        var replay = new ExecutableResource(name ?? $"{function.Resource.Name}-replay", "dotnet", app.AppHostDirectory);
        var replayBuilder = app.AddResource(replay)
            .WithArgs(async context =>
            {
                foreach (var argument in await FixtureReplay.ArgumentsAsync(app, rule, directory, context.CancellationToken))
                {
                    context.Args.Add(argument);
                }
            })
            .WithParentRelationship(function)
            .WithIconName("ArrowRepeatAll")
            .WithOtlpExporter()
            .WaitFor(function);
        if (rule.ObjectStorage.Emulator is { } emulator)
        {
            replayBuilder.WaitFor(app.CreateResourceBuilder(emulator));
        }

        if (!replayOnStart)
        {
            replayBuilder.WithExplicitStart();
        }

        return function.WithReplayFixturesCommand(app, rule, directory);
    }

    private static OciEventsEmulatorResource AddEventsEmulator(IDistributedApplicationBuilder app, OciObjectStorageEmulatorResource objectStorage)
    {
        var events = new OciEventsEmulatorResource($"{objectStorage.Name}-events", objectStorage.Service, app.AppHostDirectory);
        objectStorage.Service.Events = events;
        app.AddResource(events)
            .WithHttpEndpoint(port: objectStorage.EventsPort, targetPort: objectStorage.EventsPort, name: EmulatorHost.HttpEndpointName, isProxied: false)
            .WithArgs(async context =>
            {
                EmulatorArguments.Begin(context, app, "events", events.HttpEndpoint);
                EmulatorArguments.Add(context, "--max-attempts", EmulatorArguments.Text(events.MaxAttempts));
                EmulatorArguments.Add(context, "--concurrency", objectStorage.EventsConcurrency is { } concurrency ? EmulatorArguments.Text(concurrency) : null);
                EmulatorArguments.Add(context, "--queue-limit", objectStorage.EventsQueueLimit is { } limit ? EmulatorArguments.Text(limit) : null);
                EmulatorArguments.Add(context, "--rules", await EventsRulesFile.WriteAsync(events, context.CancellationToken));
            })
            .WithHttpHealthCheck(EmulatorHost.HealthPath)
            .WithOtlpExporter()
            .WithIconName("Flash")
            .WithParentRelationship(objectStorage);
        return events;
    }
}

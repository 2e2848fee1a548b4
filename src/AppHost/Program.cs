using DevHarness.AppHost;

// The topology (docs/architecture.md): objectstorage → events → relay → stream. With an OCI profile the same
// resources stand for the tenancy, and only the relay and the replay run here.
if (await Harness.CreateAsync(args) is not { } harness)
{
    return 1; // every problem with the options was printed; nothing started
}

var (builder, settings) = harness;
var objectStorage = builder.AddOciObjectStorage("objectstorage").ForHarness(settings);
var stream = builder.AddOciStream("stream", settings.Partitions).ForHarness(settings);
builder.AddRelay("relay", settings)
    .WithReference(objectStorage).WaitFor(objectStorage)
    .WithReference(stream).WaitFor(stream)
    .WithObjectStorageEvents(objectStorage, settings.Bucket)
    .WithFixtureReplay(Harness.FixtureEvents, "replay", settings.ReplayOnStart)
    .WithRelaySettings(settings);

await builder.Build().RunAsync();
return 0;

using System.Text.Json.Nodes;

namespace DevHarness.Hosting.Oci.Tests;

public sealed class ObjectStorageEventsTests
{
    [Fact]
    public async Task AnEventsRuleAddsTheEventsEmulatorThatCallsTheFunctionOnceItIsHealthy()
    {
        var builder = AppModel.CreateBuilder();
        var objectStorage = builder.AddOciObjectStorage("objectstorage").RunAsEmulator();
        var function = builder.AddExecutable("fn", "true", ".")
            .WithHttpEndpoint(port: 18080, isProxied: false)
            .WithObjectStorageEvents(objectStorage, bucket: "inbox");

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var events = Assert.IsType<OciEventsEmulatorResource>(Assert.Single(model.Resources, r => r.Name == "objectstorage-events"));
        Assert.Equal(10102, Assert.Single(events.Annotations.OfType<EndpointAnnotation>()).Port);
        var wait = Assert.Single(events.Annotations.OfType<WaitAnnotation>());
        Assert.Equal(("fn", WaitType.WaitUntilHealthy), (wait.Resource.Name, wait.WaitType));

        var arguments = await AppModel.ArgumentsAsync(events);
        Assert.Equal([AppModel.EmulatorsDll, "events", "--host", "127.0.0.1", "--port", "10102", "--max-attempts", "10"], arguments[..8]);
        var rules = JsonNode.Parse(await File.ReadAllTextAsync(AppModel.ValueOf(arguments, "--rules")!, TestContext.Current.CancellationToken))!;
        var rule = Assert.Single(rules["rules"]!.AsArray())!;
        Assert.Equal("http://127.0.0.1:18080/call", rule["actions"]![0]!["target"]!.GetValue<string>());
        Assert.Equal("inbox", rule["condition"]!["data"]!["additionalDetails"]!["bucketName"]![0]!.GetValue<string>());
        Assert.Equal(3, rule["condition"]!["eventType"]!.AsArray().Count);

        var objectStorageArguments = await AppModel.ArgumentsAsync(objectStorage.Resource.Emulator!);
        Assert.Equal("http://127.0.0.1:10102/events", AppModel.ValueOf(objectStorageArguments, "--events-url"));
        Assert.Equal("inbox", AppModel.ValueOf(objectStorageArguments, "--bucket"));
        Assert.Single(function.Resource.Annotations.OfType<OciEventsRule>());
    }

    [Fact]
    public async Task EventsConcurrencyAndQueueLimitReachTheEventsEmulatorOnlyWhenSet()
    {
        var builder = AppModel.CreateBuilder();
        var tuned = builder.AddOciObjectStorage("tuned").RunAsEmulator(e => e.WithEventsConcurrency(32).WithEventsQueueLimit(4096).WithPort(10200).WithEventsPort(10202));
        var plain = builder.AddOciObjectStorage("plain").RunAsEmulator();
        builder.AddExecutable("fn", "true", ".")
            .WithHttpEndpoint(port: 18080, isProxied: false)
            .WithObjectStorageEvents(tuned, bucket: "inbox")
            .WithObjectStorageEvents(plain, bucket: "inbox");

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var tunedArguments = await AppModel.ArgumentsAsync(model.Resources.Single(r => r.Name == "tuned-events"));
        Assert.Equal("32", AppModel.ValueOf(tunedArguments, "--concurrency"));
        Assert.Equal("4096", AppModel.ValueOf(tunedArguments, "--queue-limit"));
        var plainArguments = await AppModel.ArgumentsAsync(model.Resources.Single(r => r.Name == "plain-events"));
        Assert.DoesNotContain("--concurrency", plainArguments);
        Assert.DoesNotContain("--queue-limit", plainArguments);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void EventsConcurrencyOrQueueLimitBelowOneIsRefused(int value)
    {
        var builder = AppModel.CreateBuilder();
        builder.AddOciObjectStorage("objectstorage").RunAsEmulator(e =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => e.WithEventsConcurrency(value));
            Assert.Throws<ArgumentOutOfRangeException>(() => e.WithEventsQueueLimit(value));
        });
    }

    [Fact]
    public async Task FixtureReplayWaitsForTheFunctionAndSeedsTheEmulator()
    {
        var builder = AppModel.CreateBuilder();
        var objectStorage = builder.AddOciObjectStorage("objectstorage").RunAsEmulator(e => e.WithEventsPort(20102));
        var function = builder.AddExecutable("fn", "true", ".")
            .WithHttpEndpoint(port: 18080, isProxied: false)
            .WithObjectStorageEvents(objectStorage, bucket: "uploads")
            .WithFixtureReplay("fixtures/events", "replay", replayOnStart: false);

        var model = AppModel.Build(builder, out var app);
        await using var _ = app;

        var replay = Assert.Single(model.Resources, r => r.Name == "replay");
        Assert.Equal(
            [
                AppModel.EmulatorsDll, "replay", Path.Combine(builder.AppHostDirectory, "fixtures", "events"),
                "--target", "http://127.0.0.1:18080/call", "--bucket", "uploads",
                "--namespace", "devharness", "--objectstorage", "http://127.0.0.1:10100",
            ],
            await AppModel.ArgumentsAsync(replay));
        Assert.Equal(["fn", "objectstorage"], replay.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name));
        Assert.Single(replay.Annotations.OfType<ExplicitStartupAnnotation>());
        Assert.Contains(function.Resource.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == OciDashboardCommands.ReplayFixtures);
        Assert.Equal(20102, model.Resources.Single(r => r.Name == "objectstorage-events").Annotations.OfType<EndpointAnnotation>().Single().Port);
    }

    [Fact]
    public void FixtureReplayWithoutAnEventsRuleSaysWhatIsMissing()
    {
        var builder = AppModel.CreateBuilder();
        var function = builder.AddExecutable("fn", "true", ".").WithHttpEndpoint(port: 18080, isProxied: false);

        var error = Assert.Throws<InvalidOperationException>(() => function.WithFixtureReplay("fixtures/events"));
        Assert.Contains("WithObjectStorageEvents", error.Message, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using DevHarness.Emulators.Replay;
using DevHarness.Integration.Events;
using DevHarness.Integration.ObjectStorage;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DevHarness.Integration.Replay;

/// <summary><c>replay</c> against a test function and the Object Storage emulator: seeding, Fn invocation, summary, exit code.</summary>
public sealed class ReplayerTests
{
    [Fact]
    public async Task ReplaysEveryFixtureByteForByteAfterSeedingItsObjectsWithoutEmittingEvents()
    {
        using var eventsReceiver = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        eventsReceiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        await using var os = await ObjectStorageTestContext.StartAsync(o => o.EventsUrl = new Uri(eventsReceiver.Url + "/events"));
        await using var function = await TestFunction.StartAsync();
        var events = FixtureSource.FromDirectory(FixturePaths.Events);
        var replayer = new Replayer(new ReplayOptions { Target = function.Target, ObjectStorageUrl = os.Emulator.Url, ObjectsDirectory = FixturePaths.Objects });

        Assert.Equal(3, await replayer.SeedAsync(events, null, TestContext.Current.CancellationToken));
        Assert.Equal(0, await replayer.SeedAsync(events, null, TestContext.Current.CancellationToken));
        var summary = await replayer.RunAsync(events, null, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.True(summary.AllSucceeded);
        Assert.Equal(5, summary.Results.Count);
        var expected = Directory.EnumerateFiles(FixturePaths.Events, "*.json").Select(File.ReadAllText).Order(StringComparer.Ordinal);
        Assert.Equal(expected, function.Calls.Select(c => c.Body).Order(StringComparer.Ordinal));
        Assert.All(function.Calls, c => Assert.Equal("cloudevent", c.Headers["Fn-Intent"]));

        using var seeded = await os.SendAsync(HttpMethod.Get, ObjectStorageTestContext.ObjectPath("reports 2024/Überblick/Größe+Preis – 東京.csv"));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(FixturePaths.Objects, "uploads", "reports 2024", "Überblick", "Größe+Preis – 東京.csv"), TestContext.Current.CancellationToken),
            await seeded.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Empty(eventsReceiver.LogEntries);
    }

    [Fact]
    public async Task RewritesNamespaceAndBucketKeepingKeyOrderAndRepeatsWithFreshEventIds()
    {
        await using var function = await TestFunction.StartAsync();
        var events = FixtureSource.FromDirectory(FixturePaths.Events).Where(e => e.Name == "updateobject-versioned.json").ToList();
        var replayer = new Replayer(new ReplayOptions { Target = function.Target, Namespace = "mytenancy", Bucket = "landing", Repeat = 3, Concurrency = 2 });
        var summary = await replayer.RunAsync(events, null, TestContext.Current.CancellationToken);
        Assert.Equal(3, summary.Succeeded);

        var bodies = function.Calls.Select(c => JsonDocument.Parse(c.Body)).ToList();
        foreach (var body in bodies)
        {
            var data = body.RootElement.GetProperty("data");
            Assert.Equal("/n/mytenancy/b/landing/o/datasets/train.csv", data.GetProperty("resourceId").GetString());
            Assert.Equal("landing", data.GetProperty("additionalDetails").GetProperty("bucketName").GetString());
            Assert.Equal("mytenancy", data.GetProperty("additionalDetails").GetProperty("namespace").GetString());
            Assert.Equal(
                ["bucketName", "versionId", "archivalState", "namespace", "bucketId", "eTag"],
                data.GetProperty("additionalDetails").EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(3, bodies.Select(b => b.RootElement.GetProperty("eventID").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task TheCommandPrintsASummaryAndExitsNonZeroOnAnyFailure()
    {
        await using var failing = await TestFunction.StartAsync(call => call == 2 ? 502 : 200);
        var exit = await ReplayCommand.Create().Parse([FixturePaths.Events, "--target", failing.Target]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, exit);

        await using var healthy = await TestFunction.StartAsync();
        exit = await ReplayCommand.Create().Parse([FixturePaths.Events, "--target", healthy.Target, "--rate", "50", "--concurrency", "2"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, exit);
        Assert.Equal(5, healthy.Calls.Count);
    }

    [Fact]
    public void StdinAcceptsOneEventAnArrayOrSeveralInARow()
    {
        var one = File.ReadAllText(Path.Combine(FixturePaths.Events, "createobject.json"));
        Assert.Single(FixtureSource.FromText(one));
        Assert.Equal(2, FixtureSource.FromText($"[{one},{one}]").Count);
        Assert.Equal(3, FixtureSource.FromText(one + "\n" + one + "\n" + one).Count);
        Assert.Throws<FormatException>(() => FixtureSource.FromText("""{"data":{}}"""));
        Assert.Throws<FormatException>(() => FixtureSource.FromText(one + "{broken"));
    }

    [Fact]
    public async Task ReplayingToTheEventsEmulatorCountsAcceptedAsSuccess()
    {
        using var events = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        events.Given(Request.Create().WithPath("/events").UsingPost()).RespondWith(Response.Create().WithStatusCode(HttpStatusCode.Accepted));
        var replayer = new Replayer(new ReplayOptions { Target = events.Url + "/events" });
        var summary = await replayer.RunAsync(FixtureSource.FromText(Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(FixturePaths.Events, "deleteobject.json")))), null, TestContext.Current.CancellationToken);
        Assert.True(summary.AllSucceeded);
        Assert.Equal(202, summary.Results.Single().Status);
    }
}

using System.Globalization;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// <c>dotnet run --project src/AppHost</c> stopped with SIGTERM leaves nothing behind: the AppHost, DCP's API
/// server and controllers, and every resource process are gone within 30 seconds.
/// </summary>
public sealed class AppHostStopTests
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SigtermToDotnetRunStopsEveryProcessItStarted()
    {
        var ct = TestContext.Current.CancellationToken;
        var ports = FreePorts.Take(5);
        string[] options = ["objectstorage-port", "stream-port", "events-port", "kafka-port", "relay-port"];
        await using var apphost = AppHostProcess.Start(
            Projects.AppHost.ProjectPath,
            [
                "--kafka", "embedded", "--stream-data-dir", "none",
                .. options.SelectMany((option, i) => (string[])[$"--{option}", ports[i].ToString(CultureInfo.InvariantCulture)]),
            ]);
        await AppHostProcess.WaitHealthyAsync([ports[4], ports[2]], HarnessHost.StartTimeout, ct);

        var started = apphost.Tree();
        Assert.Contains(started, pid => AppHostProcess.Describe(pid).Contains("dcp start-apiserver", StringComparison.Ordinal));
        apphost.Terminate();

        var deadline = DateTime.UtcNow + StopBudget;
        while (AppHostProcess.Alive(started).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, ct);
        }

        var left = AppHostProcess.Alive(started);
        Assert.True(left.Count == 0, $"{StopBudget.TotalSeconds} s after SIGTERM these still run:\n{string.Join('\n', left.Select(AppHostProcess.Describe))}");
    }
}

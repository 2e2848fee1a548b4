using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DevHarness.Oci.ObjectStorage;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// Proof of reuse: <c>samples/OciRelay.AppHost</c>, outside the solution, gets the integration and the emulators
/// only as packages that <c>dotnet pack</c> just wrote to <c>artifacts/packages</c>, runs the relay, and relays an
/// upload into the stream; SIGTERM then leaves nothing running. Slow (pack, restore, build, start), so it is the
/// one test that does all of it.
/// </summary>
public sealed class SamplePackagesTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task SampleAppHostFromLocalPackagesRelaysAnUpload()
    {
        var ct = TestContext.Current.CancellationToken;
        var repository = new DirectoryInfo(Projects.AppHost.ProjectPath);
        while (!File.Exists(Path.Combine(repository.FullName, "DevHarness.sln")))
        {
            repository = repository.Parent!;
        }

        var feed = Path.Combine(repository.FullName, "artifacts", "packages");
        // A version of its own, so neither NuGet's cache nor another run's packages stand in for these.
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}";
        string[] packages = ["DevHarness.Oci", "DevHarness.Oci.Client", "DevHarness.Hosting.Oci.Emulators", "DevHarness.Hosting.Oci"];
        try
        {
            foreach (var project in (string[])["src/Oci", "src/Oci.Client", "src/Hosting.Oci.Emulators", "src/Hosting.Oci"])
            {
                await RunAsync(repository.FullName, ct, "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}");
            }

            var sample = Path.Combine(repository.FullName, "samples", "OciRelay.AppHost");
            await RunAsync(repository.FullName, ct, "build", sample, $"-p:DevHarnessVersion={version}");

            var ports = FreePorts.Take(5);
            await using var apphost = AppHostProcess.Start(
                sample,
                [
                    $"--Ports:ObjectStorage={Text(ports[0])}", $"--Ports:Stream={Text(ports[1])}", $"--Ports:Events={Text(ports[2])}",
                    $"--Ports:Kafka={Text(ports[3])}", $"--Ports:Relay={Text(ports[4])}",
                ]);
            await AppHostProcess.WaitHealthyAsync([ports[0], ports[1], ports[4], ports[2]], HarnessHost.StartTimeout, ct);
            Assert.Contains(apphost.Tree(), pid => AppHostProcess.Describe(pid).Contains($"devharness.hosting.oci.emulators/{version}/tools/emulators", StringComparison.Ordinal));

            var name = $"sample-{Guid.NewGuid():N}.txt";
            var key = RelayContract.KeyOf(HarnessHost.Namespace, HarnessHost.Bucket, name);
            await using var kafka = KafkaRecorder.Start($"127.0.0.1:{ports[3]}", HarnessHost.Topic, HarnessHost.Partitions, key);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}") };
            using var body = new MemoryStream(Encoding.UTF8.GetBytes("hello from a package-only AppHost"));
            await new ObjectStorageClient(http).PutObjectAsync(HarnessHost.Namespace, HarnessHost.Bucket, name, body, new PutObjectOptions(ContentType: "text/plain"), ct);

            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (kafka.Messages.Count < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }

            Assert.Equal(2, kafka.Messages.Count); // the OCI event, then the data
            using var data = JsonDocument.Parse(kafka.Messages[1].Value);
            Assert.Equal("hello from a package-only AppHost", Encoding.UTF8.GetString(data.RootElement.GetProperty("data_base64").GetBytesFromBase64()));

            var started = apphost.Tree();
            apphost.Terminate();
            var stopBy = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (AppHostProcess.Alive(started).Count > 0 && DateTime.UtcNow < stopBy)
            {
                await Task.Delay(250, ct);
            }

            Assert.Empty(AppHostProcess.Alive(started).Select(AppHostProcess.Describe));
        }
        finally
        {
            foreach (var package in packages)
            {
                File.Delete(Path.Combine(feed, $"{package}.{version}.nupkg"));
                var cached = Path.Combine(NuGetPackagesFolder(), package.ToLowerInvariant(), version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
    }

    private static async Task RunAsync(string workingDirectory, CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).WaitAsync(StepTimeout, ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await error}");
    }

    private static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.ObjectStorage;

/// <summary><c>DevHarness.Emulators objectstorage</c> as a child process, as users and the AppHost run it.</summary>
public sealed class ObjectStorageCommandTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("devharness-os-cwd-").FullName;

    [Fact]
    public async Task TheProcessWatchesNoFileUnderItsWorkingDirectory()
    {
        // A recursive watcher there (the host's appsettings.json reload) woke on every file a --data-dir below wrote.
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Counting inotify instances needs Linux's /proc.");
        }

        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Path.Combine(_workingDirectory, "data", "nested"));
        var (process, http) = await StartAsync(ct);
        using (process)
        using (http)
        {
            try
            {
                using var put = await http.PutAsync("/n/devharness/b/uploads/o/a.txt", new StringContent("a"), ct);
                Assert.True(put.IsSuccessStatusCode);
                var watchers = new DirectoryInfo($"/proc/{process.Id}/fd").EnumerateFileSystemInfos()
                    .Count(fd => fd.LinkTarget == "anon_inode:inotify");
                Assert.Equal(0, watchers);
            }
            finally
            {
                await KillAsync(process, ct);
            }
        }
    }

    [Fact]
    public async Task EveryAcknowledgedObjectSurvivesTheProcessBeingKilled()
    {
        // Files are written, not fsynced: what the kernel has survives SIGKILL, which is the promise.
        var ct = TestContext.Current.CancellationToken;
        var names = Enumerable.Range(0, 64).Select(i => $"killed/{i}").ToArray();
        var (first, firstHttp) = await StartAsync(ct);
        using (first)
        using (firstHttp)
        {
            try
            {
                await Task.WhenAll(names.Select(async name =>
                {
                    using var put = await firstHttp.PutAsync($"/n/devharness/b/uploads/o/{name}", new StringContent($"body of {name}"), ct);
                    Assert.True(put.IsSuccessStatusCode, $"PutObject {name}: {(int)put.StatusCode}");
                }));
            }
            finally
            {
                await KillAsync(first, ct);
            }
        }

        var (second, secondHttp) = await StartAsync(ct);
        using (second)
        using (secondHttp)
        {
            try
            {
                foreach (var name in names)
                {
                    Assert.Equal($"body of {name}", await secondHttp.GetStringAsync($"/n/devharness/b/uploads/o/{name}", ct));
                }
            }
            finally
            {
                await KillAsync(second, ct);
            }
        }
    }

    /// <summary>The command with <c>--data-dir data</c> under the working directory, once <c>/health</c> answers.</summary>
    private async Task<(Process Process, HttpClient Http)> StartAsync(CancellationToken ct)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "DevHarness.Emulators.dll"), "objectstorage", "--port", $"{port}", "--data-dir", "data"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited || DateTime.UtcNow >= deadline)
            {
                var failure = process.HasExited ? "the objectstorage command exited" : "the objectstorage command did not answer /health in time";
                await KillAsync(process, ct);
                process.Dispose();
                http.Dispose();
                Assert.Fail(failure);
            }

            try
            {
                using var health = await http.GetAsync("/health", ct);
                if (health.IsSuccessStatusCode)
                {
                    return (process, http);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, ct);
        }
    }

    private static async Task KillAsync(Process process, CancellationToken ct)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(ct);
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}

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
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "DevHarness.Emulators.dll"), "objectstorage", "--port", $"{port}", "--data-dir", "data"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                Assert.False(process.HasExited, "the objectstorage command exited");
                Assert.True(DateTime.UtcNow < deadline, "the objectstorage command did not answer /health in time");
                try
                {
                    using var health = await http.GetAsync("/health", ct);
                    if (health.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(100, ct);
            }

            using var put = await http.PutAsync("/n/devharness/b/uploads/o/a.txt", new StringContent("a"), ct);
            Assert.True(put.IsSuccessStatusCode);
            var watchers = new DirectoryInfo($"/proc/{process.Id}/fd").EnumerateFileSystemInfos()
                .Count(fd => fd.LinkTarget == "anon_inode:inotify");
            Assert.Equal(0, watchers);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
        }
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}

using System.Diagnostics;
using System.Globalization;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// An AppHost as a user starts it, <c>dotnet run --no-build --project …</c>, with the dashboard on free ports and
/// no launch profile; and everything it started: its own descendants plus DCP's API server, which detaches
/// (its parent is init) and is found by the <c>--monitor &lt;AppHost pid&gt;</c> on its command line.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppHostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static AppHostProcess Start(string project, IEnumerable<string> arguments)
    {
        var ports = FreePorts.Take(3);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://localhost:{ports[0]}",
                ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://localhost:{ports[1]}",
                ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{ports[2]}",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["DOTNET_ENVIRONMENT"] = "Development",
            },
        };
        foreach (var argument in (string[])["run", "--no-build", "--no-launch-profile", "--project", project, "--", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        // Drain the console so the AppHost never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppHostProcess(process);
    }

    /// <summary>Every process this AppHost started, as of now.</summary>
    public IReadOnlyList<int> Tree()
    {
        var parents = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .ToList();
        var tree = new List<int> { _process.Id };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Parent == tree[i]).Select(p => p.Pid));
            if (i == tree.Count - 1)
            {
                // DCP detaches: adopt the API server that monitors one of ours, once.
                tree.AddRange(parents.Select(p => p.Pid).Where(pid => !tree.Contains(pid) && tree.Any(ours => Monitors(pid, ours))));
            }
        }

        return [.. tree.Distinct()];
    }

    /// <summary>SIGTERM to <c>dotnet run</c>, as <c>kill</c> or a service manager sends it.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Until <c>GET /health</c> answers 2xx on every port (the relay's and the events emulator's come last).</summary>
    public static async Task WaitHealthyAsync(IReadOnlyList<int> ports, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var pending = ports.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (pending.Count > 0)
        {
            foreach (var port in pending.ToList())
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        pending.Remove(port);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // Not listening yet, or slow to answer while starting.
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"ports {string.Join(", ", pending)} did not answer GET /health within {timeout}");
            await Task.Delay(pending.Count > 0 ? 250 : 0, cancellationToken);
        }
    }

    public static IReadOnlyList<int> Alive(IEnumerable<int> pids) =>
        [.. pids.Where(pid => File.Exists($"/proc/{pid}/stat") && State(pid) != 'Z')];

    public static string Describe(int pid)
    {
        try
        {
            return $"{pid}: {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')}";
        }
        catch (IOException)
        {
            return $"{pid}: (gone)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pid in Alive(Tree()))
        {
            using var kill = Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static bool Monitors(int pid, int monitored)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var index = Array.IndexOf(arguments, "--monitor");
            return index >= 0 && index + 1 < arguments.Length && arguments[index + 1] == monitored.ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int ParentOf(int pid) => int.TryParse(Stat(pid)?[1], CultureInfo.InvariantCulture, out var parent) ? parent : -1;

    private static char State(int pid) => Stat(pid)?[0] is [var state, ..] ? state : 'Z';

    /// <summary>The fields after "(comm)" in /proc/pid/stat: state, ppid, …</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}

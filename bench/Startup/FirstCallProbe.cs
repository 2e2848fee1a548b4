using System.Diagnostics;
using DevHarness.Benchmarks.AppHost;
using DevHarness.Benchmarks.Loop;

namespace DevHarness.Benchmarks.Startup;

/// <summary>
/// Launches a <see cref="StartupCandidate"/> and times it from <see cref="Process.Start()"/> to the first
/// response with a success status to its call, retried every <see cref="Poll"/> (a refused connection comes
/// back at once); then kills it.
/// </summary>
internal static class FirstCallProbe
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>Wall-clock time to the first success, and the CPU time the process had used by then.</summary>
    public static async Task<(double WallMs, double CpuMs)> MeasureAsync(StartupCandidate candidate, CancellationToken cancellationToken)
    {
        var ports = HarnessProcess.FreePorts(2);
        var scratch = Directory.CreateTempSubdirectory("devharness-bench-startup-");
        var start = candidate.Launch(ports[0], ports[1], scratch.FullName);
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {candidate.Name}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < Patience && !process.HasExited)
            {
                try
                {
                    using var request = candidate.Request();
                    using var response = await http.SendAsync(request, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        var wall = clock.Elapsed.TotalMilliseconds;
                        return (wall, ProcessUsage.CpuTime(ProcessUsage.OnlyChild(process.Id)).TotalMilliseconds);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(Poll, cancellationToken);
            }

            throw new TimeoutException($"{candidate.Name} answered no successful {candidate.Call} within {Patience.TotalSeconds:F0} s (exited: {process.HasExited}).");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            scratch.Delete(recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace DevHarness.Benchmarks.Peers;

/// <summary>
/// A peer emulator installed from npm (Azurite, kinesalite) as a child process under <c>timeout</c>, ready
/// once its port accepts connections; killed on dispose.
/// </summary>
internal sealed class NodePeer : IAsyncDisposable
{
    /// <summary>The peers' npm packages, pinned so every scenario measures the same versions.</summary>
    public const string Azurite = "azurite@3.37.0";

    public const string Kinesalite = "kinesalite@3.3.3";

    public const string S3rver = "s3rver@3.7.1";

    private readonly Process _process;

    private NodePeer(Process process, int port)
    {
        _process = process;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Url { get; }

    /// <summary>
    /// Installs <paramref name="packages"/> (name@version) into <paramref name="folder"/> unless they are there already.
    /// </summary>
    public static async Task InstallAsync(string folder, IEnumerable<string> packages, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in (string[])["install", "--no-audit", "--no-fund", "--silent", .. packages])
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start)!;
        var error = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.StandardOutput.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm install {string.Join(' ', packages)} failed ({npm.ExitCode}): {await error}");
        }
    }

    /// <param name="folder">Where the package was installed.</param>
    /// <param name="bin">Its command in <c>node_modules/.bin</c>.</param>
    /// <param name="port">The port the arguments make it listen on.</param>
    /// <param name="arguments">Its command line.</param>
    /// <param name="cancellationToken">Stops waiting for it.</param>
    public static async Task<NodePeer> StartAsync(string folder, string bin, int port, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var process = Process.Start(Command(folder, bin, arguments))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var peer = new NodePeer(process, port);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, cancellationToken);
                return peer;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        await peer.DisposeAsync();
        throw new TimeoutException($"{bin} did not listen on port {port.ToString(CultureInfo.InvariantCulture)} within a minute.");
    }

    /// <summary>How a peer is launched: its npm command under <c>timeout</c>, so it stops by itself even if the bench dies.</summary>
    public static ProcessStartInfo Command(string folder, string bin, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("timeout") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in (string[])["--signal=KILL", "900", Path.Combine(folder, "node_modules", ".bin", bin), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DevHarness.Integration.Infrastructure;

/// <summary>
/// Runs a script from <c>tests/node</c> under Node.js, where Oracle's official OCI TypeScript SDK and KafkaJS
/// are installed: independent clients, so a passing test proves compatibility rather than self-consistency.
/// The packages are installed once per test run (<c>npm ci</c>, pinned by <c>package-lock.json</c>) when
/// one of them is missing from <c>node_modules</c>; <c>.ci/run</c> installs them beforehand. Without Node.js the test skips.
/// </summary>
public static class NodeClients
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool installed;

    /// <summary>The repository's <c>tests/node</c> folder, found upward from the test binaries.</summary>
    public static string Directory { get; } = FindDirectory();

    /// <summary>
    /// Runs <c>node &lt;script&gt; &lt;arguments&gt;</c> (script relative to <c>tests/node</c>) with the extra
    /// environment variables, and returns what it printed. The process is killed when <paramref name="timeout"/>
    /// runs out or the test is cancelled.
    /// </summary>
    public static async Task<NodeResult> RunAsync(
        string script,
        IReadOnlyDictionary<string, string>? environment = null,
        IEnumerable<string>? arguments = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var node = FindNode();
        await EnsureInstalledAsync(cancellationToken);

        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(Directory, script));
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return await RunProcessAsync(start, timeout ?? TimeSpan.FromMinutes(2), cancellationToken);
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (installed || DependenciesPresent())
            {
                installed = true;
                return;
            }

            var npm = new ProcessStartInfo("npm") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
            {
                npm.ArgumentList.Add(argument);
            }
            var result = await RunProcessAsync(npm, TimeSpan.FromMinutes(5), cancellationToken);
            Assert.True(result.ExitCode == 0, $"npm ci in {Directory} failed with exit code {result.ExitCode}: {result.Stderr}");
            installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    // A node_modules from before a package was added to package.json lacks it: install again then.
    private static bool DependenciesPresent()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "package.json")));
        return manifest.RootElement.GetProperty("dependencies").EnumerateObject()
            .All(dependency => File.Exists(Path.Combine(Directory, "node_modules", dependency.Name, "package.json")));
    }

    private static async Task<NodeResult> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}. Stderr: {await stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return new NodeResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindNode()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            Assert.Skip("Node.js is not installed: the official OCI TypeScript SDK and KafkaJS run under it (Node 20 or later; .ci/run uses the machine's)");
        }
        return path;
    }

    private static string FindDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "node", "package.json");
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }

        throw new DirectoryNotFoundException($"No tests/node/package.json above {AppContext.BaseDirectory}.");
    }
}

/// <summary>What a Node script printed, and how it exited.</summary>
public sealed record NodeResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails the test with the script's output unless it exited with 0.</summary>
    public NodeResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"node exited with {ExitCode}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return this;
    }
}

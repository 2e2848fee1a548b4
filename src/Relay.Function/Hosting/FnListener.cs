using System.Text;

namespace DevHarness.Relay.Hosting;

/// <summary>
/// Where the Fn agent expects the function to listen (docs/oci-facts.md §8.1): <c>FN_LISTENER=unix:/tmp/iofs/lsnr.sock</c>.
/// The relay binds a phony socket beside it and only then links <c>lsnr.sock</c> to it, because the
/// agent takes the appearance of <c>lsnr.sock</c> as the signal that the function is ready.
/// </summary>
internal sealed record FnListener(string SocketPath)
{
    /// <summary>The only Fn format the relay speaks; the older ones are deprecated.</summary>
    public const string HttpStream = "http-stream";

    /// <summary>The longest unix socket path Linux accepts (<c>sun_path</c> is 108 bytes with the NUL).</summary>
    public const int MaxSocketPathBytes = 107;

    public string Directory => Path.GetDirectoryName(SocketPath)!;

    /// <summary>The socket actually bound: <c>phony</c> + the listener's file name, in the same directory (as the Fn FDKs do).</summary>
    public string PhonyPath => Path.Combine(Directory, "phony" + Path.GetFileName(SocketPath));

    /// <summary>The symlink target: relative and in the same directory, or the agent rejects it.</summary>
    public string PhonyFileName => Path.GetFileName(PhonyPath);

    /// <summary>
    /// Reads <c>FN_FORMAT</c> and <c>FN_LISTENER</c>. Null means HTTP mode (neither is set); a half or
    /// wrong Fn configuration throws <see cref="FnListenerException"/> so the process exits at once.
    /// </summary>
    public static FnListener? FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var format = getVariable("FN_FORMAT");
        var listener = getVariable("FN_LISTENER");
        if (string.IsNullOrEmpty(format) && string.IsNullOrEmpty(listener))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(format) && format != HttpStream)
        {
            throw new FnListenerException($"FN_FORMAT is '{format}': this function speaks only '{HttpStream}'.");
        }

        if (string.IsNullOrEmpty(listener))
        {
            throw new FnListenerException($"FN_FORMAT is '{HttpStream}' but FN_LISTENER is missing: expected unix:/path/to/lsnr.sock.");
        }

        if (!listener.StartsWith("unix:", StringComparison.Ordinal) || listener.Length == "unix:".Length)
        {
            throw new FnListenerException($"FN_LISTENER is '{listener}': expected unix:/path/to/lsnr.sock.");
        }

        var path = listener["unix:".Length..];
        if (!Path.IsPathRooted(path))
        {
            throw new FnListenerException($"FN_LISTENER is '{listener}': the socket path must be absolute.");
        }

        var fn = new FnListener(path);
        var longest = Math.Max(Encoding.UTF8.GetByteCount(fn.SocketPath), Encoding.UTF8.GetByteCount(fn.PhonyPath));
        if (longest > MaxSocketPathBytes)
        {
            throw new FnListenerException(
                $"FN_LISTENER is '{listener}': socket paths (the listener and '{fn.PhonyPath}') must be at most {MaxSocketPathBytes} bytes.");
        }

        return fn;
    }

    /// <summary>Removes what an earlier run left behind, so binding cannot fail on a stale file.</summary>
    public void RemoveStaleFiles()
    {
        File.Delete(SocketPath);
        File.Delete(PhonyPath);
    }

    /// <summary>Opens the socket to the agent (it runs as another user) and signals readiness with the relative link.</summary>
    public void Publish()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Fn contract runs on Linux (OCI Functions); use HTTP mode elsewhere.");
        }

        File.SetUnixFileMode(PhonyPath,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        File.CreateSymbolicLink(SocketPath, PhonyFileName);
    }
}

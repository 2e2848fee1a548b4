using System.Net.Sockets;

namespace DevHarness.Emulators.Events;

/// <summary>
/// Where a function listens: an HTTP URL (the relay's HTTP mode, <c>http://127.0.0.1:8080/call</c>) or the
/// Fn socket <c>unix:/tmp/iofs/lsnr.sock</c>, which is spoken to as <c>POST /call</c> with Host
/// <c>localhost</c>, like the Fn agent does (docs/oci-facts.md §8.2).
/// </summary>
internal sealed record FunctionTarget(string Text, Uri RequestUri, string? SocketPath)
{
    public static bool IsValid(string text) => TryParse(text, out _);

    public static FunctionTarget Parse(string text) => TryParse(text, out var target)
        ? target
        : throw new FormatException($"'{text}' is not a function target: use an http(s) URL or unix:/path/to/lsnr.sock.");

    public static bool TryParse(string text, out FunctionTarget target)
    {
        if (text.StartsWith("unix:", StringComparison.Ordinal) && text.Length > 5)
        {
            target = new FunctionTarget(text, new Uri("http://localhost/call"), text[5..]);
            return true;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            target = new FunctionTarget(text, uri, null);
            return true;
        }

        target = null!;
        return false;
    }

    /// <summary>A handler that reaches this target: TCP as usual, or every connection dialled to the unix socket.</summary>
    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1) };
        if (SocketPath is { } path)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }
}

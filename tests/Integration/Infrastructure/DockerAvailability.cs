using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DevHarness.Integration.Infrastructure;

/// <summary>
/// Whether a Docker engine answers, asked once per test run (<c>GET /_ping</c> on <c>DOCKER_HOST</c> or
/// <c>/var/run/docker.sock</c>). Container tests call <see cref="SkipIfUnavailable"/> first: without
/// Docker they skip with the reason, never pass silently and never fail.
/// </summary>
public static class DockerAvailability
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>True when a Docker engine answered the ping.</summary>
    public static bool IsAvailable => Unavailable.Value is null;

    /// <summary>Why Docker is not available, or null when it is.</summary>
    public static string? Reason => Unavailable.Value;

    /// <summary>Skips the running test with "Docker is not available: &lt;why&gt;" when there is no engine.</summary>
    public static void SkipIfUnavailable()
    {
        if (Unavailable.Value is { } reason)
        {
            Assert.Skip($"Docker is not available: {reason}");
        }
    }

    private static string? Probe()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        EndPoint endPoint;
        string where;
        if (string.IsNullOrEmpty(host) || host.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host["unix://".Length..];
            if (!File.Exists(path))
            {
                return $"no Docker socket at {path} (set DOCKER_HOST to use another engine)";
            }
            endPoint = new UnixDomainSocketEndPoint(path);
            where = path;
        }
        else if (Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Scheme == "tcp")
        {
            endPoint = new DnsEndPoint(uri.Host, uri.Port);
            where = host;
        }
        else
        {
            return $"DOCKER_HOST '{host}' is neither unix:// nor tcp://";
        }

        try
        {
            using var socket = endPoint is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.ReceiveTimeout = 2000;
            socket.SendTimeout = 2000;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            socket.ConnectAsync(endPoint, cts.Token).AsTask().GetAwaiter().GetResult();
            socket.Send(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"));
            var buffer = new byte[512];
            var read = socket.Receive(buffer);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("HTTP/1.", StringComparison.Ordinal) && answer.Contains(" 200 ", StringComparison.Ordinal)
                ? null
                : $"the engine at {where} answered the ping with '{answer.Split('\n')[0].Trim()}'";
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return $"no engine answers at {where} ({e.Message})";
        }
    }
}

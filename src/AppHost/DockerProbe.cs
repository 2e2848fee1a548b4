using System.Net.Sockets;

namespace DevHarness.AppHost;

/// <summary>
/// Answers "does a Docker engine answer here?" for <c>--kafka auto</c>: <c>GET /_ping</c> on
/// <c>DOCKER_HOST</c> (unix or tcp) or <c>/var/run/docker.sock</c>, bounded to two seconds. A socket file
/// alone is not enough: Docker Desktop leaves one behind when it is stopped.
/// </summary>
internal static class DockerProbe
{
    private const string DefaultSocket = "/var/run/docker.sock";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <returns><see langword="null"/> when the engine answered; otherwise why not.</returns>
    public static async Task<string?> WhyUnavailableAsync(string? dockerHost, CancellationToken cancellationToken)
    {
        Uri baseAddress;
        string? socketPath = null;
        if (string.IsNullOrWhiteSpace(dockerHost) || dockerHost.StartsWith("unix://", StringComparison.Ordinal))
        {
            socketPath = string.IsNullOrWhiteSpace(dockerHost) ? DefaultSocket : dockerHost["unix://".Length..];
            if (!File.Exists(socketPath))
            {
                return $"no Docker socket at {socketPath}";
            }

            baseAddress = new Uri("http://docker/");
        }
        else if (dockerHost.StartsWith("tcp://", StringComparison.Ordinal))
        {
            baseAddress = new Uri("http://" + dockerHost["tcp://".Length..].TrimEnd('/') + "/");
        }
        else
        {
            return $"DOCKER_HOST={dockerHost} is neither unix:// nor tcp://";
        }

        using var handler = new SocketsHttpHandler();
        if (socketPath is not null)
        {
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(new Uri("_ping", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode ? null : $"the Docker engine answered {(int)response.StatusCode} to /_ping";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
        {
            return $"the Docker engine did not answer /_ping ({ex.Message})";
        }
    }
}

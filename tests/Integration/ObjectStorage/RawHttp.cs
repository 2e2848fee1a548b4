using System.Net.Sockets;
using System.Text;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// Sends one HTTP/1.1 request with its target exactly as written: <see cref="HttpClient"/> (through
/// <see cref="Uri"/>) removes <c>.</c> and <c>..</c> segments before sending, which hides the requests
/// a path-traversal test needs to make.
/// </summary>
internal static class RawHttp
{
    /// <summary>Returns the status code and the response body (up to the connection's close).</summary>
    public static async Task<(int Status, string Body)> SendAsync(Uri server, string method, string target, string? body = null)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, ct);
        var stream = client.GetStream();
        var content = Encoding.UTF8.GetBytes(body ?? "");
        var head = $"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {content.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        await stream.WriteAsync(content, ct);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(ct).WaitAsync(ObjectStorageTestContext.Timeout, ct);
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var separator = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, separator < 0 ? "" : response[(separator + 4)..]);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DevHarness.Unit.Http;

/// <summary>
/// A one-request HTTP server on a raw socket that records the request head exactly as it arrived on
/// the wire. WireMock (on Kestrel) shows paths after decoding (<c>%2B</c> and <c>%20</c> are gone), so
/// it cannot prove what escaping the client sent; this can.
/// </summary>
internal sealed class RawRequestCapture : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RawRequestCapture() => _listener.Start();

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Accepts one connection, answers 200 with an empty body, and returns the request line.</summary>
    public async Task<string> CaptureRequestLineAsync(CancellationToken cancellationToken)
    {
        using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
        await using var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var answer = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
        await stream.WriteAsync(answer, cancellationToken);
        var text = head.ToString();
        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    public void Dispose() => _listener.Stop();
}

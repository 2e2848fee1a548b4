using System.Net;
using System.Net.Sockets;

namespace DevHarness.Emulators.Streaming.Broker;

/// <summary>
/// Listens on a stable address and pipes every connection to the mock broker's random port, byte for
/// byte. Together with the broker advertising this address, clients bootstrap and reconnect through it.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    private const int BufferSize = 256 * 1024;

    private readonly TcpListener _listener;
    private readonly DnsEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Socket> _open = [];
    private readonly Lock _openLock = new();
    private Task _acceptLoop = Task.CompletedTask;

    private TcpForwarder(TcpListener listener, DnsEndPoint target)
    {
        _listener = listener;
        _target = target;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Binds <paramref name="host"/>:<paramref name="port"/> (0 = random) and starts forwarding.</summary>
    public static TcpForwarder Start(string host, int port, DnsEndPoint target)
    {
        var address = IPAddress.TryParse(host, out var parsed) ? parsed
            : host == "localhost" ? IPAddress.Loopback
            : Dns.GetHostAddresses(host)[0];
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            throw new InvalidOperationException(
                $"The Kafka port {host}:{port} is already in use (another broker or emulator?). Stop it, or pick another port with --kafka-port.", e);
        }

        var forwarder = new TcpForwarder(listener, target);
        forwarder._acceptLoop = forwarder.AcceptAsync();
        return forwarder;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        lock (_openLock)
        {
            foreach (var socket in _open)
            {
                socket.Dispose();
            }
            _open.Clear();
        }
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(Socket client)
    {
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        Track(client);
        Track(upstream);
        try
        {
            await upstream.ConnectAsync(_target, _stopping.Token);
            using var a = new NetworkStream(client, ownsSocket: false);
            using var b = new NetworkStream(upstream, ownsSocket: false);
            var up = a.CopyToAsync(b, BufferSize, _stopping.Token);
            var down = b.CopyToAsync(a, BufferSize, _stopping.Token);
            // When either side closes, close both (Kafka connections are not half-duplex); then observe
            // the other copy's inevitable failure so it does not surface as an unobserved exception.
            await Task.WhenAny(up, down);
            client.Dispose();
            upstream.Dispose();
            await Task.WhenAll(up, down).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // A dropped connection is the client's or the broker's business; the forwarder just lets go.
        }
        finally
        {
            Untrack(client);
            Untrack(upstream);
        }
    }

    private void Track(Socket socket)
    {
        lock (_openLock)
        {
            _open.Add(socket);
        }
    }

    private void Untrack(Socket socket)
    {
        lock (_openLock)
        {
            _open.Remove(socket);
        }
        socket.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;

namespace DevHarness.Integration.Infrastructure;

/// <summary>A free TCP port on 127.0.0.1, for tests that must name a port before binding it.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

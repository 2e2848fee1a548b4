using System.Net;
using System.Net.Sockets;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// Distinct free loopback ports for one harness, so tests never clash with a running harness on the
/// fixed defaults or with each other (all listeners are held open together, then released).
/// </summary>
internal static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}

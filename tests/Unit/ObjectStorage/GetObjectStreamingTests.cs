using System.Net;
using System.Net.Sockets;
using System.Text;
using DevHarness.Oci.ObjectStorage;

namespace DevHarness.Unit.ObjectStorage;

/// <summary>GetObject hands back the body while it is still arriving: nothing is buffered.</summary>
public sealed class GetObjectStreamingTests
{
    [Fact]
    public async Task GetObjectReturnsBeforeTheBodyHasBeenSent()
    {
        var ct = TestContext.Current.CancellationToken;
        var timeout = TimeSpan.FromSeconds(10);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}") };
        var client = new ObjectStorageClient(http);
        var releaseBody = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var serverTask = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync(ct);
            await using var stream = connection.GetStream();
            var buffer = new byte[4096];
            var head = new StringBuilder();
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                head.Append(Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer, ct)));
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Length: 6\r\n" +
                "Content-Range: bytes 4-9/100\r\nETag: e-stream\r\nopc-request-id: stream-1\r\nConnection: close\r\n\r\nfir"), ct);
            await releaseBody.Task.WaitAsync(timeout, ct);
            await stream.WriteAsync("st!"u8.ToArray(), ct);
            return head.ToString();
        }, ct);

        await using var response = await client.GetObjectAsync("ns", "bkt", "big", new GetObjectOptions(Range: new System.Net.Http.Headers.RangeHeaderValue(4, 9)), ct)
            .WaitAsync(timeout, ct);

        // The headers are here and half the body is not sent yet: the client did not wait for it.
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(6, response.ContentLength);
        Assert.Equal("e-stream", response.ETag);
        Assert.Equal(100, response.ContentRange!.Length);
        var first = new byte[3];
        await response.Content.ReadExactlyAsync(first, ct).AsTask().WaitAsync(timeout, ct);
        Assert.Equal("fir"u8.ToArray(), first);

        releaseBody.SetResult();
        using var rest = new MemoryStream();
        await response.Content.CopyToAsync(rest, ct).WaitAsync(timeout, ct);
        Assert.Equal("st!"u8.ToArray(), rest.ToArray());

        var requestHead = await serverTask.WaitAsync(timeout, ct);
        Assert.StartsWith("GET /n/ns/b/bkt/o/big HTTP/1.1\r\n", requestHead, StringComparison.Ordinal);
        Assert.Contains("\r\nRange: bytes=4-9\r\n", requestHead, StringComparison.Ordinal);
    }
}

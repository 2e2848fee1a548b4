using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using DevHarness.KafkaBroker.Protocol.Apis;

namespace DevHarness.KafkaBroker.Protocol;

/// <summary>
/// One client connection: size-prefixed requests are read, handled and answered one at a time and in
/// order, as a Kafka broker does per connection (a waiting Fetch holds the ones behind it). A request that
/// breaks the protocol, or asks for an API or version not advertised, closes the connection.
/// </summary>
internal sealed class Connection(Socket socket, BrokerContext broker)
{
    /// <summary>Kafka's <c>socket.request.max.bytes</c> default.</summary>
    private const int MaxRequestBytes = 100 * 1024 * 1024;

    private readonly string _remote = socket.RemoteEndPoint?.ToString() ?? "?";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using (socket)
        {
            socket.NoDelay = true;
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var sizeBytes = new byte[4];
            var client = "?";
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await stream.ReadExactlyAsync(sizeBytes, cancellationToken);
                    var size = BinaryPrimitives.ReadInt32BigEndian(sizeBytes);
                    if (size is < 8 or > MaxRequestBytes)
                    {
                        BrokerLog.ProtocolError(broker.Logger, client, _remote, $"a request of {size} bytes");
                        return;
                    }

                    var buffer = ArrayPool<byte>.Shared.Rent(size);
                    try
                    {
                        await stream.ReadExactlyAsync(buffer.AsMemory(0, size), cancellationToken);
                        var reader = new KafkaReader(buffer.AsMemory(0, size));
                        var header = RequestHeader.Read(reader);
                        client = header.ClientId;
                        using var response = new KafkaWriter();
                        if (!await HandleAsync(header, reader, response, cancellationToken))
                        {
                            return;
                        }

                        if (response.Length > 0)
                        {
                            await stream.WriteAsync(response.Written, cancellationToken);
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
            catch (Exception e) when (e is EndOfStreamException or IOException or SocketException or OperationCanceledException)
            {
                // The client went away, or the broker is stopping.
            }
            catch (KafkaProtocolException e)
            {
                BrokerLog.ProtocolError(broker.Logger, client, _remote, e.Message);
            }
        }
    }

    /// <summary>Handles one request; leaves <paramref name="response"/> empty when none is due (acks=0). False closes the connection.</summary>
    private async Task<bool> HandleAsync(RequestHeader header, KafkaReader request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var key = header.ApiKey;
        if (key != ApiKey.ApiVersions && !SupportedApis.Supports(key, header.ApiVersion))
        {
            BrokerLog.UnsupportedApi(broker.Logger, header.ClientId, Enum.IsDefined(key) ? key.ToString() : $"API {(short)key}", header.ApiVersion);
            return false;
        }

        var flexible = SupportedApis.IsFlexible(key, header.ApiVersion);
        request.Flexible = flexible;
        request.TaggedFields(); // request header v2
        response.Int32(0);      // size, patched below
        response.Int32(header.CorrelationId);
        response.Flexible = flexible;
        // ApiVersions answers with response header v0 even in its flexible versions (KIP-511), so a client
        // can read it before it knows what the broker speaks; no other flexible API is advertised.

        try
        {
            switch (key)
            {
                case ApiKey.ApiVersions:
                    ApiVersionsApi.Handle(header, request, response);
                    break;
                case ApiKey.Metadata:
                    MetadataApi.Handle(broker, header, request, response);
                    break;
                case ApiKey.Produce:
                    if (!ProduceApi.Handle(broker, header, request, response))
                    {
                        response.Unreserve(response.Length);
                        return true;
                    }
                    break;
                case ApiKey.Fetch:
                    await FetchApi.HandleAsync(broker, header, request, response, cancellationToken);
                    break;
                case ApiKey.ListOffsets:
                    ListOffsetsApi.Handle(broker, header, request, response);
                    break;
                case ApiKey.FindCoordinator:
                    FindCoordinatorApi.Handle(broker, header, request, response);
                    break;
                case ApiKey.JoinGroup:
                    await GroupApis.JoinAsync(broker, header, request, response, cancellationToken);
                    break;
                case ApiKey.SyncGroup:
                    await GroupApis.SyncAsync(broker, header, request, response, cancellationToken);
                    break;
                case ApiKey.Heartbeat:
                    GroupApis.Heartbeat(broker, header, request, response);
                    break;
                case ApiKey.LeaveGroup:
                    GroupApis.Leave(broker, header, request, response);
                    break;
                case ApiKey.OffsetCommit:
                    OffsetApis.Commit(broker, header, request, response);
                    break;
                case ApiKey.OffsetFetch:
                    OffsetApis.Fetch(broker, header, request, response);
                    break;
            }
        }
        catch (Exception e) when (e is not (KafkaProtocolException or OperationCanceledException))
        {
            BrokerLog.RequestFailed(broker.Logger, e, key.ToString(), header.ClientId);
            return false;
        }

        response.PatchInt32(0, response.Length - 4);
        return true;
    }
}

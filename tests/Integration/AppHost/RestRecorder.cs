using System.Collections.Concurrent;
using System.Globalization;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// The same recording through the OCI Streaming REST facade: a <c>LATEST</c> cursor per partition taken
/// before the uploads, then <c>GetMessages</c> polled with <c>opc-next-cursor</c>, as an OCI consumer does.
/// </summary>
internal sealed class RestRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private RestRecorder(StreamClient client, string streamId, string[] cursors, string keyPrefix)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var received = 0;
                for (var partition = 0; partition < cursors.Length; partition++)
                {
                    try
                    {
                        var page = await client.GetMessagesAsync(streamId, cursors[partition], 1000, _stop.Token);
                        cursors[partition] = page.NextCursor ?? cursors[partition];
                        received += page.Messages.Count;
                        foreach (var message in page.Messages)
                        {
                            var key = message.Key is null ? "" : System.Text.Encoding.UTF8.GetString(message.Key);
                            if (key.StartsWith(keyPrefix, StringComparison.Ordinal))
                            {
                                _messages.Enqueue(new RecordedMessage(
                                    int.Parse(message.Partition, CultureInfo.InvariantCulture), message.Offset, key, message.Value));
                            }
                        }
                    }
                    catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                }

                if (received == 0)
                {
                    try
                    {
                        await Task.Delay(100, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        });
    }

    public IReadOnlyList<RecordedMessage> Messages => [.. _messages];

    public static async Task<RestRecorder> StartAsync(StreamClient client, string streamId, int partitions, string keyPrefix, CancellationToken cancellationToken)
    {
        var cursors = new string[partitions];
        for (var partition = 0; partition < partitions; partition++)
        {
            var cursor = await client.CreateCursorAsync(
                streamId, new CreateCursorDetails(partition.ToString(CultureInfo.InvariantCulture), CursorType.Latest), cancellationToken);
            cursors[partition] = cursor.Value;
        }

        return new RestRecorder(client, streamId, cursors, keyPrefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }
}

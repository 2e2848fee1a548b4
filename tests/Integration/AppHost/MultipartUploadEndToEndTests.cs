using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Confluent.Kafka;
using DevHarness.Integration.Infrastructure;
using DevHarness.Oci.Events;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// A file uploaded in parts by Oracle's official UploadManager to the AppHost's Object Storage emulator
/// reaches the stream complete, once, for a consumer that joins a group with Confluent.Kafka's defaults.
/// The object is 900 KiB in four parts (three of 256 KiB, the last short; OCI publishes no minimum part size
/// and waives any for the last part), so its ~1.2 MiB of base64 stays well within what the embedded broker
/// keeps per partition.
/// </summary>
public sealed class MultipartUploadEndToEndTests(KafkaPublisherHarness fixture) : IClassFixture<KafkaPublisherHarness>
{
    private const int PartSize = 256 * 1024;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task AMultipartUploadArrivesInTheStreamCompleteForAConsumerWithDefaultSettings()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"t-{Guid.NewGuid():N}/parts/report.bin";
        var body = RandomNumberGenerator.GetBytes(900 * 1024);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, body, ct);
            using var key = RSA.Create(2048);
            var environment = new Dictionary<string, string>
            {
                ["OS_ENDPOINT"] = $"http://127.0.0.1:{fixture.Host.ObjectStoragePort}",
                ["OCI_PRIVATE_KEY"] = key.ExportPkcs8PrivateKeyPem(),
            };
            var upload = (await NodeClients.RunAsync(
                "objectstorage/upload-file.mjs", environment, [HarnessHost.Bucket, name, file, PartSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "application/octet-stream"], cancellationToken: ct))
                .EnsureSuccess();
            using var result = JsonDocument.Parse(upload.Stdout);
            Assert.EndsWith("-4", result.RootElement.GetProperty("multipartMd5").GetString(), StringComparison.Ordinal);
            var write = new ExpectedWrite(ObjectStorageEventKind.Create, body, "application/octet-stream", result.RootElement.GetProperty("eTag").GetString());

            var keyOf = RelayContract.KeyOf(HarnessHost.Namespace, HarnessHost.Bucket, name);
            var messages = await ConsumeAsync(keyOf, write, ct);
            RelayContract.AssertObject(messages, HarnessHost.Namespace, HarnessHost.Bucket, name, [write]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A group member with the client's defaults (only where to start is set), reading until the object is complete.</summary>
    private async Task<IReadOnlyList<RecordedMessage>> ConsumeAsync(string key, ExpectedWrite write, CancellationToken ct)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = fixture.Host.KafkaBootstrap,
            GroupId = "multipart-e2e-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        var seen = new ConcurrentQueue<RecordedMessage>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(DeliveryTimeout);
        await Task.Factory.StartNew(
            () =>
            {
                using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
                consumer.Subscribe(HarnessHost.Topic);
                try
                {
                    while (!RelayContract.IsComplete([.. seen], key, [write]))
                    {
                        var result = consumer.Consume(stop.Token);
                        if (result.Message.Key is { } bytes && System.Text.Encoding.UTF8.GetString(bytes) == key)
                        {
                            seen.Enqueue(new RecordedMessage(result.Partition.Value, result.Offset.Value, key, result.Message.Value ?? []));
                        }
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    Assert.Fail($"The stream did not carry all of {key} within {DeliveryTimeout}: {seen.Count} message(s) seen.");
                }
                finally
                {
                    consumer.Close();
                }
            },
            ct,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        return [.. seen];
    }
}

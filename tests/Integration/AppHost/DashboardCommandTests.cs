using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using DevHarness.Hosting.Oci;
using Microsoft.Extensions.DependencyInjection;

namespace DevHarness.Integration.AppHost;

/// <summary>The dashboard's resource commands, executed the way the dashboard does (ResourceCommandService).</summary>
public sealed class DashboardCommandTests(KafkaPublisherHarness fixture) : IClassFixture<KafkaPublisherHarness>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task UploadSampleObjectFlowsIntoTheStreamAndTailShowsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = fixture.Host;
        var samples = RelayContract.KeyOf(HarnessHost.Namespace, HarnessHost.Bucket, "samples/");
        await using var kafka = KafkaRecorder.Start(host.KafkaBootstrap, HarnessHost.Topic, HarnessHost.Partitions, samples);

        var upload = await host.App.ResourceCommands.ExecuteCommandAsync("objectstorage", OciDashboardCommands.UploadSample, ct).WaitAsync(Timeout, ct);
        Assert.True(upload.Success, upload.Message);

        var deadline = DateTime.UtcNow + Timeout;
        while (kafka.Messages.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        var messages = kafka.Messages;
        Assert.Equal(2, messages.Count);
        var objectName = messages[0].Key[(HarnessHost.Namespace.Length + HarnessHost.Bucket.Length + 2)..];
        Assert.Matches(@"^samples/sample-\d{8}-\d{6}-\d{3}\.json$", objectName);
        using var data = JsonDocument.Parse(messages[1].Value);
        var sample = Encoding.UTF8.GetString(data.RootElement.GetProperty("data_base64").GetBytesFromBase64());
        Assert.Contains("hello from the sample upload", sample, StringComparison.Ordinal);

        var stream = host.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "stream");
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tailLine = FindLogLineAsync(host, stream, $"key={messages[0].Key}", watch.Token);
        var tail = await host.App.ResourceCommands.ExecuteCommandAsync("stream", OciDashboardCommands.TailStream, ct).WaitAsync(Timeout, ct);
        Assert.True(tail.Success, tail.Message);
        var line = await tailLine.WaitAsync(Timeout, ct);
        Assert.Contains("OCI event com.oraclecloud.objectstorage.createobject", line, StringComparison.Ordinal);
        await watch.CancelAsync();
    }

    private static async Task<string> FindLogLineAsync(HarnessHost host, IResource resource, string text, CancellationToken ct)
    {
        var logs = host.App.Services.GetRequiredService<ResourceLoggerService>();
        await foreach (var batch in logs.WatchAsync(resource).WithCancellation(ct))
        {
            foreach (var line in batch)
            {
                if (line.Content.Contains(text, StringComparison.Ordinal))
                {
                    return line.Content;
                }
            }
        }

        throw new InvalidOperationException($"the log of {resource.Name} ended without '{text}'");
    }
}

using System.Globalization;
using System.Text;
using Confluent.Kafka;
using DevHarness.Oci;
using DevHarness.Oci.ObjectStorage;
using Microsoft.Extensions.Logging;

namespace DevHarness.AppHost;

/// <summary>The dashboard's resource commands: Upload sample object, Tail stream, Replay fixtures.</summary>
internal static class DashboardCommands
{
    public const string UploadSample = "upload-sample";
    public const string TailStream = "tail-stream";
    public const string ReplayFixtures = "replay-fixtures";

    /// <summary>How many messages Tail stream shows.</summary>
    public const int TailCount = 20;

    /// <summary>PUTs a small JSON object into the bucket, exactly as an OCI SDK would (the event follows by itself).</summary>
    public static IResourceBuilder<ProjectResource> WithUploadSampleCommand(
        this IResourceBuilder<ProjectResource> objectStorage, HarnessPorts ports, HarnessParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(parameters);
        return objectStorage.WithCommand(
            UploadSample,
            "Upload sample object",
            async context =>
            {
                var ns = await parameters.Namespace.Resource.GetValueAsync(context.CancellationToken) ?? HarnessSettings.DefaultNamespace;
                var bucket = await parameters.Bucket.Resource.GetValueAsync(context.CancellationToken) ?? HarnessSettings.DefaultBucket;
                var now = DateTimeOffset.UtcNow;
                var name = $"samples/sample-{now.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}.json";
                var body = Encoding.UTF8.GetBytes(
                    $$"""{"source":"DevHarness dashboard","uploadedAt":"{{now.ToString("O", CultureInfo.InvariantCulture)}}","message":"hello from the sample upload"}""");
                PutObjectResponse response;
                try
                {
                    using var http = new HttpClient { BaseAddress = new Uri(ports.ObjectStorageUrl), Timeout = TimeSpan.FromSeconds(30) };
                    using var stream = new MemoryStream(body);
                    response = await new ObjectStorageClient(http).PutObjectAsync(
                        ns, bucket, name, stream, new PutObjectOptions(ContentType: "application/json"), context.CancellationToken);
                }
                catch (Exception ex) when (ex is OciException or HttpRequestException)
                {
                    return CommandResults.Failure($"PutObject {name} failed: {ex.Message}");
                }

                context.Logger.SampleUploaded(name, ns, bucket, body.Length, response.ETag);
                return CommandResults.Success($"Uploaded {name} to /n/{ns}/b/{bucket}: watch the relay's console, then Tail stream.");
            },
            new CommandOptions
            {
                Description = "PutObject a small JSON file into the bucket; the event flows through Events and the relay into the stream.",
                IconName = "ArrowUpload",
                IsHighlighted = true,
                UpdateState = RunningOnly,
            });
    }

    /// <summary>Logs the stream's newest messages, decoded, into the resource's console.</summary>
    public static IResourceBuilder<T> WithTailStreamCommand<T>(
        this IResourceBuilder<T> resource, ClientConfig connection, string topic)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(connection);
        return resource.WithCommand(
            TailStream,
            "Tail stream",
            async context =>
            {
                IReadOnlyList<TailedMessage> messages;
                try
                {
                    messages = await StreamTail.ReadAsync(connection, topic, TailCount, context.CancellationToken);
                }
                catch (Exception ex) when (ex is KafkaException or InvalidOperationException)
                {
                    return CommandResults.Failure($"Could not read {topic}: {ex.Message}");
                }

                context.Logger.TailHeader(topic, messages.Count);
                if (context.Logger.IsEnabled(LogLevel.Information))
                {
                    foreach (var message in messages)
                    {
                        context.Logger.TailMessage(message.Partition, message.Offset, message.Timestamp, message.KeyText, message.Summary());
                    }
                }

                return CommandResults.Success($"{messages.Count} message(s) of {topic} written to this resource's console.");
            },
            new CommandOptions
            {
                Description = $"Log the last {TailCount} messages of the stream, decoded, into this resource's console.",
                IconName = "TextBulletListSquare",
                IsHighlighted = true,
                UpdateState = RunningOnly,
            });
    }

    /// <summary>Runs <c>replay</c> against the relay; its summary table is the command's result.</summary>
    public static IResourceBuilder<ProjectResource> WithReplayFixturesCommand(
        this IResourceBuilder<ProjectResource> relay, HarnessSettings settings, string appHostDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var arguments = new List<string>
        {
            "run", "--no-build", "--no-launch-profile", "-c", Extensions.BuildConfiguration, "--project", Extensions.EmulatorsProjectPath, "--",
        };
        arguments.AddRange(ReplayArguments.For(settings, appHostDirectory));
#pragma warning disable ASPIREPROCESSCOMMAND001 // Evaluation API, chosen because it returns the replay's own summary table to the dashboard.
        return relay.WithProcessCommand(
            ReplayFixtures,
            "Replay fixtures",
            "dotnet",
            arguments,
            new ProcessCommandOptions
            {
                Description = "Send every recorded event in fixtures/events to the relay (seeding the objects they name).",
                IconName = "ArrowRepeatAll",
                IsHighlighted = true,
                MaxOutputLineCount = 200,
                UpdateState = RunningOnly,
            });
#pragma warning restore ASPIREPROCESSCOMMAND001
    }

    private static ResourceCommandState RunningOnly(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;
}

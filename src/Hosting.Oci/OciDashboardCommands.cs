using System.Globalization;
using System.Text;
using Confluent.Kafka;
using DevHarness.Oci;
using DevHarness.Oci.ObjectStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DevHarness.Hosting.Oci;

/// <summary>The dashboard commands the OCI resources own: Upload sample object, Tail stream, Start clean, Replay fixtures.</summary>
internal static class OciDashboardCommands
{
    public const string UploadSample = "upload-sample";
    public const string TailStream = "tail-stream";
    public const string StartClean = "start-clean";
    public const string ReplayFixtures = "replay-fixtures";

    /// <summary>How many messages Tail stream shows.</summary>
    public const int TailCount = 20;

    /// <summary>PUTs a small JSON object into the emulator's first bucket, exactly as an OCI SDK would (the event follows by itself).</summary>
    public static IResourceBuilder<OciObjectStorageEmulatorResource> WithUploadSampleCommand(this IResourceBuilder<OciObjectStorageEmulatorResource> builder)
    {
        var emulator = builder.Resource;
        return builder.WithCommand(
            UploadSample,
            "Upload sample object",
            async context =>
            {
                var ns = emulator.Namespace;
                var bucket = emulator.EffectiveBuckets.First();
                var now = DateTimeOffset.UtcNow;
                var name = $"samples/sample-{now.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}.json";
                var body = Encoding.UTF8.GetBytes(
                    $$"""{"source":"DevHarness dashboard","uploadedAt":"{{now.ToString("O", CultureInfo.InvariantCulture)}}","message":"hello from the sample upload"}""");
                PutObjectResponse response;
                try
                {
                    var url = await emulator.Url.GetValueAsync(context.CancellationToken);
                    using var http = new HttpClient { BaseAddress = new Uri(url!), Timeout = TimeSpan.FromSeconds(30) };
                    using var stream = new MemoryStream(body);
                    response = await new ObjectStorageClient(http).PutObjectAsync(
                        ns, bucket, name, stream, new PutObjectOptions(ContentType: "application/json"), context.CancellationToken);
                }
                catch (Exception ex) when (ex is OciException or HttpRequestException)
                {
                    return CommandResults.Failure($"PutObject {name} failed: {ex.Message}");
                }

                context.Logger.SampleUploaded(name, ns, bucket, body.Length, response.ETag);
                return CommandResults.Success($"Uploaded {name} to /n/{ns}/b/{bucket}: watch the function's console, then Tail stream.");
            },
            new CommandOptions
            {
                Description = "PutObject a small JSON file into the bucket; the event flows through Events and the function into the stream.",
                IconName = "ArrowUpload",
                IsHighlighted = true,
                UpdateState = RunningOnly,
            });
    }

    /// <summary>Logs the stream's newest messages, decoded, into the resource's console.</summary>
    public static IResourceBuilder<T> WithTailStreamCommand<T>(this IResourceBuilder<T> builder, Func<CancellationToken, Task<ClientConfig>> connection, string topic)
        where T : IResource =>
        builder.WithCommand(
            TailStream,
            "Tail stream",
            async context =>
            {
                IReadOnlyList<TailedMessage> messages;
                try
                {
                    messages = await StreamTail.ReadAsync(await connection(context.CancellationToken), topic, TailCount, context.CancellationToken);
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

    /// <summary>Stops the resource, removes its data folder, and starts it again: a stream (or bucket store) with nothing in it.</summary>
    public static IResourceBuilder<T> WithStartCleanCommand<T>(this IResourceBuilder<T> builder, Func<string?> dataFolder)
        where T : IResource =>
        builder.WithCommand(
            StartClean,
            "Start clean",
            async context =>
            {
                if (dataFolder() is not { } folder)
                {
                    return CommandResults.Failure("This resource keeps no data folder (WithDataFolder was not called).");
                }

                var commands = context.Services.GetRequiredService<ResourceCommandService>();
                var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
                var resource = builder.Resource;
                var stop = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, context.CancellationToken);
                if (!stop.Success)
                {
                    return CommandResults.Failure($"Could not stop {resource.Name}: {stop.Message}");
                }

                await notifications.WaitForResourceAsync(
                    resource.Name, [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart], context.CancellationToken);
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                context.Logger.StartedClean(resource.Name, folder);
                var start = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, context.CancellationToken);
                return start.Success
                    ? CommandResults.Success($"{folder} removed; {resource.Name} is starting with nothing in it.")
                    : CommandResults.Failure($"{folder} removed, but {resource.Name} did not start: {start.Message}");
            },
            new CommandOptions
            {
                Description = "Stop, delete everything kept in the data folder, and start again.",
                IconName = "DeleteDismiss",
                ConfirmationMessage = "Delete everything this resource has kept on disk and restart it?",
                UpdateState = context => context.ResourceSnapshot.State?.Text is { } state && state != KnownResourceStates.Starting
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });

    public static ResourceCommandState RunningOnly(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;
}

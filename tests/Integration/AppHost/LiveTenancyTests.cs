using System.Globalization;
using System.Text;
using DevHarness.Oci.Config;
using DevHarness.Oci.Events;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Regions;
using DevHarness.Oci.Signing;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// Opt-in, against a real tenancy: uploads an object to the bucket an Events rule watches and waits for
/// the deployed relay's messages in the real stream (Object Storage → Events → Function → Stream), with the
/// same contract assertions as the local suite. Skipped, naming what is missing, unless configured
/// (README "The end-to-end tests"; the CI <c>live</c> job sets it from repository secrets).
/// </summary>
public sealed class LiveTenancyTests
{
    private static readonly string[] Required =
    [
        "DEVHARNESS_LIVE_PROFILE", "DEVHARNESS_LIVE_NAMESPACE", "DEVHARNESS_LIVE_BUCKET",
        "DEVHARNESS_LIVE_STREAM_OCID", "DEVHARNESS_LIVE_STREAM_ENDPOINT",
    ];

    [Fact]
    public async Task UploadToTheTenancyReachesTheRealStreamAsTheContractSays()
    {
        var missing = Required.Where(name => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name))).ToList();
        if (missing.Count > 0)
        {
            Assert.Skip($"Live tenancy tests are opt-in: set {string.Join(", ", missing)} (README \"The end-to-end tests\").");
        }

        var ct = TestContext.Current.CancellationToken;
        var ns = Environment.GetEnvironmentVariable("DEVHARNESS_LIVE_NAMESPACE")!;
        var bucket = Environment.GetEnvironmentVariable("DEVHARNESS_LIVE_BUCKET")!;
        var streamId = Environment.GetEnvironmentVariable("DEVHARNESS_LIVE_STREAM_OCID")!;
        var timeout = TimeSpan.FromSeconds(int.Parse(
            Environment.GetEnvironmentVariable("DEVHARNESS_LIVE_TIMEOUT_SECONDS") ?? "120", CultureInfo.InvariantCulture));
        var profile = OciConfigFile.Load(profile: Environment.GetEnvironmentVariable("DEVHARNESS_LIVE_PROFILE")!);
        var region = Region.Parse(profile.Region ?? throw new InvalidOperationException($"[{profile.Name}] in {profile.FilePath} has no region."));
        var keys = profile.CreateKeyProvider();
        using var objectStorageHttp = new HttpClient(new RequestSigningHandler(keys) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = region.ObjectStorageEndpoint,
        };
        using var streamHttp = new HttpClient(new RequestSigningHandler(keys) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(Environment.GetEnvironmentVariable("DEVHARNESS_LIVE_STREAM_ENDPOINT")!),
        };
        var objectStorage = new ObjectStorageClient(objectStorageHttp);
        var streams = new StreamClient(streamHttp);

        // A consumer group cursor spans every partition; LATEST is taken before the upload.
        var cursor = (await streams.CreateGroupCursorAsync(
            streamId,
            new CreateGroupCursorDetails(CursorType.Latest, "devharness-live-tests", InstanceName: Guid.NewGuid().ToString("N"), CommitOnGet: true),
            ct)).Value;
        var name = $"devharness-live/{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.json";
        var body = Encoding.UTF8.GetBytes($"{{\"test\":\"{name}\"}}");
        PutObjectResponse put;
        using (var stream = new MemoryStream(body))
        {
            put = await objectStorage.PutObjectAsync(ns, bucket, name, stream, new PutObjectOptions(ContentType: "application/json"), ct);
        }

        try
        {
            var write = new ExpectedWrite(ObjectStorageEventKind.Create, body, "application/json", put.ETag);
            var key = RelayContract.KeyOf(ns, bucket, name);
            var received = new List<RecordedMessage>();
            var deadline = DateTime.UtcNow + timeout;
            while (!RelayContract.IsComplete(received, key, [write]))
            {
                Assert.True(DateTime.UtcNow < deadline, $"no complete set of messages for {key} in the stream after {timeout}");
                var page = await streams.GetMessagesAsync(streamId, cursor, 1000, ct);
                cursor = page.NextCursor ?? cursor;
                received.AddRange(page.Messages
                    .Where(m => m.Key is not null && Encoding.UTF8.GetString(m.Key) == key)
                    .Select(m => new RecordedMessage(int.Parse(m.Partition, CultureInfo.InvariantCulture), m.Offset, key, m.Value)));
                // GetMessages is throttled per consumer group (docs/oci-facts.md §2.5): about one call a second.
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }

            RelayContract.AssertObject(received, ns, bucket, name, [write]);
        }
        finally
        {
            await objectStorage.DeleteObjectAsync(ns, bucket, name, cancellationToken: CancellationToken.None);
        }
    }
}

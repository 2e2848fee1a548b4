using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DevHarness.Benchmarks.AppHost;
using DevHarness.Benchmarks.Loop;
using DevHarness.Benchmarks.Streaming;

namespace DevHarness.Benchmarks.Peers;

/// <summary>
/// <c>peers [--seconds 10] [--folder DIR]</c>: installs Azurite and kinesalite from npm (pinned versions, into
/// DIR or a temporary folder) and measures them beside our Object Storage and stream emulators in one run,
/// with one load generator (<see cref="ClosedLoad"/>: 16 keep-alive clients, 1 KiB bodies): PutObject and
/// GetObject against Azurite's blob PUT and GET (SharedKey-signed with its development account), and
/// PutMessages against Kinesis PutRecords, 1 and 100 records a request. Prints each figure and our ratio.
/// </summary>
internal sealed class PeersScenario : IScenario
{
    private const string AzuriteVersion = "azurite@3.37.0";

    private const string KinesaliteVersion = "kinesalite@3.3.3";

    private const string StreamId = "ocid1.stream.oc1.local.peers";

    private static readonly byte[] Body = CreateBody();

    public string Name => "peers";

    public string Description => "Our Object Storage and stream emulators beside Azurite and kinesalite (npm), one load generator, ratios";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(ScenarioArguments.Int(args, "--seconds", 10));
        var folder = ScenarioArguments.Value(args, "--folder") ?? Directory.CreateTempSubdirectory("devharness-bench-peers-").FullName;
        await NodePeer.InstallAsync(folder, [AzuriteVersion, KinesaliteVersion], cancellationToken);
        var ports = HarnessProcess.FreePorts(3);
        var hardLimit = TimeSpan.FromMinutes(15);
        await using var objectStorage = await EmulatorCommandProcess.StartAsync("objectstorage", ports[0], [], hardLimit, cancellationToken);
        await using var azurite = await NodePeer.StartAsync(folder, "azurite-blob", ports[1],
            ["--blobHost", "127.0.0.1", "--blobPort", ports[1].ToString(CultureInfo.InvariantCulture), "--silent", "--skipApiVersionCheck", "--inMemoryPersistence"], cancellationToken);
        using var stream = await StreamProcess.StartAsync($"{StreamId}=peers:1", cancellationToken);
        await using var kinesalite = await NodePeer.StartAsync(folder, "kinesalite", ports[2],
            ["--port", ports[2].ToString(CultureInfo.InvariantCulture), "--createStreamMs", "0"], cancellationToken);
        await PrepareAsync(azurite.Url, kinesalite.Url, cancellationToken);

        var rows = new List<(string Figure, LoadFigure Ours, LoadFigure Peer, string PeerName)>();
        async Task<(LoadFigure Ours, LoadFigure Peer)> Compare(string figure, Uri ours, Func<HttpClient, int, Task> ourOperation, string peerName, Uri peer, Func<HttpClient, int, Task> peerOperation)
        {
            var our = await ClosedLoad.RunAsync(ours, duration, ourOperation, cancellationToken);
            var their = await ClosedLoad.RunAsync(peer, duration, peerOperation, cancellationToken);
            rows.Add((figure, our, their, peerName));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peers: {figure}: ours {our.PerSecond:F0}/s (p50 {our.P50:F1} ms, p99 {our.P99:F1} ms), {peerName} {their.PerSecond:F0}/s (p50 {their.P50:F1} ms, p99 {their.P99:F1} ms); "
                + $"ratio {our.PerSecond / their.PerSecond:F2}; load average {MachineLoad.Describe()}"));
            return (our, their);
        }

        var (ourPuts, azuritePuts) = await Compare("PutObject vs blob PUT, 1 KiB", objectStorage.Url, PutObjectAsync, "Azurite", azurite.Url, PutBlobAsync);
        // Reads cycle over what the writes left: names 0 … min(ReadSet, writes) - 1.
        var ourObjects = Math.Min(ReadSet, ourPuts.Operations);
        var azuriteBlobs = Math.Min(ReadSet, azuritePuts.Operations);
        await Compare("GetObject vs blob GET, 1 KiB", objectStorage.Url, (c, i) => GetObjectAsync(c, i % ourObjects),
            "Azurite", azurite.Url, (c, i) => GetBlobAsync(c, i % azuriteBlobs));
        foreach (var batch in new[] { 1, 100 })
        {
            await Compare($"PutMessages vs PutRecords, {batch} × 1 KiB a request (requests/s)", stream.FacadeUrl, (c, _) => PutMessagesAsync(c, batch),
                "kinesalite", kinesalite.Url, (c, i) => PutRecordsAsync(c, i, batch));
        }

        Console.WriteLine("peers: " + string.Join("; ", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Figure} {r.Ours.PerSecond / r.Peer.PerSecond:F2}× {r.PeerName}"))));
        return 0;
    }

    // Writes cycle over this many names, so reads find what they wrote.
    private const int ReadSet = 1000;

    private static async Task PutObjectAsync(HttpClient client, int i)
    {
        using var response = await client.PutAsync($"/n/devharness/b/uploads/o/peers/{i % ReadSet}", new ByteArrayContent(Body));
        await ClosedLoad.EnsureAsync(response, "PutObject");
    }

    private static async Task GetObjectAsync(HttpClient client, int i)
    {
        using var response = await client.GetAsync($"/n/devharness/b/uploads/o/peers/{i}");
        await ClosedLoad.EnsureAsync(response, "GetObject");
    }

    private static async Task PutBlobAsync(HttpClient client, int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/{AzuriteSharedKey.Account}/peers/blob{i % ReadSet}") { Content = new ByteArrayContent(Body) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        AzuriteSharedKey.Sign(request);
        using var response = await client.SendAsync(request);
        await ClosedLoad.EnsureAsync(response, "Azurite PUT blob");
    }

    private static async Task GetBlobAsync(HttpClient client, int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{AzuriteSharedKey.Account}/peers/blob{i}");
        AzuriteSharedKey.Sign(request);
        using var response = await client.SendAsync(request);
        await ClosedLoad.EnsureAsync(response, "Azurite GET blob");
    }

    private static async Task PutMessagesAsync(HttpClient client, int batch)
    {
        var value = Convert.ToBase64String(Body);
        var messages = string.Join(",", Enumerable.Range(0, batch).Select(_ => $$"""{"key":null,"value":"{{value}}"}"""));
        using var content = new StringContent($$"""{"messages":[{{messages}}]}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"/20180418/streams/{StreamId}/messages", content);
        await ClosedLoad.EnsureAsync(response, "PutMessages");
    }

    private static async Task PutRecordsAsync(HttpClient client, int i, int batch)
    {
        var data = Convert.ToBase64String(Body);
        var records = string.Join(",", Enumerable.Range(0, batch).Select(r => $$"""{"Data":"{{data}}","PartitionKey":"k{{i}}-{{r}}"}"""));
        using var response = await client.SendAsync(KinesisRequest("PutRecords", $$"""{"StreamName":"peers","Records":[{{records}}]}"""));
        await ClosedLoad.EnsureAsync(response, "PutRecords");
    }

    /// <summary>The Azurite container and the Kinesis stream the figures write to.</summary>
    private static async Task PrepareAsync(Uri azurite, Uri kinesalite, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var container = new HttpRequestMessage(HttpMethod.Put, new Uri(azurite, $"/{AzuriteSharedKey.Account}/peers?restype=container"));
        AzuriteSharedKey.Sign(container);
        using (var created = await http.SendAsync(container, cancellationToken))
        {
            await ClosedLoad.EnsureAsync(created, "Azurite create container");
        }

        using var create = KinesisRequest("CreateStream", """{"StreamName":"peers","ShardCount":1}""");
        create.RequestUri = kinesalite;
        using (var created = await http.SendAsync(create, cancellationToken))
        {
            await ClosedLoad.EnsureAsync(created, "kinesalite CreateStream");
        }
    }

    /// <summary>
    /// A Kinesis JSON request with a SigV4-shaped Authorization header for dummy credentials: kinesalite checks
    /// that one is there, not the signature.
    /// </summary>
    private static HttpRequestMessage KinesisRequest(string action, string json)
    {
        var date = DateTime.UtcNow;
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "Kinesis_20131202." + action);
        request.Headers.Add("X-Amz-Date", date.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date:yyyyMMdd}/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={new string('0', 64)}");
        return request;
    }

    private static byte[] CreateBody()
    {
        var body = new byte[1024];
        Random.Shared.NextBytes(body);
        return body;
    }
}

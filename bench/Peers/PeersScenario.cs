using System.Globalization;
using DevHarness.Benchmarks.AppHost;
using DevHarness.Benchmarks.Loop;
using DevHarness.Benchmarks.Streaming;

namespace DevHarness.Benchmarks.Peers;

/// <summary>
/// <c>peers [--seconds 10] [--warmup 2] [--folder DIR]</c>: installs Azurite, s3rver and kinesalite from npm (pinned versions,
/// into DIR or a temporary folder) and measures them beside our Object Storage and stream emulators in one run,
/// with one load generator (<see cref="ClosedLoad"/>: 16 keep-alive clients, 1 KiB bodies): PutObject and
/// GetObject against Azurite's blob PUT and GET (SharedKey-signed with its development account), in memory both,
/// then on disk both (our <c>--data-dir</c>, Azurite's <c>--location</c>) and against s3rver (always on disk;
/// unsigned requests, which it accepts), 1 MiB PUTs on disk the same way; PutMessages against Kinesis
/// PutRecords, 1 and 100 records a request, and GetMessages against GetRecords (limit 100, each client
/// reading from the oldest record with a cursor made before the load). Every server first gets the same load,
/// unmeasured, for <c>--warmup</c> seconds. Prints each figure and our ratio.
/// </summary>
internal sealed class PeersScenario : IScenario
{
    private const string StreamId = "ocid1.stream.oc1.local.peers";

    private const string Bucket = "peers";

    // Writes cycle over this many names, so reads find what they wrote.
    private const int ReadSet = 1000;

    // 1 MiB writes cycle over fewer names: the disk holds this many MiB per server.
    private const int LargeSet = 64;

    private const int ReadLimit = 100;

    private static readonly byte[] Body = CreateBody(1024);

    private static readonly byte[] LargeBody = CreateBody(1024 * 1024);

    public string Name => "peers";

    public string Description => "Our Object Storage and stream emulators beside Azurite, s3rver and kinesalite (npm), memory and disk, one load generator, ratios";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(ScenarioArguments.Int(args, "--seconds", 10));
        var warmUp = TimeSpan.FromSeconds(ScenarioArguments.Int(args, "--warmup", 2));
        var folder = ScenarioArguments.Value(args, "--folder") ?? Directory.CreateTempSubdirectory("devharness-bench-peers-").FullName;
        await NodePeer.InstallAsync(folder, [NodePeer.Azurite, NodePeer.Kinesalite, NodePeer.S3rver], cancellationToken);
        var data = Directory.CreateTempSubdirectory("devharness-bench-peers-data-").FullName;
        try
        {
            return await MeasureAsync(folder, data, duration, warmUp, cancellationToken);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(string folder, string data, TimeSpan duration, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        var ports = HarnessProcess.FreePorts(6);
        string Port(int i) => ports[i].ToString(CultureInfo.InvariantCulture);
        var hardLimit = TimeSpan.FromMinutes(30);
        await using var objectStorage = await EmulatorCommandProcess.StartAsync("objectstorage", ports[0], [], hardLimit, cancellationToken);
        await using var objectStorageDisk = await EmulatorCommandProcess.StartAsync("objectstorage", ports[1],
            ["--data-dir", Path.Combine(data, "objectstorage")], hardLimit, cancellationToken);
        await using var azurite = await NodePeer.StartAsync(folder, "azurite-blob", ports[2],
            ["--blobHost", "127.0.0.1", "--blobPort", Port(2), "--silent", "--skipApiVersionCheck", "--inMemoryPersistence"], cancellationToken);
        await using var azuriteDisk = await NodePeer.StartAsync(folder, "azurite-blob", ports[3],
            ["--blobHost", "127.0.0.1", "--blobPort", Port(3), "--silent", "--skipApiVersionCheck", "--location", Path.Combine(data, "azurite")], cancellationToken);
        await using var s3rver = await NodePeer.StartAsync(folder, "s3rver", ports[4],
            ["-d", Path.Combine(data, "s3rver"), "-a", "127.0.0.1", "-p", Port(4), "--silent", "--configure-bucket", Bucket], cancellationToken);
        using var stream = await StreamProcess.StartAsync($"{StreamId}=peers:1", cancellationToken);
        await using var kinesalite = await NodePeer.StartAsync(folder, "kinesalite", ports[5], ["--port", Port(5), "--createStreamMs", "0"], cancellationToken);
        await PrepareAsync([azurite.Url, azuriteDisk.Url], kinesalite.Url, cancellationToken);

        var rows = new List<(string Figure, double Ours, double Peer, string PeerName)>();
        async Task<LoadFigure[]> Compare(string figure, Target ours, params Target[] peers)
        {
            var figures = new List<LoadFigure>();
            foreach (var target in (Target[])[ours, .. peers])
            {
                // Unmeasured first: JIT and V8 warm-up, connections, first files.
                await ClosedLoad.RunAsync(target.Url, warmUp, target.Operation, cancellationToken);
                figures.Add(await ClosedLoad.RunAsync(target.Url, duration, target.Operation, cancellationToken));
            }

            var our = figures[0];
            rows.AddRange(peers.Select((p, i) => (figure, our.UnitsPerSecond, figures[i + 1].UnitsPerSecond, p.Name)));
            var theirs = peers.Select((p, i) => string.Create(CultureInfo.InvariantCulture,
                $"{p.Name} {Describe(figures[i + 1])}, ratio {our.UnitsPerSecond / figures[i + 1].UnitsPerSecond:F2}"));
            Console.WriteLine($"peers: {figure}: ours {Describe(our)}, {string.Join(", ", theirs)}; load average {MachineLoad.Describe()}");
            return [.. figures];
        }

        // Reads cycle over what each server's writes left: names 0 … min(ReadSet, writes) - 1.
        static int Written(LoadFigure puts) => Math.Min(ReadSet, puts.Operations);

        var memoryPuts = await Compare("PutObject vs blob PUT, 1 KiB, memory",
            new Target("ours", objectStorage.Url, ClosedLoad.Once(PutObjectAsync)), new Target("Azurite", azurite.Url, ClosedLoad.Once(PutBlobAsync)));
        await Compare("GetObject vs blob GET, 1 KiB, memory",
            new Target("ours", objectStorage.Url, ClosedLoad.Once((c, i) => GetObjectAsync(c, i % Written(memoryPuts[0])))),
            new Target("Azurite", azurite.Url, ClosedLoad.Once((c, i) => GetBlobAsync(c, i % Written(memoryPuts[1])))));

        var diskPuts = await Compare("PutObject vs blob PUT vs S3 PUT, 1 KiB, disk",
            new Target("ours", objectStorageDisk.Url, ClosedLoad.Once(PutObjectAsync)), new Target("Azurite", azuriteDisk.Url, ClosedLoad.Once(PutBlobAsync)),
            new Target("s3rver", s3rver.Url, ClosedLoad.Once(PutS3Async)));
        await Compare("GetObject vs blob GET vs S3 GET, 1 KiB, disk",
            new Target("ours", objectStorageDisk.Url, ClosedLoad.Once((c, i) => GetObjectAsync(c, i % Written(diskPuts[0])))),
            new Target("Azurite", azuriteDisk.Url, ClosedLoad.Once((c, i) => GetBlobAsync(c, i % Written(diskPuts[1])))),
            new Target("s3rver", s3rver.Url, ClosedLoad.Once((c, i) => GetS3Async(c, i % Written(diskPuts[2])))));
        await Compare("1 MiB PUT, disk (MiB/s)",
            new Target("ours", objectStorageDisk.Url, ClosedLoad.Once((c, i) => PutObjectAsync(c, LargeBody, $"peers/large/{i % LargeSet}"))),
            new Target("Azurite", azuriteDisk.Url, ClosedLoad.Once((c, i) => PutBlobAsync(c, LargeBody, $"large{i % LargeSet}"))),
            new Target("s3rver", s3rver.Url, ClosedLoad.Once((c, i) => PutS3Async(c, LargeBody, $"large/{i % LargeSet}"))));

        foreach (var batch in new[] { 1, 100 })
        {
            await Compare($"PutMessages vs PutRecords, {batch} × 1 KiB a request (requests/s)",
                new Target("ours", stream.FacadeUrl, ClosedLoad.Once((c, _) => StreamRequests.PutMessagesAsync(c, StreamId, Body, batch))),
                new Target("kinesalite", kinesalite.Url, ClosedLoad.Once((c, i) => KinesisRequests.PutRecordsAsync(c, i, Body, batch))));
        }

        // Every client reads from the oldest record on; what the writes above left is far more than a run reads.
        var (ourCursors, iterators) = await ReadPositionsAsync(stream.FacadeUrl, kinesalite.Url, cancellationToken);
        await Compare($"GetMessages vs GetRecords, limit {ReadLimit} (records/s)",
            new Target("ours", stream.FacadeUrl, (c, _) => ourCursors.ReadAsync(c, (client, cursor) => StreamRequests.GetMessagesAsync(client, StreamId, cursor, ReadLimit))),
            new Target("kinesalite", kinesalite.Url, (c, _) => iterators.ReadAsync(c, (client, iterator) => KinesisRequests.GetRecordsAsync(client, iterator, ReadLimit))));

        Console.WriteLine("peers: " + string.Join("; ", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Figure} {r.Ours / r.Peer:F2}× {r.PeerName}"))));
        return 0;
    }

    private static string Describe(LoadFigure figure) =>
        string.Create(CultureInfo.InvariantCulture, $"{figure.UnitsPerSecond:F0}/s (p50 {figure.P50:F1} ms, p99 {figure.P99:F1} ms)");

    private static Task PutObjectAsync(HttpClient client, int i) => PutObjectAsync(client, Body, $"peers/{i % ReadSet}");

    private static async Task PutObjectAsync(HttpClient client, byte[] body, string name)
    {
        using var response = await client.PutAsync($"/n/devharness/b/uploads/o/{name}", new ByteArrayContent(body));
        await ClosedLoad.EnsureAsync(response, "PutObject");
    }

    private static async Task GetObjectAsync(HttpClient client, int i)
    {
        using var response = await client.GetAsync($"/n/devharness/b/uploads/o/peers/{i}");
        await ClosedLoad.EnsureAsync(response, "GetObject");
    }

    private static Task PutBlobAsync(HttpClient client, int i) => PutBlobAsync(client, Body, $"blob{i % ReadSet}");

    private static async Task PutBlobAsync(HttpClient client, byte[] body, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/{AzuriteSharedKey.Account}/{Bucket}/{name}") { Content = new ByteArrayContent(body) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        AzuriteSharedKey.Sign(request);
        using var response = await client.SendAsync(request);
        await ClosedLoad.EnsureAsync(response, "Azurite PUT blob");
    }

    private static async Task GetBlobAsync(HttpClient client, int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{AzuriteSharedKey.Account}/{Bucket}/blob{i}");
        AzuriteSharedKey.Sign(request);
        using var response = await client.SendAsync(request);
        await ClosedLoad.EnsureAsync(response, "Azurite GET blob");
    }

    private static Task PutS3Async(HttpClient client, int i) => PutS3Async(client, Body, $"object{i % ReadSet}");

    // Path-style and unsigned: s3rver checks a signature only when a request carries one.
    private static async Task PutS3Async(HttpClient client, byte[] body, string key)
    {
        using var response = await client.PutAsync($"/{Bucket}/{key}", new ByteArrayContent(body));
        await ClosedLoad.EnsureAsync(response, "s3rver PUT object");
    }

    private static async Task GetS3Async(HttpClient client, int i)
    {
        using var response = await client.GetAsync($"/{Bucket}/object{i}");
        await ClosedLoad.EnsureAsync(response, "s3rver GET object");
    }

    /// <summary>The Azurite containers and the Kinesis stream the figures write to.</summary>
    private static async Task PrepareAsync(Uri[] azurites, Uri kinesalite, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        foreach (var azurite in azurites)
        {
            using var container = new HttpRequestMessage(HttpMethod.Put, new Uri(azurite, $"/{AzuriteSharedKey.Account}/{Bucket}?restype=container"));
            AzuriteSharedKey.Sign(container);
            using var created = await http.SendAsync(container, cancellationToken);
            await ClosedLoad.EnsureAsync(created, "Azurite create container");
        }

        using var kinesis = new HttpClient { BaseAddress = kinesalite };
        await KinesisRequests.CreateStreamAsync(kinesis, cancellationToken);
    }

    /// <summary>One read position per load client on each side, made before the read load starts.</summary>
    private static async Task<(ReadPositions Ours, ReadPositions Kinesalite)> ReadPositionsAsync(Uri facade, Uri kinesalite, CancellationToken cancellationToken)
    {
        using var ours = new HttpClient { BaseAddress = facade };
        using var theirs = new HttpClient { BaseAddress = kinesalite };
        var cursors = new List<string>();
        var iterators = new List<string>();
        for (var c = 0; c < ClosedLoad.Clients; c++)
        {
            cursors.Add(await StreamRequests.CreateCursorAsync(ours, StreamId, 0, cancellationToken));
            iterators.Add(await KinesisRequests.GetShardIteratorAsync(theirs, cancellationToken));
        }

        return (new ReadPositions(cursors), new ReadPositions(iterators));
    }

    private static byte[] CreateBody(int size)
    {
        var body = new byte[size];
        Random.Shared.NextBytes(body);
        return body;
    }

    /// <summary>One server under the load: who it is, where, and the operation it gets.</summary>
    private sealed record Target(string Name, Uri Url, Func<HttpClient, int, Task<int>> Operation);
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DevHarness.Benchmarks.Peers;

/// <summary>
/// Kinesis JSON calls against kinesalite, with a SigV4-shaped Authorization header for dummy credentials:
/// kinesalite checks that one is there, not the signature.
/// </summary>
internal static class KinesisRequests
{
    public const string StreamName = "peers";

    public static async Task CreateStreamAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var request = Request("CreateStream", $$"""{"StreamName":"{{StreamName}}","ShardCount":1}""");
        using var response = await client.SendAsync(request, cancellationToken);
        await ClosedLoad.EnsureAsync(response, "kinesalite CreateStream");
    }

    /// <summary>One PutRecords of <paramref name="batch"/> records (partition keys from <paramref name="i"/>); throws unless all were stored.</summary>
    public static async Task PutRecordsAsync(HttpClient client, int i, byte[] value, int batch)
    {
        var data = Convert.ToBase64String(value);
        var records = string.Join(",", Enumerable.Range(0, batch).Select(r => $$"""{"Data":"{{data}}","PartitionKey":"k{{i}}-{{r}}"}"""));
        using var request = Request("PutRecords", $$"""{"StreamName":"{{StreamName}}","Records":[{{records}}]}""");
        using var response = await client.SendAsync(request);
        using var document = await ReadAsync(response, "PutRecords");
        if (document.RootElement.TryGetProperty("FailedRecordCount", out var failed) && failed.GetInt32() != 0)
        {
            throw new InvalidOperationException($"PutRecords: {failed.GetInt32()} records failed.");
        }
    }

    /// <summary>A TRIM_HORIZON iterator on the stream's only shard: reads start at the oldest record.</summary>
    public static async Task<string> GetShardIteratorAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var request = Request("GetShardIterator", $$"""{"StreamName":"{{StreamName}}","ShardId":"shardId-000000000000","ShardIteratorType":"TRIM_HORIZON"}""");
        using var response = await client.SendAsync(request, cancellationToken);
        using var document = await ReadAsync(response, "GetShardIterator");
        return document.RootElement.GetProperty("ShardIterator").GetString()!;
    }

    /// <summary>One GetRecords of at most <paramref name="limit"/> records: how many came and the iterator to read on from.</summary>
    public static async Task<(int Count, string Next)> GetRecordsAsync(HttpClient client, string iterator, int limit)
    {
        using var request = Request("GetRecords", string.Create(CultureInfo.InvariantCulture, $$"""{"ShardIterator":"{{iterator}}","Limit":{{limit}}}"""));
        using var response = await client.SendAsync(request);
        using var document = await ReadAsync(response, "GetRecords");
        return (document.RootElement.GetProperty("Records").GetArrayLength(), document.RootElement.GetProperty("NextShardIterator").GetString()!);
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            await ClosedLoad.EnsureAsync(response, "kinesalite " + what);
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        return await JsonDocument.ParseAsync(body);
    }

    private static HttpRequestMessage Request(string action, string json)
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
}

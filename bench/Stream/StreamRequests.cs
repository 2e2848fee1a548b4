using System.Globalization;
using System.Text;
using System.Text.Json;
using DevHarness.Benchmarks.Peers;

namespace DevHarness.Benchmarks.Streaming;

/// <summary>
/// The OCI Streaming REST calls the <c>peers</c> and <c>hops</c> scenarios put under load, as plain HTTP
/// (unsigned: the emulator accepts that), so the request is the same whoever the server is.
/// </summary>
internal static class StreamRequests
{
    /// <summary>One PutMessages of <paramref name="batch"/> messages with <paramref name="value"/>, no key; throws unless all were stored.</summary>
    public static async Task PutMessagesAsync(HttpClient client, string streamId, byte[] value, int batch)
    {
        var encoded = Convert.ToBase64String(value);
        var messages = string.Join(",", Enumerable.Range(0, batch).Select(_ => $$"""{"key":null,"value":"{{encoded}}"}"""));
        using var content = new StringContent($$"""{"messages":[{{messages}}]}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"/20180418/streams/{streamId}/messages", content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || FailedEntries(body) != 0)
        {
            throw new InvalidOperationException($"PutMessages: HTTP {(int)response.StatusCode} {body}");
        }
    }

    private static int FailedEntries(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("failures").GetInt32();
    }

    /// <summary>A TRIM_HORIZON cursor on <paramref name="partition"/>: reads start at the oldest message.</summary>
    public static async Task<string> CreateCursorAsync(HttpClient client, string streamId, int partition, CancellationToken cancellationToken)
    {
        using var content = new StringContent(
            string.Create(CultureInfo.InvariantCulture, $$"""{"partition":"{{partition}}","type":"TRIM_HORIZON"}"""), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"/20180418/streams/{streamId}/cursors", content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"CreateCursor: HTTP {(int)response.StatusCode} {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("value").GetString()!;
    }

    /// <summary>One GetMessages of at most <paramref name="limit"/> messages: how many came and the cursor to read on from.</summary>
    public static async Task<(int Count, string Next)> GetMessagesAsync(HttpClient client, string streamId, string cursor, int limit)
    {
        using var response = await client.GetAsync(
            string.Create(CultureInfo.InvariantCulture, $"/20180418/streams/{streamId}/messages?limit={limit}&cursor={Uri.EscapeDataString(cursor)}"));
        if (!response.IsSuccessStatusCode)
        {
            await ClosedLoad.EnsureAsync(response, "GetMessages");
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(body);
        return (document.RootElement.GetArrayLength(), response.Headers.GetValues("opc-next-cursor").Single());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DevHarness.Emulators.Streaming.Facade;
using DevHarness.Oci;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// Raw HTTP against the facade with the OCI wire models (no SDK in between, so tests see the real shapes).
/// </summary>
internal sealed class FacadeClient(Uri baseUrl, string streamId) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public string StreamId => streamId;

    public string PathOf(string suffix = "") => $"20180418/streams/{streamId}{suffix}";

    public Task<HttpResponseMessage> PostAsync(string suffix, string json) =>
        Http.PostAsync(PathOf(suffix), new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    public async Task<PutMessagesResult> PutAsync(IEnumerable<PutMessagesDetailsEntry> entries)
    {
        using var response = await Http.PostAsJsonAsync(PathOf("/messages"), new PutMessagesDetails([.. entries]), OciJsonContext.Default.PutMessagesDetails, Ct);
        return await ReadAsync(response, OciJsonContext.Default.PutMessagesResult);
    }

    public Task<PutMessagesResult> PutAsync(params (string? Key, string Value)[] messages) =>
        PutAsync(messages.Select(m => new PutMessagesDetailsEntry(m.Key is null ? null : Encoding.UTF8.GetBytes(m.Key), Encoding.UTF8.GetBytes(m.Value))));

    public async Task<string> CreateCursorAsync(int partition, CursorType type, long? offset = null, DateTimeOffset? time = null)
    {
        var details = new CreateCursorDetails(partition.ToString(System.Globalization.CultureInfo.InvariantCulture), type, offset, time);
        using var response = await Http.PostAsJsonAsync(PathOf("/cursors"), details, OciJsonContext.Default.CreateCursorDetails, Ct);
        return (await ReadAsync(response, OciJsonContext.Default.Cursor)).Value;
    }

    public async Task<string> CreateGroupCursorAsync(CreateGroupCursorDetails details)
    {
        using var response = await Http.PostAsJsonAsync(PathOf("/groupCursors"), details, OciJsonContext.Default.CreateGroupCursorDetails, Ct);
        return (await ReadAsync(response, OciJsonContext.Default.Cursor)).Value;
    }

    public async Task<(List<Message> Messages, string NextCursor)> GetMessagesAsync(string cursor, int? limit = null)
    {
        var query = $"?cursor={Uri.EscapeDataString(cursor)}" + (limit is null ? "" : $"&limit={limit}");
        using var response = await Http.GetAsync(PathOf("/messages") + query, Ct);
        var messages = await ReadAsync(response, OciJsonContext.Default.ListMessage);
        var next = response.Headers.GetValues(StreamingEndpoints.NextCursorHeader).Single();
        return (messages, next);
    }

    /// <summary>Pages through one partition from <paramref name="cursor"/> until <paramref name="count"/> messages are read.</summary>
    public async Task<List<Message>> ReadAsync(string cursor, int count, int? limit = null)
    {
        var all = new List<Message>();
        var emptyPages = 0;
        while (all.Count < count && emptyPages < 20)
        {
            var (page, next) = await GetMessagesAsync(cursor, limit);
            all.AddRange(page);
            emptyPages = page.Count == 0 ? emptyPages + 1 : 0;
            cursor = next;
        }
        return all;
    }

    public static async Task<OciErrorBody> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.True(response.Headers.Contains("opc-request-id"), "OCI errors carry opc-request-id");
        return JsonSerializer.Deserialize(text, OciJsonContext.Default.OciErrorBody)!;
    }

    public void Dispose() => Http.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return JsonSerializer.Deserialize(text, type)!;
    }
}

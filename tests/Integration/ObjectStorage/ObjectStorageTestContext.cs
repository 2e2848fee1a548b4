using System.Net.Http.Headers;
using System.Text;
using DevHarness.Emulators.ObjectStorage;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>One in-process emulator on a random port and a raw HttpClient pointed at it.</summary>
internal sealed class ObjectStorageTestContext : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private ObjectStorageTestContext(ObjectStorageEmulator emulator)
    {
        Emulator = emulator;
        // Raw: no DiagnosticsHandler, so the headers a test sets (traceparent among them) go out as written
        // even while another test's OpenTelemetry HttpClient instrumentation is live in this process.
        Http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = emulator.Url, Timeout = Timeout };
    }

    public ObjectStorageEmulator Emulator { get; }

    public HttpClient Http { get; }

    public static async Task<ObjectStorageTestContext> StartAsync(Action<ObjectStorageEmulatorOptions>? configure = null)
    {
        var options = new ObjectStorageEmulatorOptions { Port = 0 };
        configure?.Invoke(options);
        var emulator = await ObjectStorageEmulator.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return new ObjectStorageTestContext(emulator);
    }

    public static string ObjectPath(string name, string bucket = "uploads") => $"/n/devharness/b/{bucket}/o/{Uri.EscapeDataString(name)}";

    public async Task<HttpResponseMessage> PutAsync(string name, byte[] body, string bucket = "uploads", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, ObjectPath(name, bucket)) { Content = new ByteArrayContent(body) };
        configure?.Invoke(request);
        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> PutAsync(string name, string body, string bucket = "uploads", Action<HttpRequestMessage>? configure = null) =>
        PutAsync(name, Encoding.UTF8.GetBytes(body), bucket, configure);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        await Http.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        headers?.Invoke(request.Headers);
        return await SendAsync(request);
    }

    /// <summary>POSTs JSON and returns the response body, asserting a 2xx answer.</summary>
    public async Task<string> PostJsonAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await SendAsync(request);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public async Task CreateBucketAsync(string name, bool objectEventsEnabled = true, string? versioning = null)
    {
        var body = $$"""{"name":"{{name}}","compartmentId":"ocid1.compartment.oc1..test","objectEventsEnabled":{{(objectEventsEnabled ? "true" : "false")}}{{(versioning is null ? "" : $",\"versioning\":\"{versioning}\"")}}}""";
        using var response = await Http.PostAsync("/n/devharness/b/", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// Strict mode decides from the headers, before the body: an unsigned upload (PutObject or UploadPart) of any
/// size is refused without being read, and a signed body is held to its digest while it streams, with no size
/// limit. Requests through a pre-authenticated request's URL carry no signature and pass.
/// </summary>
public sealed class ObjectStorageStrictAdmissionTests : IDisposable
{
    private const long TwoHundredMiB = 200L * 1024 * 1024;

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _publicKeyFile = Path.GetTempFileName();

    public ObjectStorageStrictAdmissionTests() => File.WriteAllText(_publicKeyFile, _key.ExportSubjectPublicKeyInfoPem());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUnsignedUploadIsAnsweredWhileMostOfItsBodyIsStillUnsent()
    {
        await using var os = await StartStrictAsync();
        using var socket = new TcpClient();
        await socket.ConnectAsync(os.Emulator.Url.Host, os.Emulator.Url.Port, Ct);
        var stream = socket.GetStream();
        var head = $"PUT /n/devharness/b/uploads/o/big.bin HTTP/1.1\r\nHost: {os.Emulator.Url.Authority}\r\nContent-Type: application/octet-stream\r\nContent-Length: {TwoHundredMiB}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await stream.WriteAsync(new byte[64 * 1024], Ct);

        // Only 64 KiB of the 200 MiB were sent: an emulator that reads the body before deciding never answers.
        var response = await ReadResponseHeadAsync(stream).WaitAsync(ObjectStorageTestContext.Timeout, Ct);

        Assert.StartsWith("HTTP/1.1 401 ", response, StringComparison.Ordinal);
        Assert.Contains("opc-request-id:", response, StringComparison.OrdinalIgnoreCase);
        Assert.Null(os.Emulator.Store.GetObject(os.Emulator.Store.GetBucket("uploads")!, "big.bin"));
    }

    [Fact]
    public async Task AnUnsignedUploadThatExpectsContinueNeverHasToSendItsBody()
    {
        await using var os = await StartStrictAsync();
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = ObjectStorageTestContext.Timeout }) { BaseAddress = os.Emulator.Url };
        var body = new CountedContent(TwoHundredMiB);
        using var request = new HttpRequestMessage(HttpMethod.Put, ObjectStorageTestContext.ObjectPath("continue.bin")) { Content = body };
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request, Ct).WaitAsync(ObjectStorageTestContext.Timeout, Ct);

        var message = await OciErrorAssert.IsErrorAsync(response, 401, "NotAuthenticated");
        Assert.Contains("missing header authorization", message, StringComparison.Ordinal);
        Assert.Equal(0, body.BytesSent);
    }

    [Fact]
    public async Task ABodySignedUploadLargerThanAnyBufferIsCheckedWhileItStreams()
    {
        await using var os = await StartStrictAsync();
        using var keys = Keys();
        var content = RandomNumberGenerator.GetBytes(65 * 1024 * 1024);
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(os.Emulator.Url, ObjectStorageTestContext.ObjectPath("signed-body.bin"))) { Content = new ByteArrayContent(content) };
        await new RequestSigner(keys).SignAsync(put, SigningStrategy.Standard, Ct);

        using var response = await os.SendAsync(put);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content.LongLength, os.Emulator.Store.GetObject(os.Emulator.Store.GetBucket("uploads")!, "signed-body.bin")!.Size);
    }

    [Fact]
    public async Task ASignedUploadWhoseBodyWasSwappedIsRefusedAndNotStored()
    {
        await using var os = await StartStrictAsync();
        using var keys = Keys();
        var original = RandomNumberGenerator.GetBytes(256 * 1024);
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(os.Emulator.Url, ObjectStorageTestContext.ObjectPath("swapped.bin"))) { Content = new ByteArrayContent(original) };
        await new RequestSigner(keys).SignAsync(put, SigningStrategy.Standard, Ct);
        SwapBody(put, original);

        using var response = await os.SendAsync(put);

        Assert.Contains("x-content-sha256 does not match the body", await OciErrorAssert.IsErrorAsync(response, 401, "NotAuthenticated"), StringComparison.Ordinal);
        Assert.Null(os.Emulator.Store.GetObject(os.Emulator.Store.GetBucket("uploads")!, "swapped.bin"));
    }

    [Fact]
    public async Task AnUnsignedUploadPartIsAnsweredWhileMostOfItsBodyIsStillUnsent()
    {
        await using var os = await StartStrictAsync();
        using var signed = SignedClient(os);
        var uploadId = await CreateUploadAsync(signed, "parts.bin");
        using var socket = new TcpClient();
        await socket.ConnectAsync(os.Emulator.Url.Host, os.Emulator.Url.Port, Ct);
        var stream = socket.GetStream();
        var head = $"PUT /n/devharness/b/uploads/u/parts.bin?uploadId={uploadId}&uploadPartNum=1 HTTP/1.1\r\nHost: {os.Emulator.Url.Authority}\r\nContent-Length: {TwoHundredMiB}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await stream.WriteAsync(new byte[64 * 1024], Ct);

        var response = await ReadResponseHeadAsync(stream).WaitAsync(ObjectStorageTestContext.Timeout, Ct);

        Assert.StartsWith("HTTP/1.1 401 ", response, StringComparison.Ordinal);
        Assert.Equal("[]", await signed.GetStringAsync($"/n/devharness/b/uploads/u/parts.bin?uploadId={uploadId}", Ct));
    }

    [Fact]
    public async Task ABodySignedUploadPartLargerThanAnyBufferIsCheckedWhileItStreams()
    {
        await using var os = await StartStrictAsync();
        using var signed = SignedClient(os);
        var uploadId = await CreateUploadAsync(signed, "signed-part.bin");
        using var keys = Keys();
        var content = RandomNumberGenerator.GetBytes(65 * 1024 * 1024);
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(os.Emulator.Url, $"/n/devharness/b/uploads/u/signed-part.bin?uploadId={uploadId}&uploadPartNum=1")) { Content = new ByteArrayContent(content) };
        await new RequestSigner(keys).SignAsync(put, SigningStrategy.Standard, Ct);
        Assert.Contains("x-content-sha256", put.Headers.Authorization!.Parameter, StringComparison.Ordinal);

        using var response = await os.SendAsync(put);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parts = await signed.GetStringAsync($"/n/devharness/b/uploads/u/signed-part.bin?uploadId={uploadId}", Ct);
        Assert.Contains($"\"size\":{content.Length}", parts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedUploadPartWhoseBodyWasSwappedIsRefusedAndNotStored()
    {
        await using var os = await StartStrictAsync();
        using var signed = SignedClient(os);
        var uploadId = await CreateUploadAsync(signed, "swapped-part.bin");
        using var keys = Keys();
        var original = RandomNumberGenerator.GetBytes(256 * 1024);
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(os.Emulator.Url, $"/n/devharness/b/uploads/u/swapped-part.bin?uploadId={uploadId}&uploadPartNum=1")) { Content = new ByteArrayContent(original) };
        await new RequestSigner(keys).SignAsync(put, SigningStrategy.Standard, Ct);
        SwapBody(put, original);

        using var response = await os.SendAsync(put);

        Assert.Contains("x-content-sha256 does not match the body", await OciErrorAssert.IsErrorAsync(response, 401, "NotAuthenticated"), StringComparison.Ordinal);
        Assert.Equal("[]", await signed.GetStringAsync($"/n/devharness/b/uploads/u/swapped-part.bin?uploadId={uploadId}", Ct));
    }

    [Fact]
    public async Task RequestsThroughAPreauthenticatedRequestNeedNoSignature()
    {
        await using var os = await StartStrictAsync();
        using var signed = SignedClient(os);
        using var created = await signed.PostAsync("/n/devharness/b/uploads/p/", new StringContent(
            """{"name":"partner","accessType":"AnyObjectReadWrite","timeExpires":"2099-01-01T00:00:00Z"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var accessUri = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("accessUri").GetString()!;
        var content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);

        using var put = await os.Http.PutAsync(accessUri + "par.bin", new ByteArrayContent(content), Ct);
        using var get = await os.Http.GetAsync(accessUri + "par.bin", Ct);
        using var start = new HttpRequestMessage(HttpMethod.Put, accessUri + "par-multipart.bin") { Content = new ByteArrayContent([]) };
        start.Headers.Add("opc-multipart", "true");
        using var started = await os.SendAsync(start);
        var partsUri = JsonDocument.Parse(await started.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("accessUri").GetString()!;
        using var part = await os.Http.PutAsync(partsUri + "1", new ByteArrayContent(content), Ct);
        using var commit = await os.Http.PostAsync(partsUri, null, Ct);
        using var unknown = await os.Http.GetAsync("/p/not-a-token/n/devharness/b/uploads/o/par.bin", Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal(content.LongLength, os.Emulator.Store.GetObject(os.Emulator.Store.GetBucket("uploads")!, "par-multipart.bin")!.Size);
        await OciErrorAssert.IsErrorAsync(unknown, 404, "NotAuthorizedOrNotFound");
    }

    public void Dispose()
    {
        _key.Dispose();
        File.Delete(_publicKeyFile);
    }

    /// <summary>Replaces a signed request's body by one differing in its last byte, keeping the signed headers.</summary>
    private static void SwapBody(HttpRequestMessage request, byte[] original)
    {
        var headers = request.Content!.Headers.ToList();
        var swapped = (byte[])original.Clone();
        swapped[^1] ^= 0xFF;
        request.Content = new ByteArrayContent(swapped);
        foreach (var (name, values) in headers)
        {
            request.Content.Headers.Remove(name);
            request.Content.Headers.TryAddWithoutValidation(name, values);
        }
    }

    private static async Task<string> CreateUploadAsync(HttpClient signed, string objectName)
    {
        using var response = await signed.PostAsync("/n/devharness/b/uploads/u", new StringContent($$"""{"object":"{{objectName}}"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("uploadId").GetString()!;
    }

    private static async Task<string> ReadResponseHeadAsync(NetworkStream stream)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, Ct);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString();
    }

    private ApiKeyProvider Keys()
    {
        var copy = RSA.Create();
        copy.ImportParameters(_key.ExportParameters(includePrivateParameters: true));
        return new ApiKeyProvider("ocid1.tenancy.oc1..test", "ocid1.user.oc1..test", ApiKeyProvider.ComputeFingerprint(copy), copy);
    }

    /// <summary>A client that signs every request with the trusted key (body headers included where the SDKs sign them).</summary>
    private HttpClient SignedClient(ObjectStorageTestContext os) =>
        new(new RequestSigningHandler(Keys()) { InnerHandler = new SocketsHttpHandler { ActivityHeadersPropagator = null } })
        {
            BaseAddress = os.Emulator.Url,
            Timeout = ObjectStorageTestContext.Timeout,
        };

    private Task<ObjectStorageTestContext> StartStrictAsync() =>
        ObjectStorageTestContext.StartAsync(o => o.TrustedPublicKeyFiles.Add(_publicKeyFile));

    /// <summary>A large body generated as it is sent, counting how much of it the client actually sent.</summary>
    private sealed class CountedContent(long length) : HttpContent
    {
        public long BytesSent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            while (BytesSent < length)
            {
                var size = (int)Math.Min(chunk.Length, length - BytesSent);
                await stream.WriteAsync(chunk.AsMemory(0, size));
                BytesSent += size;
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Signing;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// Strict mode guards WireMock's admin API like every other door; WireMock serves and writes no file unless
/// <c>--wiremock-files</c> names a folder; the request journal never keeps an Authorization header.
/// </summary>
public sealed class ObjectStorageAdminGuardTests : IDisposable
{
    private const string Mapping = """
        { "Priority": 1, "Request": { "Path": "/injected", "Methods": ["GET"] },
          "Response": { "StatusCode": 418, "Body": "injected" } }
        """;

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _folder = Directory.CreateTempSubdirectory("devharness-admin-").FullName;
    private readonly string _publicKeyFile;
    private readonly string _secret;

    public ObjectStorageAdminGuardTests()
    {
        _publicKeyFile = Path.Combine(_folder, "public.pem");
        File.WriteAllText(_publicKeyFile, _key.ExportSubjectPublicKeyInfoPem());
        _secret = Path.Combine(_folder, "private-key.pem");
        File.WriteAllText(_secret, _key.ExportPkcs8PrivateKeyPem());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/__admin/mappings")]
    [InlineData("POST", "/__admin/mappings")]
    [InlineData("DELETE", "/__admin/mappings")]
    [InlineData("GET", "/__admin/requests")]
    [InlineData("DELETE", "/__admin/requests")]
    [InlineData("POST", "/__admin/mappings/save")]
    [InlineData("POST", "/__admin/files/planted.txt")]
    [InlineData("GET", "/__admin/settings")]
    [InlineData("PUT", "/__admin/settings")]
    public async Task UnsignedAdminRequestsAre401AndChangeNothing(string method, string path)
    {
        await using var os = await StartAsync(strict: true);
        var mappings = os.Emulator.Server.Mappings.Count;

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(Mapping, Encoding.UTF8, "application/json");
        }

        using var response = await os.SendAsync(request);

        Assert.Contains("missing header authorization", await OciErrorAssert.IsErrorAsync(response, 401, "NotAuthenticated"), StringComparison.Ordinal);
        Assert.Equal(mappings, os.Emulator.Server.Mappings.Count);
    }

    [Theory]
    [InlineData("GET", "/p/token/../../__admin/mappings")]
    [InlineData("POST", "/p/token/../../__admin/mappings")]
    [InlineData("GET", "/p/token/%2E%2E/%2E%2E/__admin/requests")]
    [InlineData("GET", "/p/t/n/devharness/b/../../../../../__admin/settings")]
    public async Task APreauthenticatedLookingPathThatLeadsToTheAdminApiStillNeedsASignature(string method, string target)
    {
        await using var os = await StartAsync(strict: true);
        var mappings = os.Emulator.Server.Mappings.Count;

        var (status, body) = await RawHttp.SendAsync(os.Emulator.Url, method, target, method == "POST" ? Mapping : null);

        Assert.True(status == 401, $"{method} {target} answered {status}: {body}");
        Assert.Contains("NotAuthenticated", body, StringComparison.Ordinal);
        Assert.Equal(mappings, os.Emulator.Server.Mappings.Count);
    }

    [Fact]
    public async Task AnAdminRequestSignedByTheTrustedKeyIsServed()
    {
        await using var os = await StartAsync(strict: true);
        using var signed = SignedClient(os);

        using var added = await signed.PostAsync("/__admin/mappings", new StringContent(Mapping, Encoding.UTF8, "application/json"), Ct);
        using var injected = await signed.GetAsync("/injected", Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal((HttpStatusCode)418, injected.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheRequestJournalKeepsNoAuthorizationHeader(bool strict)
    {
        await using var os = await StartAsync(strict);
        using var signed = SignedClient(os);
        using var list = await signed.GetAsync("/n/devharness/b/uploads/o", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);

        using var journal = await signed.GetAsync("/__admin/requests", Ct);
        var text = await journal.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, journal.StatusCode);
        Assert.Contains("/n/devharness/b/uploads/o", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature version", text, StringComparison.Ordinal);
        Assert.DoesNotContain("authorization", text, StringComparison.OrdinalIgnoreCase);
        Assert.All(os.Emulator.Server.LogEntries, entry => Assert.False(entry.RequestMessage?.Headers?.ContainsKey("Authorization") ?? false));
    }

    [Fact]
    public async Task WithoutTheOptionAMappingCannotServeAFileFromDisk()
    {
        await using var os = await StartAsync(strict: false);
        var mapping = $$"""{ "Priority": 1, "Request": { "Path": "/leak", "Methods": ["GET"] }, "Response": { "StatusCode": 200, "BodyAsFile": "{{_secret}}" } }""";
        using var added = await os.Http.PostAsync("/__admin/mappings", new StringContent(mapping, Encoding.UTF8, "application/json"), Ct);

        using var leak = await os.Http.GetAsync("/leak", Ct);

        Assert.NotEqual(HttpStatusCode.OK, leak.StatusCode);
        Assert.DoesNotContain("PRIVATE KEY", await leak.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheOptionNothingIsWrittenToDisk()
    {
        var saved = Path.Combine(Directory.GetCurrentDirectory(), "__admin");
        var existedBefore = Directory.Exists(saved);
        await using var os = await StartAsync(strict: false);

        using var save = await os.Http.PostAsync("/__admin/mappings/save", null, Ct);
        using var file = await os.Http.PostAsync("/__admin/files/planted.txt", new StringContent("planted"), Ct);

        Assert.False(save.IsSuccessStatusCode);
        Assert.False(file.IsSuccessStatusCode);
        Assert.Equal(existedBefore, Directory.Exists(saved));
    }

    [Fact]
    public async Task WithTheOptionFilesAreServedAndSavedOnlyInsideItsFolder()
    {
        var files = Directory.CreateDirectory(Path.Combine(_folder, "wiremock")).FullName;
        var mappings = Directory.CreateDirectory(Path.Combine(files, "__admin", "mappings")).FullName;
        await File.WriteAllTextAsync(Path.Combine(mappings, "body.txt"), "from the folder", Ct);
        await using var os = await StartAsync(strict: false, wireMockFiles: files);
        var inside = """{ "Priority": 1, "Request": { "Path": "/inside", "Methods": ["GET"] }, "Response": { "StatusCode": 200, "BodyAsFile": "body.txt" } }""";
        var outside = $$"""{ "Priority": 1, "Request": { "Path": "/outside", "Methods": ["GET"] }, "Response": { "StatusCode": 200, "BodyAsFile": "../../../private-key.pem" } }""";
        using var first = await os.Http.PostAsync("/__admin/mappings", new StringContent(inside, Encoding.UTF8, "application/json"), Ct);
        using var second = await os.Http.PostAsync("/__admin/mappings", new StringContent(outside, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal("from the folder", await os.Http.GetStringAsync("/inside", Ct));
        using var refused = await os.Http.GetAsync("/outside", Ct);
        Assert.DoesNotContain("PRIVATE KEY", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var save = await os.Http.PostAsync("/__admin/mappings/save", null, Ct);
        Assert.True(save.IsSuccessStatusCode);
        Assert.NotEmpty(Directory.EnumerateFiles(mappings, "*.json"));
    }

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<ObjectStorageTestContext> StartAsync(bool strict, string? wireMockFiles = null) =>
        ObjectStorageTestContext.StartAsync(o =>
        {
            if (strict)
            {
                o.TrustedPublicKeyFiles.Add(_publicKeyFile);
            }

            o.WireMockFilesDirectory = wireMockFiles;
        });

    private HttpClient SignedClient(ObjectStorageTestContext os)
    {
        var copy = RSA.Create();
        copy.ImportParameters(_key.ExportParameters(includePrivateParameters: true));
        var keys = new ApiKeyProvider("ocid1.tenancy.oc1..test", "ocid1.user.oc1..test", ApiKeyProvider.ComputeFingerprint(copy), copy);
        return new HttpClient(new RequestSigningHandler(keys) { InnerHandler = new SocketsHttpHandler { ActivityHeadersPropagator = null } })
        {
            BaseAddress = os.Emulator.Url,
            Timeout = ObjectStorageTestContext.Timeout,
        };
    }
}

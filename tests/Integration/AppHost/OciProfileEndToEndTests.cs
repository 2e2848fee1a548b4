using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using DevHarness.Emulators.ObjectStorage;
using DevHarness.Integration.Infrastructure;
using DevHarness.Integration.Streaming;
using DevHarness.Oci.Auth;
using DevHarness.Oci.Events;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Signing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// The AppHost in OCI-profile mode against the closest thing to a tenancy this machine has: the Object Storage
/// and stream emulators in strict signature mode, trusting one generated API key, named by a profile of a
/// temporary OCI config file (user, fingerprint, tenancy, region, key_file). <c>--objectstorage-endpoint</c> and
/// <c>--stream-endpoint</c> point the relay at them. An object is uploaded (signed), its Object Storage event is
/// delivered to the relay as OCI Functions would (<c>POST /call</c>), and the relay's messages must arrive in the
/// stream: the relay loaded the profile, signed every read and PutMessages with its key, or strict mode would
/// have refused them.
/// </summary>
public sealed class OciProfileEndToEndTests : IAsyncDisposable
{
    private const string Profile = "E2E";
    private const string Namespace = "e2e-tenancy-ns";
    private const string Bucket = "landing";
    private const string Region = "us-phoenix-1";

    private readonly string _folder = Directory.CreateTempSubdirectory("devharness-oci-profile-").FullName;
    private readonly RSA _key = RSA.Create(2048);
    private readonly WireMockServer _events = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort.Next()}"] });

    [Fact]
    public async Task TheRelayInOciProfileModeSignsWithTheProfilesKeyAndPublishesToTheStream()
    {
        var ct = TestContext.Current.CancellationToken;
        var publicKey = Path.Combine(_folder, "public.pem");
        await File.WriteAllTextAsync(publicKey, _key.ExportSubjectPublicKeyInfoPem(), ct);
        var config = await WriteConfigAsync(ct);
        _events.Given(Request.Create().WithPath("/events").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));

        var osOptions = new ObjectStorageEmulatorOptions { Port = 0, Namespace = Namespace, Buckets = [Bucket], EventsUrl = new Uri(_events.Url + "/events") };
        osOptions.TrustedPublicKeyFiles.Add(publicKey);
        await using var objectStorage = await ObjectStorageEmulator.StartAsync(osOptions, cancellationToken: ct);
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3, o => o with { VerifySignaturesPublicKeyPath = publicKey });
        var relayPort = FreePort.Next();

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                HarnessHost.Option("oci-profile", Profile),
                HarnessHost.Option("oci-config-file", config),
                HarnessHost.Option("namespace", Namespace),
                HarnessHost.Option("bucket", Bucket),
                HarnessHost.Option("publisher", "rest"),
                HarnessHost.Option("stream-ocid", stream.Stream.Ocid),
                HarnessHost.Option("stream-endpoint", stream.Emulator.FacadeUrl.ToString()),
                HarnessHost.Option("objectstorage-endpoint", objectStorage.Url.ToString()),
                HarnessHost.Option("relay-port", relayPort.ToString(CultureInfo.InvariantCulture)),
                HarnessHost.Option("no-replay", "true"),
            ],
            (options, _) => options.DisableDashboard = true,
            ct);
        await using var app = await builder.BuildAsync(ct).WaitAsync(HarnessHost.StartTimeout, ct);
        await app.StartAsync(ct).WaitAsync(HarnessHost.StartTimeout, ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("relay", ct).WaitAsync(HarnessHost.StartTimeout, ct);

        var name = $"t-{Guid.NewGuid():N}/profile.json";
        var key = RelayContract.KeyOf(Namespace, Bucket, name);
        await using var recorder = KafkaRecorder.Start(stream.BootstrapServers, stream.Topic, 3, key);
        var body = Encoding.UTF8.GetBytes("{\"signedBy\":\"the profile's key\"}");
        using var keys = KeyProvider();
        using var signed = new HttpClient(new RequestSigningHandler(keys) { InnerHandler = new HttpClientHandler() }) { BaseAddress = objectStorage.Url };
        var put = await new ObjectStorageClient(signed).PutObjectAsync(
            Namespace, Bucket, name, new MemoryStream(body), new PutObjectOptions(ContentType: "application/json"), ct);

        using var call = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{relayPort}") };
        using var content = new ByteArrayContent(await EventForAsync(name));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await call.PostAsync(new Uri("/call", UriKind.Relative), content, ct);
        Assert.True(response.IsSuccessStatusCode, $"the relay answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");

        var write = new ExpectedWrite(ObjectStorageEventKind.Create, body, "application/json", put.ETag);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!RelayContract.IsComplete(recorder.Messages, key, [write]))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the relay's messages for {key} did not arrive in the stream");
            await Task.Delay(100, ct);
        }

        RelayContract.AssertObject(recorder.Messages, Namespace, Bucket, name, [write]);
    }

    public async ValueTask DisposeAsync()
    {
        _events.Stop();
        _events.Dispose();
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
        await Task.CompletedTask;
    }

    private async Task<string> WriteConfigAsync(CancellationToken ct)
    {
        var keyFile = Path.Combine(_folder, "oci_api_key.pem");
        await File.WriteAllTextAsync(keyFile, _key.ExportPkcs8PrivateKeyPem(), ct);
        var config = Path.Combine(_folder, "config");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture,
            $"[DEFAULT]\nregion=us-ashburn-1\n\n[{Profile}]\nuser=ocid1.user.oc1..e2e\nfingerprint={ApiKeyProvider.ComputeFingerprint(_key)}\n"
            + $"tenancy=ocid1.tenancy.oc1..e2e\nregion={Region}\nkey_file={keyFile}\n"), ct);
        return config;
    }

    private ApiKeyProvider KeyProvider()
    {
        var key = RSA.Create();
        key.ImportFromPem(_key.ExportPkcs8PrivateKeyPem());
        return new ApiKeyProvider("ocid1.tenancy.oc1..e2e", "ocid1.user.oc1..e2e", ApiKeyProvider.ComputeFingerprint(key), key);
    }

    /// <summary>The create event the Object Storage emulator emitted for <paramref name="name"/>, as OCI Events would hand it to the function.</summary>
    private async Task<byte[]> EventForAsync(string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var found = _events.LogEntries
                .Select(e => e.RequestMessage!.Body!)
                .FirstOrDefault(b => JsonDocument.Parse(b).RootElement.GetProperty("data").TryGetProperty("resourceName", out var resource)
                    && resource.GetString() == name);
            if (found is not null)
            {
                return Encoding.UTF8.GetBytes(found);
            }

            Assert.True(DateTime.UtcNow < deadline, $"the Object Storage emulator emitted no event for {name}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using DevHarness.Oci.Auth;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Signing;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>Strict mode (<c>--verify-signatures</c>): signed requests pass; unsigned, tampered and skewed ones get 401 saying why.</summary>
public sealed class ObjectStorageSignatureTests : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _publicKeyFile = Path.GetTempFileName();

    public ObjectStorageSignatureTests() => File.WriteAllText(_publicKeyFile, _key.ExportSubjectPublicKeyInfoPem());

    [Fact]
    public async Task RequestsSignedByOurSignerPassIncludingPutObjectWithAndWithoutBodySigning()
    {
        await using var os = await StartStrictAsync();
        using var keys = Keys();
        using var signed = new HttpClient(new RequestSigningHandler(keys) { InnerHandler = new HttpClientHandler() }) { BaseAddress = os.Emulator.Url };
        var client = new ObjectStorageClient(signed);
        await client.PutObjectAsync("devharness", "uploads", "signed.txt", new MemoryStream("ok"u8.ToArray()), cancellationToken: TestContext.Current.CancellationToken);
        await using var get = await client.GetObjectAsync("devharness", "uploads", "signed.txt", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);

        // A hand-written client that signs the PutObject body too (all six headers) is also accepted.
        var signer = new RequestSigner(keys);
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(os.Emulator.Url, ObjectStorageTestContext.ObjectPath("body-signed.txt"))) { Content = new StringContent("body", Encoding.UTF8, "text/plain") };
        await signer.SignAsync(put, SigningStrategy.Standard, TestContext.Current.CancellationToken);
        using var response = await os.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnsignedRequestsAre401NotAuthenticated()
    {
        await using var os = await StartStrictAsync();
        using var response = await os.SendAsync(HttpMethod.Get, "/n/devharness/b/uploads/o");
        var message = await OciErrorAssert.IsErrorAsync(response, 401, "NotAuthenticated");
        Assert.Contains("missing header authorization", message, StringComparison.Ordinal);
        using var put = await os.PutAsync("unsigned.txt", "x");
        await OciErrorAssert.IsErrorAsync(put, 401, "NotAuthenticated");
        Assert.Null(os.Emulator.Store.GetObject(os.Emulator.Store.GetBucket("uploads")!, "unsigned.txt"));
    }

    [Fact]
    public async Task TamperedRequestsAre401WithTheReason()
    {
        await using var os = await StartStrictAsync();
        using var keys = Keys();
        var signer = new RequestSigner(keys);

        using var retargeted = new HttpRequestMessage(HttpMethod.Get, new Uri(os.Emulator.Url, "/n/devharness/b/uploads/o"));
        await signer.SignAsync(retargeted, SigningStrategy.Standard, TestContext.Current.CancellationToken);
        retargeted.RequestUri = new Uri(os.Emulator.Url, "/n/devharness/b/uploads/o?prefix=x");
        using var moved = await os.SendAsync(retargeted);
        Assert.Contains("signature does not verify", await OciErrorAssert.IsErrorAsync(moved, 401, "NotAuthenticated"), StringComparison.Ordinal);

        using var swapped = new HttpRequestMessage(HttpMethod.Put, new Uri(os.Emulator.Url, ObjectStorageTestContext.ObjectPath("t.txt"))) { Content = new StringContent("original") };
        await signer.SignAsync(swapped, SigningStrategy.Standard, TestContext.Current.CancellationToken);
        var headers = swapped.Content!.Headers.ToList();
        swapped.Content = new StringContent("tampered");
        foreach (var (name, values) in headers)
        {
            swapped.Content.Headers.Remove(name);
            swapped.Content.Headers.TryAddWithoutValidation(name, values);
        }

        using var tampered = await os.SendAsync(swapped);
        Assert.Contains("does not match the body", await OciErrorAssert.IsErrorAsync(tampered, 401, "NotAuthenticated"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkewedClocksAre401WithTheSkew()
    {
        await using var os = await StartStrictAsync();
        using var keys = Keys();
        var late = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(os.Emulator.Url, "/n/devharness/b/uploads/o"));
        await new RequestSigner(keys, late).SignAsync(request, SigningStrategy.Standard, TestContext.Current.CancellationToken);
        using var response = await os.SendAsync(request);
        var message = await OciErrorAssert.IsErrorAsync(response, 401, "NotAuthenticated");
        Assert.Matches("clock skew of 6[0-9][0-9] seconds exceeds 300", message);
    }

    public void Dispose()
    {
        _key.Dispose();
        File.Delete(_publicKeyFile);
    }

    private ApiKeyProvider Keys()
    {
        var copy = RSA.Create();
        copy.ImportParameters(_key.ExportParameters(includePrivateParameters: true));
        return new ApiKeyProvider("ocid1.tenancy.oc1..test", "ocid1.user.oc1..test", ApiKeyProvider.ComputeFingerprint(copy), copy);
    }

    private Task<ObjectStorageTestContext> StartStrictAsync() =>
        ObjectStorageTestContext.StartAsync(o => o.TrustedPublicKeyFiles.Add(_publicKeyFile));
}

using System.Text;
using DevHarness.Oci.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DevHarness.Unit.Signing;

public sealed class SignedRequestTests
{
    private const string BodySigned = "Signature version=\"1\",headers=\"date (request-target) host content-length content-type x-content-sha256\",keyId=\"k\",algorithm=\"rsa-sha256\",signature=\"AA==\"";
    private const string BodyExcluded = "Signature version=\"1\",headers=\"date (request-target) host\",keyId=\"k\",algorithm=\"rsa-sha256\",signature=\"AA==\"";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheRawTargetIsKeptWithItsEscapes()
    {
        var context = Context("GET", rawTarget: "/n/ns/b/bkt/o/a%2Fb%20c?prefix=x%3A%20y");

        var request = await SignedRequest.FromHttpRequestAsync(context.Request, Ct);

        Assert.Equal("/n/ns/b/bkt/o/a%2Fb%20c?prefix=x%3A%20y", request.PathAndQuery);
        Assert.Equal("GET", request.Method);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10100/n/ns/b/bkt/o/a%2Fb?x=1", "/n/ns/b/bkt/o/a%2Fb?x=1")]
    [InlineData("https://objectstorage.us-phoenix-1.oraclecloud.com", "/")]
    public async Task AnAbsoluteFormTargetIsReducedToPathAndQuery(string rawTarget, string expected)
    {
        var request = await SignedRequest.FromHttpRequestAsync(Context("GET", rawTarget).Request, Ct);

        Assert.Equal(expected, request.PathAndQuery);
    }

    [Fact]
    public async Task WithoutARawTargetThePathIsReEscaped()
    {
        var context = Context("GET", rawTarget: null);
        context.Request.Path = "/n/ns/b/bkt/o/a b";
        context.Request.QueryString = new QueryString("?fields=name");

        var request = await SignedRequest.FromHttpRequestAsync(context.Request, Ct);

        Assert.Equal("/n/ns/b/bkt/o/a%20b?fields=name", request.PathAndQuery);
    }

    [Fact]
    public async Task RepeatedHeaderValuesAreJoinedAndLookupsIgnoreCase()
    {
        var context = Context("GET", "/");
        context.Request.Headers.Append("x-multi", new[] { "a", "b" });
        context.Request.Headers.Host = "127.0.0.1:10100";

        var request = await SignedRequest.FromHttpRequestAsync(context.Request, Ct);

        Assert.Equal("a, b", request.Headers["X-MULTI"]);
        Assert.Equal("127.0.0.1:10100", request.Headers["host"]);
    }

    [Fact]
    public async Task ASignedBodyIsCapturedAndLeftReadable()
    {
        var context = Context("POST", "/20180418/streams/s/messages", Encoding.UTF8.GetBytes("{\"messages\":[]}"));
        context.Request.Headers.Authorization = BodySigned;

        var request = await SignedRequest.FromHttpRequestAsync(context.Request, Ct);

        Assert.Equal("{\"messages\":[]}", Encoding.UTF8.GetString(request.Body!));
        using var reader = new StreamReader(context.Request.Body);
        Assert.Equal("{\"messages\":[]}", await reader.ReadToEndAsync(Ct));
    }

    [Theory]
    [InlineData(BodyExcluded)]
    [InlineData("Bearer token")]
    [InlineData(null)]
    public async Task ABodyTheSignatureDoesNotCoverIsNotRead(string? authorization)
    {
        var body = new ReadCountingStream(new byte[1024]);
        var context = Context("PUT", "/n/ns/b/bkt/o/big");
        context.Request.Body = body;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        var request = await SignedRequest.FromHttpRequestAsync(context.Request, Ct);

        Assert.Null(request.Body);
        Assert.Equal(0, body.BytesRead);
    }

    private static DefaultHttpContext Context(string method, string? rawTarget, byte[]? body = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (rawTarget is not null)
        {
            context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        }

        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = body.Length;
        }

        return context;
    }

    private sealed class ReadCountingStream(byte[] data) : MemoryStream(data)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(base.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await base.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await base.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}

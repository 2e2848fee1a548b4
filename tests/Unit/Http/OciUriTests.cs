using DevHarness.Oci.Http;

namespace DevHarness.Unit.Http;

public sealed class OciUriTests
{
    [Fact]
    public void KeepsTheBaseAddressPath()
    {
        var uri = OciUri.Build(new Uri("http://127.0.0.1:10101/proxy/"), "/20180418/streams/s/messages", ("cursor", "a+b/c="), ("limit", null));

        Assert.Equal("/proxy/20180418/streams/s/messages?cursor=a%2Bb%2Fc%3D", uri.PathAndQuery);
    }

    [Fact]
    public void KeepsDotSegmentsAndEscapesVerbatim()
    {
        var uri = OciUri.Build(new Uri("https://objectstorage.us-phoenix-1.oraclecloud.com"), "/n/ns/b/bkt/o/" + OciUri.Segment("..", "name"));

        // Without DangerousDisablePathAndQueryCanonicalization, Uri would resolve this to /n/ns/b/bkt/.
        Assert.Equal("/n/ns/b/bkt/o/..", uri.PathAndQuery);
        Assert.Equal("https://objectstorage.us-phoenix-1.oraclecloud.com/n/ns/b/bkt/o/..", uri.AbsoluteUri);
    }

    [Fact]
    public void RelativeOrMissingBaseAddressIsExplained()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OciUri.Build(null, "/n/"));

        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
    }
}

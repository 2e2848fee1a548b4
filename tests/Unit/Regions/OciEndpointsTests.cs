using DevHarness.Oci.Regions;

namespace DevHarness.Unit.Regions;

public sealed class OciEndpointsTests
{
    [Fact]
    public void WithoutOverridesTheRegionsEndpointsAreUsed()
    {
        var endpoints = new OciEndpoints(Region.Parse("iad"));

        Assert.Equal(new Uri("https://objectstorage.us-ashburn-1.oraclecloud.com"), endpoints.ObjectStorage);
        Assert.Equal(new Uri("https://streaming.us-ashburn-1.oci.oraclecloud.com"), endpoints.Resolve(OciService.Streaming));
    }

    [Fact]
    public void AnOverrideReplacesOnlyItsService()
    {
        var endpoints = new OciEndpoints(Region.Parse("iad"), objectStorage: new Uri("http://127.0.0.1:10100"));

        Assert.Equal(new Uri("http://127.0.0.1:10100"), endpoints.ObjectStorage);
        Assert.Equal(new Uri("https://streaming.us-ashburn-1.oci.oraclecloud.com"), endpoints.Streaming);
    }

    [Fact]
    public void OverridesAloneNeedNoRegion()
    {
        var endpoints = new OciEndpoints(null, new Uri("http://127.0.0.1:10100"), new Uri("http://127.0.0.1:10101"));

        Assert.Equal(new Uri("http://127.0.0.1:10101"), endpoints.Streaming);
        Assert.Equal(new Uri("http://127.0.0.1:10100"), endpoints.ObjectStorage);
    }

    [Fact]
    public void NeitherRegionNorOverrideIsAClearError()
    {
        var endpoints = new OciEndpoints(null, objectStorage: new Uri("http://127.0.0.1:10100"));

        var error = Assert.Throws<InvalidOperationException>(() => endpoints.Streaming);
        Assert.Equal("No Streaming endpoint: configure an OCI region (e.g. us-phoenix-1) or an explicit Streaming endpoint URL.", error.Message);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative")]
    public void AnOverrideMustBeAnAbsoluteHttpUrl(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new OciEndpoints(null, streaming: new Uri(url, UriKind.RelativeOrAbsolute)));

        Assert.Contains("must be an absolute http or https URL", error.Message, StringComparison.Ordinal);
        Assert.Equal("streaming", error.ParamName);
    }
}

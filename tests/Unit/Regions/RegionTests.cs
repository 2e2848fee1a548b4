using DevHarness.Oci.Regions;

namespace DevHarness.Unit.Regions;

public sealed class RegionTests
{
    [Theory]
    [InlineData("us-phoenix-1")]
    [InlineData("phx")]
    [InlineData("PHX")]
    [InlineData(" US-Phoenix-1 ")]
    public void AnIdOrShortCodeParsesToTheSameRegion(string text)
    {
        var region = Region.Parse(text);

        Assert.Equal("us-phoenix-1", region.Id);
        Assert.Equal("phx", region.Code);
        Assert.Equal("oc1", region.Realm.Key);
        Assert.True(region.IsKnown);
        Assert.Equal(Region.Parse("us-phoenix-1"), region);
    }

    [Theory]
    [InlineData("iad", "us-ashburn-1")]
    [InlineData("fra", "eu-frankfurt-1")]
    [InlineData("lhr", "uk-london-1")]
    [InlineData("nrt", "ap-tokyo-1")]
    [InlineData("gru", "sa-saopaulo-1")]
    [InlineData("ord", "us-chicago-1")]
    public void CommonShortCodesAreKnown(string code, string id) => Assert.Equal(id, Region.Parse(code).Id);

    [Fact]
    public void Oc1EndpointsFollowOciNotes()
    {
        var region = Region.Parse("us-phoenix-1");

        Assert.Equal("https://objectstorage.us-phoenix-1.oraclecloud.com/", region.ObjectStorageEndpoint.AbsoluteUri);
        Assert.Equal("https://streaming.us-phoenix-1.oci.oraclecloud.com/", region.StreamingEndpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("us-langley-1", "oc2", "https://objectstorage.us-langley-1.oraclegovcloud.com/")]
    [InlineData("uk-gov-london-1", "oc4", "https://objectstorage.uk-gov-london-1.oraclegovcloud.uk/")]
    [InlineData("eu-frankfurt-2", "oc19", "https://objectstorage.eu-frankfurt-2.oraclecloud.eu/")]
    public void OtherRealmsUseTheirOwnDomain(string id, string realm, string objectStorage)
    {
        var region = Region.Parse(id);

        Assert.Equal(realm, region.Realm.Key);
        Assert.Equal(objectStorage, region.ObjectStorageEndpoint.AbsoluteUri);
    }

    [Fact]
    public void ANewRegionIdIsAcceptedAsOc1AndMarkedUnknown()
    {
        var region = Region.Parse("xx-newcity-1");

        Assert.False(region.IsKnown);
        Assert.Null(region.Code);
        Assert.Equal("https://streaming.xx-newcity-1.oci.oraclecloud.com/", region.StreamingEndpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("xyz", "Unknown OCI region code 'xyz': give the region id instead (e.g. us-phoenix-1), or a known code such as phx or iad.")]
    [InlineData("phoenix", "'phoenix' is not an OCI region: expected a region id such as us-phoenix-1 or a short code such as phx.")]
    [InlineData("us-phoenix", "'us-phoenix' is not an OCI region: expected a region id such as us-phoenix-1 or a short code such as phx.")]
    [InlineData("https://objectstorage.us-phoenix-1.oraclecloud.com", "'https://objectstorage.us-phoenix-1.oraclecloud.com' is not an OCI region: expected a region id such as us-phoenix-1 or a short code such as phx.")]
    [InlineData("  ", "An OCI region is required: give a region id such as us-phoenix-1 or a short code such as phx.")]
    public void AnythingElseIsAClearError(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Region.Parse(text));

        Assert.Equal(message, error.Message);
        Assert.False(Region.TryParse(text, out _));
    }

    [Fact]
    public void TryParseOfNullIsFalse() => Assert.False(Region.TryParse(null, out _));
}

using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// Pre-authenticated requests managed with Oracle's official TypeScript SDK and used with plain, unsigned
/// HTTP (<c>tests/node/objectstorage/par.mjs</c>), also in strict mode; expiry on the emulator's clock.
/// </summary>
public sealed class PreauthenticatedRequestOfficialSdkTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UploadsAndDownloadsThroughParsNeedNoSignatureAndStopWhenDeletedOrExpired(bool strict)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await OfficialSdkBed.StartAsync(strict, clock);
        var result = await bed.RunAsync("par.mjs", "uploads", "par/");

        var refused = result.GetProperty("refused");
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)refused.GetProperty("readThroughWritePar").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)refused.GetProperty("writeThroughReadPar").GetInt32());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (HttpStatusCode)refused.GetProperty("deleteThroughWritePar").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)refused.GetProperty("otherObject").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)refused.GetProperty("wrongToken").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)result.GetProperty("prefix").GetProperty("outside").GetInt32());
        Assert.EndsWith("-3", result.GetProperty("multipart").GetProperty("multipartMd5").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)result.GetProperty("deleted").GetProperty("use").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)result.GetProperty("deleted").GetProperty("get").GetInt32());
        MultipartUploadOfficialSdkTests.AssertError(result.GetProperty("pastExpiry"), 400, "InvalidParameter", "is not in the future");

        var expiring = result.GetProperty("expiringUrl").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await OfficialSdkBed.GetStatusAsync(expiring));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.NotFound, await OfficialSdkBed.GetStatusAsync(expiring));

        // An upload through a PAR is an upload like any other: one event per object written.
        var events = await bed.StopAndReadEventsAsync();
        Assert.Equal(
            [("createobject", "uploads", "par/inbox/a.txt"), ("createobject", "uploads", "par/inbox/b/c.txt"), ("createobject", "uploads", "par/inbox/big.bin"), ("createobject", "uploads", "par/partner/orders.csv")],
            events.Order());
    }
}

namespace DevHarness.Integration.ObjectStorage;

/// <summary>
/// CopyObject with its work request, RenameObject, UpdateObjectStorageTier and object versions, driven by
/// Oracle's official TypeScript SDK (<c>tests/node/objectstorage/actions.mjs</c>), unsigned and strict.
/// </summary>
public sealed class ObjectActionsOfficialSdkTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CopyRenameTierAndVersionsBehaveAsOciAndEmitTheirEvents(bool strict)
    {
        await using var bed = await OfficialSdkBed.StartAsync(strict);
        var result = await bed.RunAsync("actions.mjs", "uploads", "ledgers", "act/");

        Assert.StartsWith("ocid1.coreservicesworkrequest.", result.GetProperty("copy").GetProperty("workRequestId").GetString(), StringComparison.Ordinal);
        Assert.Equal("IfMatchFailed", result.GetProperty("copy").GetProperty("failedError").GetProperty("code").GetString());
        MultipartUploadOfficialSdkTests.AssertError(result.GetProperty("copy").GetProperty("missingSource"), 404, "ObjectNotFound");
        MultipartUploadOfficialSdkTests.AssertError(result.GetProperty("rename").GetProperty("existingTarget"), 412, "IfNoneMatchFailed");
        Assert.Equal("InfrequentAccess", result.GetProperty("tier").GetProperty("storageTier").GetString());
        MultipartUploadOfficialSdkTests.AssertError(result.GetProperty("tier").GetProperty("invalid"), 400, "InvalidParameter", "Glacier");
        var versions = result.GetProperty("versions");
        Assert.Equal(3, versions.GetProperty("afterDelete").GetArrayLength());
        Assert.Equal(versions.GetProperty("v2").GetString(), versions.GetProperty("final").EnumerateArray().Single().GetProperty("versionId").GetString());

        var events = await bed.StopAndReadEventsAsync();
        string[] EventsOf(string bucket, string name) => [.. events.Where(e => e.Bucket == bucket && e.Name == name).Select(e => e.Type)];
        Assert.Equal(["createobject"], EventsOf("uploads", "act/incoming/report.csv"));
        // The copy created it, the rename deleted it; the rename's new name was created.
        Assert.Equal(["createobject", "deleteobject"], EventsOf("uploads", "act/processed/report.csv"));
        Assert.Equal(["createobject"], EventsOf("uploads", "act/archive/report.csv"));
        // v1, v2, the delete (a marker), then the marker deleted by id: v2 is back.
        Assert.Equal(["createobject", "updateobject", "deleteobject", "createobject"], EventsOf("ledgers", "act/ledger.csv"));
        Assert.True(events.Count == 8, $"Unexpected events: {string.Join("; ", events)}");
    }
}

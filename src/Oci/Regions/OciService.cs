namespace DevHarness.Oci.Regions;

/// <summary>The OCI services whose endpoints <see cref="OciEndpoints"/> resolves.</summary>
public enum OciService
{
    /// <summary>Object Storage (API 20160918).</summary>
    ObjectStorage,

    /// <summary>Streaming (API 20180418): the stream's messages endpoint.</summary>
    Streaming,
}

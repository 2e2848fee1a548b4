namespace DevHarness.Oci.ObjectStorage;

/// <summary>Query of <c>ListObjects</c> (docs/oci-facts.md §4).</summary>
/// <param name="Prefix">Only names starting with this.</param>
/// <param name="Start">Names ≥ this (the next page starts at the previous page's <c>nextStartWith</c>).</param>
/// <param name="End">Names &lt; this.</param>
/// <param name="StartAfter">Names &gt; this.</param>
/// <param name="Limit">At most this many per page (the service caps pages at 1000).</param>
/// <param name="Delimiter">Only <c>/</c> is supported; groups names into <c>prefixes</c>.</param>
/// <param name="Fields">Comma-separated: <c>name,size,etag,md5,timeCreated,timeModified,storageTier,archivalState</c>.</param>
public sealed record ListObjectsOptions(
    string? Prefix = null,
    string? Start = null,
    string? End = null,
    string? StartAfter = null,
    int? Limit = null,
    string? Delimiter = null,
    string? Fields = null);

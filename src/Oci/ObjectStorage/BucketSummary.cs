namespace DevHarness.Oci.ObjectStorage;

/// <summary>One bucket in a <c>ListBuckets</c> answer (a bare JSON array).</summary>
public sealed record BucketSummary(string Namespace, string Name, string CompartmentId, string Etag, DateTimeOffset TimeCreated, string? CreatedBy = null);

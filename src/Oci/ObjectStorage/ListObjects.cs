namespace DevHarness.Oci.ObjectStorage;

/// <summary>
/// The body of <c>ListObjects</c>: at most 1000 objects; <see cref="NextStartWith"/> is absent on the last
/// page; <see cref="Prefixes"/> appears only with a delimiter.
/// </summary>
public sealed record ListObjects(IReadOnlyList<ObjectSummary> Objects, IReadOnlyList<string>? Prefixes = null, string? NextStartWith = null);

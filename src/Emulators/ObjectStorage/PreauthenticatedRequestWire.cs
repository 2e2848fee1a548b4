namespace DevHarness.Emulators.ObjectStorage;

/// <summary>The body of CreatePreauthenticatedRequest (<c>POST /n/{ns}/b/{bucket}/p/</c>).</summary>
internal sealed record CreatePreauthenticatedRequestDetails(
    string? Name,
    string? AccessType,
    string? TimeExpires,
    string? ObjectName = null,
    string? BucketListingAction = null);

/// <summary>A PAR as its creation answers it: the only time <c>accessUri</c> (holding the token) is shown.</summary>
internal sealed record PreauthenticatedRequestModel(
    string Id,
    string Name,
    string AccessUri,
    string? ObjectName,
    string? BucketListingAction,
    string AccessType,
    DateTimeOffset TimeExpires,
    DateTimeOffset TimeCreated,
    string FullPath);

/// <summary>A PAR as Get and List answer it, without its URI.</summary>
internal sealed record PreauthenticatedRequestSummary(
    string Id,
    string Name,
    string? ObjectName,
    string? BucketListingAction,
    string AccessType,
    DateTimeOffset TimeExpires,
    DateTimeOffset TimeCreated);

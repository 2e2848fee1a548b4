namespace DevHarness.Emulators.ObjectStorage;

/// <summary>A work request, as GetWorkRequest and ListWorkRequests answer it.</summary>
internal sealed record WorkRequestModel(
    string OperationType,
    string Status,
    string Id,
    string CompartmentId,
    List<WorkRequestResource> Resources,
    int PercentComplete,
    DateTimeOffset TimeAccepted,
    DateTimeOffset? TimeStarted,
    DateTimeOffset? TimeFinished);

/// <summary>An object a work request read or wrote.</summary>
internal sealed record WorkRequestResource(string ActionType, string EntityType, string EntityUri, Dictionary<string, string> Metadata);

/// <summary>Why a work request failed.</summary>
internal sealed record WorkRequestError(string Code, string Message, DateTimeOffset Timestamp);

/// <summary>One line of a work request's log.</summary>
internal sealed record WorkRequestLogEntry(string Message, DateTimeOffset Timestamp);

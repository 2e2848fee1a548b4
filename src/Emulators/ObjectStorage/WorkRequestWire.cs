namespace DevHarness.Emulators.ObjectStorage;

/// <summary>A work request, as GetWorkRequest and ListWorkRequests answer it.</summary>
internal sealed record WorkRequestModel(
    string OperationType,
    string Status,
    string Id,
    string CompartmentId,
    List<WorkRequestResource> Resources,
    int PercentComplete,
    string TimeAccepted,
    string? TimeStarted,
    string? TimeFinished);

/// <summary>An object a work request read or wrote.</summary>
internal sealed record WorkRequestResource(string ActionType, string EntityType, string EntityUri, Dictionary<string, string> Metadata);

/// <summary>Why a work request failed.</summary>
internal sealed record WorkRequestError(string Code, string Message, string Timestamp);

/// <summary>One line of a work request's log.</summary>
internal sealed record WorkRequestLogEntry(string Message, string Timestamp);

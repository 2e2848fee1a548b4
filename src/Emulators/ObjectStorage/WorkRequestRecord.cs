namespace DevHarness.Emulators.ObjectStorage;

/// <summary>A finished work request: what GetWorkRequest answers, with its errors and log lines.</summary>
internal sealed record WorkRequestRecord(WorkRequestModel Request, List<WorkRequestError> Errors, List<WorkRequestLogEntry> Logs);

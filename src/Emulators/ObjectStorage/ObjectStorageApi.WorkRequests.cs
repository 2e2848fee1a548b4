namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// GetWorkRequest, ListWorkRequests (by <c>compartmentId</c>, as OCI requires), ListWorkRequestErrors and
/// ListWorkRequestLogs, for the work requests CopyObject creates. They are finished when created, so
/// CancelWorkRequest always answers 409.
/// </summary>
internal sealed partial class ObjectStorageApi
{
    private OciResponse WorkRequestOperation(ObjectStorageRequest request, string method, OciPath path, string clientRequestId)
    {
        var query = request.Http.Request.Query;
        if (path.Kind == OciPathKind.WorkRequests)
        {
            return method == "GET" ? ListWorkRequests(query, clientRequestId) : MethodNotAllowed(method, clientRequestId);
        }

        if (_workRequests.Get(path.Detail!) is not { } record)
        {
            return OciResponse.Error(404, "NotAuthorizedOrNotFound", $"There is no work request '{path.Detail}'.", clientRequestId, method != "HEAD");
        }

        if (path.Kind == OciPathKind.WorkRequest && method == "DELETE")
        {
            return OciResponse.Error(409, "Conflict", $"Work request '{record.Request.Id}' is {record.Request.Status} and can no longer be canceled.", clientRequestId);
        }

        if (method != "GET")
        {
            return MethodNotAllowed(method, clientRequestId);
        }

        if (path.Kind == OciPathKind.WorkRequest)
        {
            return OciResponse.WithJson(200, record.Request, Wire.WorkRequestModel, clientRequestId);
        }

        if (ListPaging.Read(query, out var limit, out var start) is { } invalid)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        if (path.Kind == OciPathKind.WorkRequestErrors)
        {
            var (errors, nextErrors) = ListPaging.Take(record.Errors, start, limit);
            return OciResponse.WithJson(200, errors, Wire.ListWorkRequestError, clientRequestId).WithNextPage(nextErrors);
        }

        var (logs, nextLogs) = ListPaging.Take(record.Logs, start, limit);
        return OciResponse.WithJson(200, logs, Wire.ListWorkRequestLogEntry, clientRequestId).WithNextPage(nextLogs);
    }

    private OciResponse ListWorkRequests(IQueryCollection query, string clientRequestId)
    {
        if (NullIfEmpty(query["compartmentId"]) is not { } compartmentId)
        {
            return OciResponse.Error(400, "MissingParameter", "ListWorkRequests requires the compartmentId query parameter.", clientRequestId);
        }

        if (ListPaging.Read(query, out var limit, out var start) is { } invalid)
        {
            return OciResponse.Error(400, "InvalidParameter", invalid, clientRequestId);
        }

        var (items, next) = ListPaging.Take(_workRequests.List(compartmentId), start, limit);
        return OciResponse.WithJson(200, [.. items.Select(r => r.Request)], Wire.ListWorkRequestModel, clientRequestId)
            .WithNextPage(next);
    }
}

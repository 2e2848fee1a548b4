using System.Net;

namespace DevHarness.Oci;

/// <summary>
/// A non-2xx answer from an OCI service (or an emulator of one): the HTTP status, OCI's error
/// <c>code</c> and <c>message</c> (docs/oci-facts.md §4 error body), and the <c>opc-request-id</c> that OCI
/// support asks for. <see cref="Exception.Message"/> names all four.
/// </summary>
public sealed class OciException : Exception
{
    public OciException(HttpStatusCode statusCode, string code, string ociMessage, string? opcRequestId, string? operation = null, Exception? innerException = null)
        : base(Describe(statusCode, code, ociMessage, opcRequestId, operation), innerException)
    {
        StatusCode = statusCode;
        Code = code;
        OciMessage = ociMessage;
        OpcRequestId = opcRequestId;
        Operation = operation;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>OCI's error code, e.g. <c>BucketNotFound</c>; derived from the status when the answer had no error body.</summary>
    public string Code { get; }

    /// <summary>OCI's human-readable error message.</summary>
    public string OciMessage { get; }

    /// <summary>The <c>opc-request-id</c> response header, if the service sent one.</summary>
    public string? OpcRequestId { get; }

    /// <summary>The request that failed, as <c>METHOD /path</c>, when known.</summary>
    public string? Operation { get; }

    private static string Describe(HttpStatusCode statusCode, string code, string ociMessage, string? opcRequestId, string? operation)
    {
        var prefix = operation is null ? "OCI request failed" : $"OCI request {operation} failed";
        return $"{prefix}: {(int)statusCode} {code}: {ociMessage} (opc-request-id: {opcRequestId ?? "none"})";
    }
}

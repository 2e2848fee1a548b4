using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DevHarness.Oci;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>Builds WireMock responses that look like Object Storage's: <c>opc-request-id</c> on every one, the
/// caller's <c>opc-client-request-id</c> echoed, JSON bodies and <c>{"code","message"}</c> errors (docs/oci-facts.md §4).</summary>
internal sealed class OciResponse
{
    // Readable JSON like the service's (names and messages are not \u-escaped beyond what JSON needs).
    private static readonly OciJsonContext Json = new(new JsonSerializerOptions(OciJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private readonly ResponseMessage _message;

    private OciResponse(int status, string? clientRequestId)
    {
        _message = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
        };
        Header("opc-request-id", NewRequestId());
        if (!string.IsNullOrEmpty(clientRequestId))
        {
            Header("opc-client-request-id", clientRequestId);
        }
    }

    public static OciResponse Status(int status, string? clientRequestId) => new(status, clientRequestId);

    public static OciResponse WithJson<T>(int status, T body, Func<OciJsonContext, JsonTypeInfo<T>> typeInfo, string? clientRequestId) =>
        new OciResponse(status, clientRequestId).Body(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo(Json)), "application/json");

    public static OciResponse WithJson<T>(int status, T body, JsonTypeInfo<T> typeInfo, string? clientRequestId) =>
        new OciResponse(status, clientRequestId).Body(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo), "application/json");

    /// <summary>An OCI error; HEAD responses carry none (the Java SDK fails on a HEAD 404 body, docs/oci-facts.md §4).</summary>
    public static OciResponse Error(int status, string code, string message, string? clientRequestId, bool withBody = true)
    {
        var response = new OciResponse(status, clientRequestId);
        return withBody
            ? response.Body(JsonSerializer.SerializeToUtf8Bytes(new OciErrorBody(code, message), Json.OciErrorBody), "application/json")
            : response;
    }

    public int StatusCode => (int)_message.StatusCode!;

    public OciResponse Header(string name, string value)
    {
        _message.Headers![name] = new WireMockList<string>(value);
        return this;
    }

    public OciResponse Header(string name, DateTimeOffset value) =>
        Header(name, value.UtcDateTime.ToString("R", CultureInfo.InvariantCulture));

    public OciResponse Body(byte[] body, string contentType)
    {
        _message.BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes };
        return Header("Content-Type", contentType);
    }

    public IResponseMessage ToMessage() => _message;

    public static string NewRequestId() => $"local-1:{Guid.NewGuid():N}";
}

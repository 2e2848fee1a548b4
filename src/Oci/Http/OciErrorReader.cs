using System.Net;
using System.Text;
using System.Text.Json;

namespace DevHarness.Oci.Http;

/// <summary>
/// Turns a non-2xx response into an <see cref="OciException"/>. OCI error bodies are
/// <c>{"code": "...", "message": "..."}</c> (docs/oci-facts.md §4); some answers carry no body at all (a 404 to
/// HEAD, oracle/oci-java-sdk#448) or a non-JSON one (a proxy), and those still give a specific error.
/// </summary>
internal static class OciErrorReader
{
    /// <summary>Error bodies are small; a larger one is cut here so a misbehaving server cannot flood memory.</summary>
    private const int MaxBodyChars = 64 * 1024;

    public static async Task<OciException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var requestId = OciHeaders.Get(response, OciHeaders.OpcRequestId);
        var operation = Operation(response.RequestMessage);
        var text = await ReadBodyAsync(response, cancellationToken);
        var status = response.StatusCode;

        if (string.IsNullOrWhiteSpace(text))
        {
            return new OciException(status, CodeFromStatus(status), $"the service answered {(int)status} {response.ReasonPhrase ?? status.ToString()} with no error body", requestId, operation);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var code = StringProperty(document.RootElement, "code");
                var message = StringProperty(document.RootElement, "message");
                if (code is not null || message is not null)
                {
                    return new OciException(status, code ?? CodeFromStatus(status), message ?? "(no message)", requestId, operation);
                }
            }
        }
        catch (JsonException)
        {
            // Not an OCI error body; the text itself is the best message available.
        }

        return new OciException(status, CodeFromStatus(status), $"the service answered with a non-OCI error body: {text.Trim()}", requestId, operation);
    }

    /// <summary>The request as <c>METHOD /path</c> (no query: cursors are long and opaque).</summary>
    public static string? Operation(HttpRequestMessage? request) =>
        request?.RequestUri is { IsAbsoluteUri: true } uri ? $"{request.Method.Method} {uri.AbsolutePath}" : null;

    /// <summary>OCI-style code for an answer without one: the status name, e.g. <c>NotFound</c>, <c>TooManyRequests</c>.</summary>
    private static string CodeFromStatus(HttpStatusCode status) =>
        Enum.IsDefined(status) ? status.ToString() : $"Http{(int)status}";

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyChars];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, length);
    }
}

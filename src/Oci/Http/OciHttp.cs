using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.Timeout;

namespace DevHarness.Oci.Http;

/// <summary>The request/response plumbing both clients share: send, map failures, read and write JSON.</summary>
internal static class OciHttp
{
    /// <summary>
    /// Sends <paramref name="request"/>; a non-2xx answer (other than <paramref name="alsoAccepted"/>)
    /// becomes an <see cref="OciException"/> and its response is disposed; running out of time in the
    /// resilience pipeline becomes a <see cref="TimeoutException"/> naming the operation.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken, HttpStatusCode? alsoAccepted = null)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken);
        }
        catch (TimeoutRejectedException exception)
        {
            // Polly's exception would leak the resilience library into every caller's catch clauses.
            throw new TimeoutException(
                $"{OciErrorReader.Operation(request) ?? "OCI request"}: no answer within {exception.Timeout.TotalSeconds:0.###} s (OciRetryOptions.AttemptTimeout / TotalTimeout).",
                exception);
        }

        if (response.IsSuccessStatusCode || response.StatusCode == alsoAccepted)
        {
            return response;
        }

        using (response)
        {
            throw await OciErrorReader.ReadAsync(response, cancellationToken);
        }
    }

    /// <summary>A JSON body with a known length (the signer needs <c>content-length</c>, docs/oci-facts.md §5).</summary>
    public static ByteArrayContent JsonBody<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Reads a JSON body; a body that is not the expected model is reported with the operation and the reason.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken)
                ?? throw new InvalidDataException($"{Describe(response)}: the response body was JSON null, expected {typeof(T).Name}.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{Describe(response)}: the response body is not a valid {typeof(T).Name}: {exception.Message}", exception);
        }
    }

    private static string Describe(HttpResponseMessage response) =>
        OciErrorReader.Operation(response.RequestMessage) ?? "OCI response";
}

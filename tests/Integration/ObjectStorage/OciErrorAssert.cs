using System.Text.Json;

namespace DevHarness.Integration.ObjectStorage;

internal static class OciErrorAssert
{
    /// <summary>Asserts an OCI error: status, JSON <c>{"code","message"}</c> and an <c>opc-request-id</c>.</summary>
    public static async Task<string> IsErrorAsync(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.True(response.Headers.Contains("opc-request-id"), "every OCI response carries opc-request-id");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
        var message = json.RootElement.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }
}

using System.Text.Json;

namespace DevHarness.Integration.Events;

internal static class OciErrorAssertLite
{
    /// <summary>Asserts a status and a JSON error whose message mentions <paramref name="fragment"/>.</summary>
    public static async Task IsAsync(HttpResponseMessage response, int status, string fragment)
    {
        Assert.Equal(status, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(fragment, json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

using System.Text.Json;

namespace DevHarness.Integration.Infrastructure;

public sealed class NodeClientsTests
{
    [Fact]
    public async Task TheOfficialOciSdkAndKafkaJsLoadAtTheirPinnedVersions()
    {
        var result = (await NodeClients.RunAsync("smoke/versions.mjs", cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccess();

        using var versions = JsonDocument.Parse(result.Stdout);
        Assert.Equal("2.2.4", versions.RootElement.GetProperty("kafkajs").GetString());
        Assert.Equal("2.139.1", versions.RootElement.GetProperty("oci-objectstorage").GetString());
        Assert.Equal("2.139.1", versions.RootElement.GetProperty("oci-streaming").GetString());
    }
}

using System.Diagnostics;
using DevHarness.Emulators.Streaming;
using DevHarness.Integration.Infrastructure;

namespace DevHarness.Integration.Streaming;

/// <summary>The <c>stream</c> subcommand as a user runs it: options, readiness on /health, clean stop on SIGTERM.</summary>
public sealed class StreamCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheStreamCommandServesHealthAndStopsCleanlyOnSigterm()
    {
        var port = FreePort.Next();
        var kafkaPort = FreePort.Next();
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "DevHarness.Emulators.dll"), "stream", "--port", $"{port}", "--kafka-port", $"{kafkaPort}", "--stream", "ocid1.stream.oc1.local.cli=cli:2" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        _ = process.StandardError.ReadToEndAsync(ct);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var deadline = DateTime.UtcNow + Timeout;
            while (true)
            {
                Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "the stream command did not become healthy");
                try
                {
                    using var health = await http.GetAsync("health", ct);
                    if (health.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(200, ct);
            }

            var info = await http.GetStringAsync("20180418/streams/ocid1.stream.oc1.local.cli", ct);
            Assert.Contains("\"partitions\":2", info, StringComparison.Ordinal);

            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync(ct).WaitAsync(Timeout, ct);
            }

            await process.WaitForExitAsync(ct).WaitAsync(Timeout, ct);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains($"Kafka bootstrap 127.0.0.1:{kafkaPort}", await output, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Theory]
    [InlineData("ocid1.stream.oc1.local.relay=relay:3", "ocid1.stream.oc1.local.relay", "relay", 3)]
    [InlineData("ocid1.stream.oc1.phx.abc=orders", "ocid1.stream.oc1.phx.abc", "orders", 1)]
    [InlineData("x=a.b_c-d:12", "x", "a.b_c-d", 12)]
    public void StreamDefinitionsParse(string text, string ocid, string name, int partitions) =>
        Assert.Equal(new StreamDefinition(ocid, name, partitions), StreamDefinition.Parse(text));

    [Theory]
    [InlineData("relay")]
    [InlineData("=relay")]
    [InlineData("ocid=")]
    [InlineData("ocid=relay:0")]
    [InlineData("ocid=relay:x")]
    [InlineData("ocid=bad name")]
    public void BadStreamDefinitionsSayWhatIsExpected(string text)
    {
        var error = Assert.Throws<FormatException>(() => StreamDefinition.Parse(text));
        Assert.Contains("--stream", error.Message, StringComparison.Ordinal);
    }
}

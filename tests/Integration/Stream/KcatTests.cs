using System.Diagnostics;

namespace DevHarness.Integration.Streaming;

/// <summary>
/// An independent Kafka client (kcat, from Debian) sees the embedded broker's advertised address and reads
/// what the facade wrote: the stable-port forwarder works for clients other than our own.
/// </summary>
public sealed class KcatTests
{
    private static readonly TimeSpan KcatTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KcatListsTheAdvertisedBrokerAndTopic()
    {
        var kcat = Kcat();
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);

        var output = await RunAsync(kcat, "-b", stream.BootstrapServers, "-L", "-t", stream.Topic);

        Assert.Contains($"broker 1 at {stream.BootstrapServers}", output, StringComparison.Ordinal);
        Assert.Contains($"topic \"{stream.Topic}\" with 3 partitions", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KcatConsumesAMessageProducedThroughTheFacade()
    {
        var kcat = Kcat();
        await using var stream = await TestStream.StartAsync(BrokerKind.Embedded, partitions: 3);
        var entry = (await stream.Client.PutAsync(("devharness/uploads/hello.txt", "hello from PutMessages"))).Entries.Single();

        var output = await RunAsync(kcat, "-b", stream.BootstrapServers, "-C", "-t", stream.Topic,
            "-p", entry.Partition!, "-o", entry.Offset!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "1", "-e", "-q", "-f", "%k|%s|%o\\n");

        Assert.Equal($"devharness/uploads/hello.txt|hello from PutMessages|{entry.Offset}", output.Trim());
    }

    private static string Kcat()
    {
        var path = new[] { "/usr/bin/kcat", "/usr/local/bin/kcat", "/usr/bin/kafkacat" }.FirstOrDefault(File.Exists);
        if (path is null)
        {
            Assert.Skip("kcat is not installed (apt-get install kcat; .ci/run installs it)");
        }
        return path;
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(KcatTimeout, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        Assert.True(process.ExitCode == 0, $"kcat exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}

using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using DevHarness.AppHost;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Streaming;

namespace DevHarness.Integration.AppHost;

/// <summary>
/// The whole AppHost, started through <c>Aspire.Hosting.Testing</c> on free ports, waited on until every
/// resource reports healthy. Clients point at the emulators exactly as a user's OCI SDK would.
/// </summary>
internal sealed class HarnessHost : IAsyncDisposable
{
    public const string Namespace = "devharness";
    public const string Bucket = "uploads";
    public const string Topic = "relay";
    public const string StreamOcid = "ocid1.stream.oc1.local.relay";
    public const int Partitions = 3;

    /// <summary>Generous: on a shared two-core machine four `dotnet run`s start at once.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private static readonly string[] Resources = ["stream", "objectstorage", "relay", "objectstorage-events"];
    private readonly HttpClient _objectStorageHttp;
    private readonly HttpClient _streamHttp;

    private HarnessHost(DistributedApplication app, int[] ports)
    {
        App = app;
        ObjectStoragePort = ports[0];
        StreamPort = ports[1];
        KafkaBootstrap = $"127.0.0.1:{ports[3]}";
        _objectStorageHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}"), Timeout = TimeSpan.FromMinutes(1) };
        _streamHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[1]}"), Timeout = TimeSpan.FromMinutes(1) };
        ObjectStorage = new ObjectStorageClient(_objectStorageHttp);
        Streams = new StreamClient(_streamHttp);
    }

    public DistributedApplication App { get; }

    public int ObjectStoragePort { get; }

    public int StreamPort { get; }

    public string KafkaBootstrap { get; }

    public ObjectStorageClient ObjectStorage { get; }

    /// <summary>The OCI Streaming REST facade of the <c>stream</c> emulator.</summary>
    public StreamClient Streams { get; }

    public static async Task<HarnessHost> StartAsync(string kafka, string publisher, IEnumerable<string> extraArguments, bool waitForHealthy, CancellationToken cancellationToken)
    {
        var ports = FreePorts.Take(5);
        // The testing builder hands its arguments straight to Aspire's configuration as well as to the
        // entry point, so harness options go as configuration keys (--DevHarness:Kafka=embedded): a bare
        // --publisher would switch Aspire into publish mode.
        string[] arguments =
        [
            Option("kafka", kafka),
            Option("publisher", publisher),
            Option("objectstorage-port", Text(ports[0])),
            Option("stream-port", Text(ports[1])),
            Option("events-port", Text(ports[2])),
            Option("kafka-port", Text(ports[3])),
            Option("relay-port", Text(ports[4])),
            // Each harness its own throwaway stream: a shared data folder would mix the tests' messages.
            Option("stream-data-dir", "none"),
            .. extraArguments,
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            arguments, (options, _) => options.DisableDashboard = true, cancellationToken);
        var app = await builder.BuildAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        var host = new HarnessHost(app, ports);
        try
        {
            await app.StartAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            if (waitForHealthy)
            {
                await host.WaitHealthyAsync(cancellationToken);
            }

            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        foreach (var resource in Resources)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
        }
    }

    /// <summary>Restart, as a user does from the dashboard, then wait until the resource is healthy again.</summary>
    public async Task RestartAsync(string resource, CancellationToken cancellationToken)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.RestartCommand, cancellationToken)
            .WaitAsync(StartTimeout, cancellationToken);
        Assert.True(result.Success, $"restart {resource}: {result.Message}");
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken).WaitAsync(StartTimeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _objectStorageHttp.Dispose();
        _streamHttp.Dispose();
        await App.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await App.DisposeAsync();
    }

    /// <summary><c>--DevHarness:Name=value</c>, the configuration form of a harness option.</summary>
    public static string Option(string option, string value) => $"--{HarnessArguments.Key(option)}={value}";

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}

using DevHarness.Relay;
using DevHarness.Relay.Configuration;
using DevHarness.Relay.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// The relay: one handler behind two listeners (DESIGN.md "The relay"). With FN_LISTENER it speaks the
// Fn contract on a unix socket (OCI Functions); otherwise POST /call on ASPNETCORE_URLS / --urls.
FnListener? fn;
RelaySettings settings;
OciCredentials credentials;
var builder = WebApplication.CreateSlimBuilder(args);
try
{
    fn = FnListener.FromEnvironment(Environment.GetEnvironmentVariable);
    builder.Configuration.AddLegacyEnvironment(Environment.GetEnvironmentVariable);
    var problems = new ConfigurationProblems();
    settings = RelaySettingsReader.Read(builder.Configuration, problems);
    credentials = OciCredentials.Resolve(settings, Environment.GetEnvironmentVariable, problems);
    if (problems.Count > 0)
    {
        throw new RelayConfigurationException(problems.Messages);
    }
}
catch (Exception ex) when (ex is RelayConfigurationException or FnListenerException)
{
    // Refuse to start half-configured: every problem at once, and a non-zero exit.
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

var mode = fn is null ? HostingMode.Http : HostingMode.Fn;
builder.Logging.AddSimpleConsole(options =>
{
    // One line per entry: OCI Logging and `docker logs` show one invocation per line.
    options.SingleLine = true;
    options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
    options.UseUtcTimestamp = true;
});
// One line per invocation is RelayLog's; ASP.NET Core's per-request lines would double it.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
if (!builder.Configuration.NamesOtlpCollector())
{
    // No collector (OCI Functions, a standalone run): OpenTelemetry's providers and instrumentation would
    // start on the cold-start clock for output that goes nowhere, and every endpoint is a real URL, so
    // service discovery has nothing to resolve. Health checks stay. Aspire always names a collector.
    builder.AddDefaultHealthChecks();
}
else
{
    builder.AddServiceDefaults();
}

builder.AddRelay(settings, mode, credentials);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = null;
    if (fn is not null)
    {
        // OCI-NOTES §8.2: the FDK should not enforce timeouts; the agent re-dials after ~1 s idle.
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.MinResponseDataRate = null;
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromHours(1);
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromHours(1);
        kestrel.ListenUnixSocket(fn.PhonyPath, listen => listen.Protocols = HttpProtocols.Http1);
    }
});
if (fn is not null)
{
    fn.RemoveStaleFiles();
    builder.Services.AddSingleton(fn);
    builder.Services.AddHostedService<FnListenerPublisher>();
}

var app = builder.Build();
if (mode == HostingMode.Http)
{
    app.MapDefaultEndpoints();
}

app.MapPost("/call", context => context.RequestServices.GetRequiredService<CallEndpoint>().InvokeAsync(context));

// The producer is created now, not on the first event: its connection setup is not on an invocation's clock.
_ = app.Services.GetRequiredService<DevHarness.Relay.Publishing.IStreamPublisher>();
var target = settings.Publisher == PublisherKind.Kafka
    ? $"{settings.BootstrapServers} topic {settings.Topic}"
    : $"{settings.StreamEndpoint} stream {settings.StreamId}";
RelayLog.Started(app.Logger, settings.Format, settings.Publisher, target, credentials.ObjectStorageEndpoint, credentials.AuthDescription);
await app.RunAsync();
return 0;

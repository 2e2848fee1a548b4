using DevHarness.Relay;
using DevHarness.Relay.Configuration;
using DevHarness.Relay.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// The relay: one handler behind two listeners (docs/architecture.md). With FN_LISTENER it speaks the Fn
// contract on a unix socket (OCI Functions); otherwise POST /call on ASPNETCORE_URLS / --urls.
FnListener? fn;
RelaySettings settings;
OciCredentials credentials;

// Configuration is read once: watching appsettings*.json for changes starts a file watcher over the content
// root on the cold-start clock, and a function's configuration never changes while it runs.
var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
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
if (builder.Configuration.NamesOtlpCollector())
{
    // Aspire always names a collector. Without one (OCI Functions, a standalone run) OpenTelemetry's providers
    // and instrumentation would start on the cold-start clock for output that goes nowhere.
    builder.AddServiceDefaults();
}
else if (mode == HostingMode.Http)
{
    builder.AddDefaultHealthChecks();
}

builder.AddRelay(settings, mode, credentials);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = null;
    if (fn is not null)
    {
        // docs/oci-facts.md §8.2: the FDK should not enforce timeouts; the agent re-dials after ~1 s idle.
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
    builder.Services.AddHostedService(services => new FnListenerPublisher(fn, services.GetRequiredService<ILoggerFactory>().CreateLogger<FnListenerPublisher>()));
}

var app = builder.Build();
if (mode == HostingMode.Http)
{
    app.MapDefaultEndpoints();
}

// POST /call as middleware rather than a routed endpoint: in Fn mode nothing else is served, so no router is
// built on the first call's clock (HTTP mode routes /health and /alive, and falls through to this).
CallEndpoint? call = null;
app.Use((context, next) => HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/call"
    ? (call ??= app.Services.GetRequiredService<CallEndpoint>()).InvokeAsync(context)
    : next(context));

var target = settings.Publisher == PublisherKind.Kafka
    ? $"{settings.BootstrapServers} topic {settings.Topic}"
    : $"{settings.StreamEndpoint} stream {settings.StreamId}";
RelayLog.Started(app.Logger, settings.Format, settings.Publisher, target, credentials.ObjectStorageEndpoint, credentials.AuthDescription);
await app.RunAsync();
return 0;

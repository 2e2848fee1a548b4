using System.Text.Json;
using DevHarness.Oci;
using DevHarness.Oci.Signing;

namespace DevHarness.Emulators.Events;

/// <summary>
/// OCI Events on ASP.NET Core minimal APIs: <c>POST /events</c> accepts an event, evaluates the rules and
/// queues function invocations; <c>GET /deadletters</c> lists what finally failed; <c>GET /rules</c> shows
/// what is loaded; <c>/health</c> for Aspire. With <c>--verify-signatures</c> the admin endpoints require an OCI
/// signature (<see cref="AdminSignatureCheck"/>). Start in-process with <see cref="StartAsync"/>.
/// </summary>
internal sealed class EventsEmulator : IAsyncDisposable
{
    /// <summary>Bodies up to this declared length are read into an array of that size; an object event is about 1.5 KB.</summary>
    private const int MaxDirectBody = 1024 * 1024;

    private readonly WebApplication _app;

    private EventsEmulator(WebApplication app, EventDispatcher dispatcher, Uri url)
    {
        _app = app;
        Dispatcher = dispatcher;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Where object events are posted, e.g. the Object Storage emulator's <c>--events-url</c>.</summary>
    public Uri EventsUrl => new(Url, "events");

    public EventDispatcher Dispatcher { get; }

    public static async Task<EventsEmulator> StartAsync(EventsEmulatorOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }

        var rules = options.Rules
            ?? (options.RulesFile is { } file ? RulesFile.Load(file) : [RulesFile.DefaultRule(options.Target)]);
        var verifier = options.TrustedPublicKeyFiles.Count == 0
            ? null
            : new SignatureVerifier(options.TrustedPublicKeyFiles.Select(f => TrustedKey.FromPemFile(f)), options.Clock);
        var deadLetters = new DeadLetterStore(options.DataDirectory);

        var builder = WebApplication.CreateSlimBuilder(HostConfiguration.Arguments);
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        HostConfiguration.AddServiceDefaultsWhenCollected(builder);
        if (loggerFactory is not null)
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(loggerFactory);
        }

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DevHarness.Emulators.Events");
        foreach (var problem in deadLetters.LoadProblems)
        {
            EventsLog.Unreadable(logger, problem);
        }

        if (deadLetters is { Loaded.Count: > 0, Path: { } deadLetterFile })
        {
            EventsLog.DeadLettersRestored(logger, deadLetters.Loaded.Count, deadLetterFile);
        }

        var dispatcher = new EventDispatcher(rules, options, deadLetters, logger);
        if (verifier is not null)
        {
            app.UseMiddleware<AdminSignatureCheck>(verifier);
        }

        app.MapDefaultEndpoints();
        app.MapPost("/events", (HttpRequest request) => AcceptAsync(request, dispatcher, logger));
        app.MapGet("/deadletters", () => Results.Json(dispatcher.DeadLetters, EventsJsonContext.Default.IReadOnlyListDeadLetter));
        app.MapGet("/rules", () => Results.Text(RulesText(rules), "application/json"));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await dispatcher.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }

        var address = new Uri(app.Urls.First());
        var url = new Uri($"http://{(options.Host is "0.0.0.0" or "*" ? "127.0.0.1" : options.Host)}:{address.Port}/");
        if (logger.IsEnabled(LogLevel.Information))
        {
            var names = string.Join(", ", rules.Select(r => r.IsEnabled ? r.DisplayName : r.DisplayName + " (disabled)"));
            var text = url.ToString();
            EventsLog.Started(logger, text, rules.Count, names);
        }

        return new EventsEmulator(app, dispatcher, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await Dispatcher.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static async Task<IResult> AcceptAsync(HttpRequest request, EventDispatcher dispatcher, ILogger logger)
    {
        var aborted = request.HttpContext.RequestAborted;
        var body = await ReadBodyAsync(request, aborted);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Reject(logger, $"The body is not JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("eventType", out var eventType) || eventType.ValueKind != JsonValueKind.String)
            {
                return Reject(logger, "The body is not an OCI event: it needs a string \"eventType\" (docs/oci-facts.md §1).");
            }

            var parent = TracePropagation.Capture(request.HttpContext);
            List<string> matched;
            int invocations;
            try
            {
                // Waits while the event's lane is full: the answer, and so the acknowledgement, comes once it is queued.
                (matched, invocations) = await dispatcher.DispatchAsync(root, body, parent, aborted);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client left before the event was queued: nothing was acknowledged, so nothing is lost.
                return Results.Empty;
            }

            var eventId = root.TryGetProperty("eventID", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            if (logger.IsEnabled(matched.Count == 0 ? LogLevel.Information : LogLevel.Debug))
            {
                var type = eventType.GetString()!;
                var shownId = eventId ?? "(no eventID)";
                if (matched.Count == 0)
                {
                    EventsLog.Unmatched(logger, type, shownId);
                }
                else
                {
                    var ruleNames = string.Join(", ", matched);
                    EventsLog.Accepted(logger, type, shownId, ruleNames);
                }
            }

            return Results.Json(new EventAccepted(eventId, matched, invocations), EventsJsonContext.Default.EventAccepted, statusCode: StatusCodes.Status202Accepted);
        }
    }

    /// <summary>The request body in one array: read straight into it when its length is declared (events are small), else gathered.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length and <= MaxDirectBody)
        {
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body, cancellationToken);
            return body;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static IResult Reject(ILogger logger, string reason)
    {
        EventsLog.Rejected(logger, reason);
        return Results.Json(new OciErrorBody("InvalidParameter", reason), EventsJsonContext.Default.OciErrorBody, statusCode: StatusCodes.Status400BadRequest);
    }

    private static string RulesText(IReadOnlyList<EventRule> rules)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("displayName", rule.DisplayName);
                json.WriteBoolean("isEnabled", rule.IsEnabled);
                json.WritePropertyName("condition");
                json.WriteRawValue(rule.Condition.ToString());
                json.WriteStartArray("actions");
                foreach (var target in rule.Targets)
                {
                    json.WriteStartObject();
                    json.WriteString("target", target);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

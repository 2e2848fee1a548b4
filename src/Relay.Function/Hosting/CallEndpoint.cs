using System.Globalization;
using System.Text.Json;
using DevHarness.Oci;
using DevHarness.Oci.Events;
using DevHarness.Relay.Handling;

namespace DevHarness.Relay.Hosting;

/// <summary>
/// <c>POST /call</c> for both listeners (docs/oci-facts.md §8.2): reads the whole body first, enforces
/// <c>Fn-Deadline</c> (a 504 shortly before it, the work cancelled), and answers only 200, 502 or 504
/// in Fn mode — any other status makes the agent kill the container. HTTP mode answers the same,
/// except that input at fault is a 400 (422 when well formed but not relayable) with a JSON error.
/// A call without a readable <c>Fn-Deadline</c> (HTTP mode, curl) gets <paramref name="defaultDeadline"/>.
/// </summary>
internal sealed class CallEndpoint(RelayHandler handler, HostingMode mode, TimeSpan defaultDeadline, TimeProvider time,
    ILogger<CallEndpoint> logger)
{
    /// <summary>OCI Functions refuses bodies over 6 MB (§8.3); the relay reads no more than that.</summary>
    public const int MaxBodyBytes = 6 * 1024 * 1024;

    /// <summary>How long before <c>Fn-Deadline</c> the relay gives up and answers 504 itself.</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(200);

    // Relaxed escaping: the answer is read by people (curl, logs), and 'quotes' should stay readable.
    private static readonly RelayJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly string FdkVersion = "fdk-devharness/" + typeof(CallEndpoint).Assembly.GetName().Version?.ToString(3);
    private static readonly string FdkRuntime = "dotnet/" + Environment.Version.ToString();

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = time.GetTimestamp();
        var callId = context.Request.Headers["Fn-Call-Id"].ToString();
        var gateway = string.Equals(context.Request.Headers["Fn-Intent"], "httprequest", StringComparison.OrdinalIgnoreCase);

        // The deadline counts from the agent's clock, so the timer starts before the body is read.
        var fnDeadline = ParseDeadline(context.Request.Headers["Fn-Deadline"].ToString());
        var deadline = fnDeadline ?? time.GetUtcNow() + defaultDeadline;
        using var deadlineSource = new CancellationTokenSource(Clamp(deadline - time.GetUtcNow() - DeadlineMargin), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, deadlineSource.Token);
        string? eventId = null;
        try
        {
            var body = await ReadBodyAsync(context.Request, linked.Token);
            if (body is null)
            {
                await RejectAsync(context, gateway, callId, "$", $"The request body exceeds {MaxBodyBytes} bytes.", notRelayable: false, started);
                return;
            }

            ObjectStorageEvent evt;
            try
            {
                evt = ObjectStorageEvent.Parse(body);
            }
            catch (EventFormatException ex)
            {
                await RejectAsync(context, gateway, callId, ex.JsonPath, ex.Message, notRelayable: false, started);
                return;
            }

            eventId = evt.EventId;

            // WaitAsync: the 504 goes out on time even if a backend call is slow to observe cancellation.
            var outcome = await handler.HandleAsync(evt, linked.Token).WaitAsync(linked.Token);
            await SucceedAsync(context, gateway, callId, outcome, started);
        }
        catch (RelayRejectedException ex)
        {
            await RejectAsync(context, gateway, callId, null, ex.Message, notRelayable: true, started);
        }
        catch (OperationCanceledException) when (deadlineSource.IsCancellationRequested)
        {
            RelayLog.TimedOut(logger, eventId ?? "-", fnDeadline is null ? "default deadline (Relay:DefaultDeadlineSeconds)" : "Fn-Deadline",
                callId, Elapsed(started));
            RelayTelemetry.Invocations.Add(1, new KeyValuePair<string, object?>("outcome", "timeout"));
            await WriteAsync(context, StatusCodes.Status504GatewayTimeout, gateway, new CallResponse
            {
                Error = "deadline",
                EventId = eventId,
                Message = fnDeadline is null
                    ? $"The invocation did not finish within the relay's default deadline of {defaultDeadline.TotalSeconds:0.###} s "
                      + "(the call had no Fn-Deadline; Relay:DefaultDeadlineSeconds sets it); nothing was acknowledged."
                    : $"The invocation did not finish before its Fn-Deadline ({deadline:O}); nothing was acknowledged.",
            });
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            RelayLog.Abandoned(logger, eventId ?? "-", callId, Elapsed(started));
        }
        catch (Exception ex)
        {
            // Never a 500 (it kills the Fn container): every failure of the work itself is a 502.
            RelayLog.Failed(logger, eventId ?? "-", callId, ex.GetType().Name, ex.Message, Elapsed(started), ex);
            RelayTelemetry.Invocations.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            await WriteAsync(context, StatusCodes.Status502BadGateway, gateway, new CallResponse
            {
                Error = "failed",
                EventId = eventId,
                Code = (ex as OciException ?? ex.InnerException as OciException)?.Code,
                Message = ex.Message,
            });
        }
    }

    private async Task SucceedAsync(HttpContext context, bool gateway, string callId, RelayOutcome outcome, long started)
    {
        var elapsed = Elapsed(started);
        if (outcome.Status == RelayStatus.Ignored)
        {
            RelayLog.Ignored(logger, outcome.EventId, outcome.EventType, callId, elapsed);
        }
        else
        {
            var receipt = outcome.Receipt;
            RelayLog.Relayed(logger, outcome.EventId, outcome.EventType, outcome.Object ?? "-", outcome.Data, outcome.Bytes,
                receipt.Messages, receipt.Partitions, receipt.FirstOffset, receipt.LastOffset, callId, elapsed);
            RelayTelemetry.Bytes.Add(outcome.Bytes);
        }

        RelayTelemetry.Invocations.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Status == RelayStatus.Ignored ? "ignored" : "relayed"));
        RelayTelemetry.Duration.Record(elapsed);
        await WriteAsync(context, StatusCodes.Status200OK, gateway, new CallResponse
        {
            Status = outcome.Status == RelayStatus.Ignored ? "ignored" : "relayed",
            EventId = outcome.EventId,
            EventType = outcome.EventType,
            Object = outcome.Object,
            Data = outcome.Data,
            Bytes = outcome.Bytes,
            Messages = outcome.Receipt.Messages,
            Partitions = outcome.Receipt.Messages == 0 ? null : outcome.Receipt.Partitions,
            FirstOffset = outcome.Receipt.Messages == 0 ? null : outcome.Receipt.FirstOffset,
            LastOffset = outcome.Receipt.Messages == 0 ? null : outcome.Receipt.LastOffset,
        });
    }

    private async Task RejectAsync(HttpContext context, bool gateway, string callId, string? field, string message, bool notRelayable, long started)
    {
        RelayLog.Rejected(logger, field ?? "-", message, callId, Elapsed(started));
        RelayTelemetry.Invocations.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));

        // Fn mode knows only 200/502/504 (the platform discards a 502's body, the log keeps the reason);
        // behind the API gateway the caller gets the HTTP status through Fn-Http-Status instead.
        var status = notRelayable ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest;
        await WriteAsync(context, status, gateway, new CallResponse
        {
            Error = notRelayable ? "not-relayable" : "malformed-event",
            Field = field,
            Message = message,
        });
    }

    private async Task WriteAsync(HttpContext context, int status, bool gateway, CallResponse body)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var response = context.Response;
        if (mode == HostingMode.Fn)
        {
            response.Headers["Fn-Fdk-Version"] = FdkVersion;
            response.Headers["Fn-Fdk-Runtime"] = FdkRuntime;
            if (gateway)
            {
                // docs/oci-facts.md §8.2: the gateway's status travels in Fn-Http-Status; the agent sees 200 unless we failed.
                response.Headers["Fn-Http-Status"] = status.ToString(CultureInfo.InvariantCulture);
                status = status is StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity ? StatusCodes.Status200OK : status;
            }
            else if (status is StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity)
            {
                status = StatusCodes.Status502BadGateway;
            }
        }

        response.StatusCode = status;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, body, Json.CallResponse, CancellationToken.None);
    }

    /// <summary>Reads the whole body (the contract requires it before answering); null when it exceeds <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            await DrainAsync(request.Body, cancellationToken);
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                await DrainAsync(request.Body, cancellationToken);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var sink = new byte[16 * 1024];
        while (await body.ReadAsync(sink, cancellationToken) > 0)
        {
        }
    }

    /// <summary>Fn-Deadline is RFC 3339 (second precision in practice); an unreadable one is ignored, not fatal.</summary>
    private static DateTimeOffset? ParseDeadline(string header) =>
        DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var deadline) ? deadline : null;

    private static TimeSpan Clamp(TimeSpan remaining) => remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;
}

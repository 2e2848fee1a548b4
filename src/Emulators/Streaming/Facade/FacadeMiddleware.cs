using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DevHarness.Oci;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// Around every request: an <c>opc-request-id</c> (echoed or minted), OCI-shaped error bodies for
/// <see cref="OciProblem"/> and anything unexpected, and one readable log line.
/// </summary>
internal sealed class FacadeMiddleware(RequestDelegate next, ILogger<FacadeMiddleware> logger)
{
    public const string RequestIdHeader = "opc-request-id";

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = context.Request.Headers[RequestIdHeader].ToString();
        if (string.IsNullOrEmpty(requestId))
        {
            requestId = "local:" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        }

        context.Response.Headers[RequestIdHeader] = requestId;
        var info = new RequestInfo();
        context.Features.Set(info);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (OciProblem problem)
        {
            await WriteErrorAsync(context, problem);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(context, OciProblem.InvalidParameter($"The request could not be read: {e.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            StreamLog.Unexpected(logger, e, info.Operation, context.Request.Path);
            await WriteErrorAsync(context, new OciProblem(500, "InternalServerError", $"The stream emulator failed: {e.Message}"));
        }

        var path = context.Request.Path.Value ?? "/";
        if (path is not ("/health" or "/alive"))
        {
            StreamLog.Request(logger, info.Operation, context.Request.Method, path, info.Stream, info.Partitions,
                context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public static async Task WriteErrorAsync(HttpContext context, OciProblem problem)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = problem.Status;
        if (problem.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new OciErrorBody(problem.Code, problem.Message), OciJsonContext.Default.OciErrorBody, context.RequestAborted);
    }
}

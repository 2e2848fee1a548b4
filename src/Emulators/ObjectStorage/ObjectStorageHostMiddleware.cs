using System.Diagnostics;
using DevHarness.Emulators.Events;
using Microsoft.AspNetCore.Http.Features;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Runs in WireMock's own ASP.NET Core pipeline, before WireMock. WireMock materialises request and
/// response bodies as byte arrays and keeps requests in its journal, which is wrong for objects of any
/// size. So this middleware streams a PutObject body into the store's staging area (computing its MD5)
/// and hands WireMock an empty body; and after WireMock has produced a GetObject response (status and
/// headers from the API callback, or from a user's overriding mapping), it streams the object's bytes.
/// Mapping, matching, fault injection and the journal all stay WireMock's.
/// </summary>
internal sealed class ObjectStorageHostMiddleware(ObjectStore store, RequestAuthenticator? authenticator, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
        if (rawTarget.StartsWith("/__admin", StringComparison.Ordinal) || rawTarget == "/health")
        {
            await next();
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var request = new ObjectStorageRequest(context, rawTarget, TracePropagation.Capture(context));
        try
        {
            var path = OciPath.Parse(rawTarget);
            // PutObject and UploadPart (either one possibly through a PAR) carry object bytes.
            if (HttpMethods.IsPut(context.Request.Method) && path.Kind is OciPathKind.Object or OciPathKind.MultipartUpload)
            {
                // Objects may be far larger than Kestrel's 30 MB default request limit.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = null;
                }

                request.Upload = await StagedUpload.ReadAsync(context.Request.Body, context.Request.ContentLength, store.StagingDirectory, context.RequestAborted);
                context.Request.Body = Stream.Null;
            }

            // A pre-authenticated request carries no signature: its token is the credential (checked by the API).
            if (authenticator is not null && path.ParToken is null)
            {
                request.AuthenticationFailure = await authenticator.CheckAsync(context, request.Upload, context.RequestAborted);
                if (request.AuthenticationFailure is { } failure)
                {
                    ObjectStorageLog.Rejected(logger, context.Request.Method, rawTarget, failure);
                }
            }

            ObjectStorageRequest.Current = request;
            await next();
            if (request.Download is var (content, offset, length) && context.Response.StatusCode is 200 or 206)
            {
                await content.CopyToAsync(context.Response.Body, offset, length, context.RequestAborted);
            }
        }
        finally
        {
            ObjectStorageRequest.Current = null;
            request.Upload?.Dispose();
            if (logger.IsEnabled(LogLevel.Information))
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                ObjectStorageLog.Request(logger, context.Request.Method, rawTarget, context.Response.StatusCode, elapsed.TotalMilliseconds);
            }
        }
    }
}

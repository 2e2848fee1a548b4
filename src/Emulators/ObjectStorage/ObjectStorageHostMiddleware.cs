using System.Diagnostics;
using DevHarness.Emulators.Events;
using DevHarness.Oci.Signing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Runs in WireMock's own ASP.NET Core pipeline, before WireMock. WireMock materialises request and
/// response bodies as byte arrays and keeps requests in its journal, which is wrong for objects of any
/// size. So this middleware streams a PutObject or UploadPart body into the store's staging area (computing its MD5)
/// and hands WireMock an empty body; and after WireMock has produced a GetObject response (status and
/// headers from the API callback, or from a user's overriding mapping), it streams the object's bytes.
/// In strict mode it also admits or refuses every request (the admin API included; a PAR's URL is its own
/// credential) before WireMock sees it, and it strips <c>Authorization</c> so the journal never keeps a replayable signature.
/// Mapping, matching, fault injection and the journal all stay WireMock's.
/// </summary>
internal sealed class ObjectStorageHostMiddleware(ObjectStore store, RequestAuthenticator? authenticator, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
        if (rawTarget == "/health")
        {
            await next();
            return;
        }

        var path = OciPath.Parse(rawTarget);
        // PutObject and UploadPart (either one possibly through a PAR) carry object bytes.
        var isObjectUpload = HttpMethods.IsPut(context.Request.Method) && path.Kind is OciPathKind.Object or OciPathKind.MultipartUpload;
        if (!await AdmitAsync(context, rawTarget, path, isObjectUpload))
        {
            return;
        }

        if (rawTarget.StartsWith("/__admin", StringComparison.Ordinal))
        {
            await next();
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var request = new ObjectStorageRequest(context, rawTarget, TracePropagation.Capture(context));
        try
        {
            if (isObjectUpload)
            {
                // Objects may be far larger than Kestrel's 30 MB default request limit.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = null;
                }

                try
                {
                    request.Upload = await StagedUpload.ReadAsync(context.Request.Body, context.Request.ContentLength, store.StagingDirectory, context.RequestAborted);
                }
                catch (SignedBodyMismatchException mismatch)
                {
                    await RefuseAsync(context, rawTarget, mismatch.Verification);
                    return;
                }

                context.Request.Body = Stream.Null;
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

    /// <summary>
    /// Strict mode: answers 401 and returns false unless the headers carry a valid signature (a request
    /// through a PAR's URL needs none). A signed body other than an object's or a part's (small JSON: buckets,
    /// commits, WireMock mappings) is read here, through the digest check,
    /// because WireMock would read it itself and turn a mismatch into its own error. Returns true to go on.
    /// </summary>
    private async Task<bool> AdmitAsync(HttpContext context, string rawTarget, OciPath path, bool isObjectUpload)
    {
        // A pre-authenticated request carries no signature: its token is the credential (checked by the API).
        // Only while the path WireMock routes on (dot segments removed) is a PAR's too: /p/x/../../__admin is not.
        var isPreauthenticated = path.ParToken is not null && context.Request.Path.StartsWithSegments("/p", StringComparison.Ordinal);
        if (authenticator is not null && !isPreauthenticated)
        {
            var verification = authenticator.Admit(context);
            if (!verification.IsValid)
            {
                await RefuseAsync(context, rawTarget, verification);
                return false;
            }

            if (verification.Body is not null && !isObjectUpload)
            {
                var buffer = new MemoryStream();
                try
                {
                    await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                }
                catch (SignedBodyMismatchException mismatch)
                {
                    await RefuseAsync(context, rawTarget, mismatch.Verification);
                    return false;
                }

                buffer.Position = 0;
                context.Request.Body = buffer;
            }
        }

        // WireMock's journal (GET /__admin/requests) would otherwise hand one client's signature to another,
        // replayable within the 5-minute clock-skew window.
        context.Request.Headers.Remove(HeaderNames.Authorization);
        return true;
    }

    private async Task RefuseAsync(HttpContext context, string rawTarget, SignatureVerification refusal)
    {
        ObjectStorageLog.Rejected(logger, context.Request.Method, rawTarget, refusal.Failure ?? "");
        await RequestAuthenticator.RefuseAsync(context, refusal);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DevHarness.Oci.Signing;

/// <summary>
/// What a server in strict mode does with each request, in this order: verify the signature from the
/// headers (<see cref="SignatureVerifier.VerifyHeaders"/>), then either refuse at once — not a byte of the
/// body read — or go on with the body held to the signed length and digest while it is read.
/// </summary>
public static class SignatureAdmission
{
    /// <summary>
    /// Verifies <paramref name="context"/>'s request from its raw target and headers. When the signature is
    /// valid and covers the body, the request body is replaced by a stream that throws
    /// <see cref="SignedBodyMismatchException"/> if what is read is not the signed body.
    /// </summary>
    public static SignatureVerification Admit(this SignatureVerifier verifier, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(context);
        var verification = verifier.VerifyHeaders(SignedRequest.FromHttpRequestHeaders(context.Request));
        if (verification is { IsValid: true, Body: { } signedBody })
        {
            context.Request.Body = signedBody.Verifying(context.Request.Body);
        }

        return verification;
    }

    /// <summary>Answers a refusal as OCI does: 401 with the <c>NotAuthenticated</c> body (none on HEAD).</summary>
    public static async Task RefuseAsync(HttpContext context, SignatureVerification refusal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(refusal);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, refusal.ToErrorBody(), OciJsonContext.Default.OciErrorBody, context.RequestAborted);
        }
    }
}

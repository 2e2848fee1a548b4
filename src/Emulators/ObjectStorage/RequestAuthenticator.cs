using DevHarness.Oci.Signing;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Strict signature mode (<c>--verify-signatures</c>): every request but <c>/health</c> — WireMock's
/// <c>/__admin</c> API included — must carry an OCI signature from a trusted key (docs/oci-facts.md §5). The
/// signature is verified from the raw target and headers before a byte of the body is read, so an unsigned
/// upload of any size is refused at once; a body the signature covers is then held to the signed length and
/// <c>x-content-sha256</c> while it streams (PutObject may be signed with or without its body, as the SDKs do).
/// </summary>
internal sealed class RequestAuthenticator(SignatureVerifier verifier)
{
    public static RequestAuthenticator? Create(IEnumerable<string> publicKeyFiles, TimeProvider clock)
    {
        var keys = publicKeyFiles.Select(file => TrustedKey.FromPemFile(file)).ToList();
        return keys.Count == 0 ? null : new RequestAuthenticator(new SignatureVerifier(keys, clock));
    }

    /// <summary>
    /// Verifies the request's signature from its headers. When valid, a signed body is wrapped so that
    /// reading it throws <see cref="SignedBodyMismatchException"/> if it is not the body that was signed.
    /// </summary>
    public SignatureVerification Admit(HttpContext context) => verifier.Admit(context);

    /// <summary>Answers a refused request as OCI does: 401 <c>NotAuthenticated</c> with the reason (no body on HEAD).</summary>
    public static Task RefuseAsync(HttpContext context, SignatureVerification refusal)
    {
        context.Response.Headers["opc-request-id"] = OciResponse.NewRequestId();
        if (context.Request.Headers["opc-client-request-id"] is { Count: > 0 } clientRequestId)
        {
            context.Response.Headers["opc-client-request-id"] = clientRequestId;
        }

        return SignatureAdmission.RefuseAsync(context, refusal);
    }
}

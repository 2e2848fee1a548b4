using DevHarness.Oci.Signing;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// Strict signature mode (<c>--verify-signatures</c>): every request must carry an OCI signature from a
/// trusted key, checked with <see cref="SignatureVerifier"/> on the raw request (OCI-NOTES §5). PutObject is
/// normally signed without its body (the SDKs' EXCLUDE_BODY); a client that signs the body anyway gets it
/// checked too, from the staged copy, up to <see cref="MaxSignedObjectBody"/>.
/// </summary>
internal sealed class RequestAuthenticator(SignatureVerifier verifier)
{
    public const long MaxSignedObjectBody = 64L * 1024 * 1024;

    public static RequestAuthenticator? Create(IEnumerable<string> publicKeyFiles, TimeProvider clock)
    {
        var keys = publicKeyFiles.Select(file => TrustedKey.FromPemFile(file)).ToList();
        return keys.Count == 0 ? null : new RequestAuthenticator(new SignatureVerifier(keys, clock));
    }

    /// <summary>Returns the OCI error message for a refused request, or null when it is signed correctly.</summary>
    public async Task<string?> CheckAsync(HttpContext context, StagedUpload? upload, CancellationToken cancellationToken)
    {
        // With an upload staged, the request body is already consumed: what FromHttpRequestAsync reads is empty.
        var signed = await SignedRequest.FromHttpRequestAsync(context.Request, cancellationToken);
        if (upload is not null && SignsBody(signed))
        {
            if (upload.Content.Length > MaxSignedObjectBody)
            {
                return $"The required information to complete authentication was not provided or was incorrect: this emulator checks a signed PutObject body only up to {MaxSignedObjectBody / (1024 * 1024)} MiB; sign PutObject without body headers, as the OCI SDKs do.";
            }

            using var body = new MemoryStream((int)upload.Content.Length);
            await upload.Content.CopyToAsync(body, 0, upload.Content.Length, cancellationToken);
            signed = signed with { Body = body.ToArray() };
        }

        var verification = verifier.Verify(signed);
        return verification.IsValid ? null : verification.ToErrorBody().Message;
    }

    private static bool SignsBody(SignedRequest request) =>
        request.Headers.TryGetValue("authorization", out var authorization)
        && authorization.Contains("x-content-sha256", StringComparison.OrdinalIgnoreCase);
}

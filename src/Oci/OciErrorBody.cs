namespace DevHarness.Oci;

/// <summary>The JSON body of every OCI error response: <c>{"code": "...", "message": "..."}</c> (OCI-NOTES §4).</summary>
public sealed record OciErrorBody(string Code, string Message);

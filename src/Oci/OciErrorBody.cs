namespace DevHarness.Oci;

/// <summary>The JSON body of every OCI error response: <c>{"code": "...", "message": "..."}</c> (docs/oci-facts.md §4).</summary>
public sealed record OciErrorBody(string Code, string Message);

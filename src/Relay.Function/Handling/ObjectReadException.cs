using DevHarness.Oci;
using DevHarness.Relay.Contract;

namespace DevHarness.Relay.Handling;

/// <summary>
/// Object Storage refused to read the event's object for a reason other than the object being gone (a
/// missing bucket or namespace, or no permission): the invocation fails, and the message says what to check.
/// </summary>
internal sealed class ObjectReadException(ObjectIdentity id, OciException inner) : Exception(Describe(id, inner), inner)
{
    private static string Describe(ObjectIdentity id, OciException inner) =>
        $"Cannot read {id.Namespace}/{id.Bucket}/{id.Name}: Object Storage answered {(int)inner.StatusCode} {inner.Code}: {inner.OciMessage} "
        + $"(opc-request-id: {inner.OpcRequestId ?? "none"}). This is not a deleted object: check that namespace '{id.Namespace}' and "
        + $"bucket '{id.Bucket}' exist where the relay reads (ObjectStorage:Endpoint or the region) and that the function may read "
        + "objects there (e.g. a policy 'allow dynamic-group <functions> to read objects in compartment <compartment>').";
}

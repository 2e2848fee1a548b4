namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An OCI Events rule as <c>WithObjectStorageEvents</c> declares it: object create, update and delete
/// events of <paramref name="Bucket"/> invoke <paramref name="Function"/> at <paramref name="Path"/> of its
/// <paramref name="Endpoint"/>.
/// </summary>
public sealed record OciEventsRule(OciObjectStorageResource ObjectStorage, string Bucket, IResourceWithEndpoints Function, EndpointReference Endpoint, string Path)
    : IResourceAnnotation
{
    /// <summary>The function's URL for this rule, once its endpoint is allocated.</summary>
    public ReferenceExpression Target =>
        ReferenceExpression.Create($"http://{DevHarness.Hosting.Oci.EmulatorHost.Address}:{Endpoint.Property(EndpointProperty.Port)}{Path}");
}

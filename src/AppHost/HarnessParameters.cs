namespace DevHarness.AppHost;

/// <summary>The AppHost parameters (shown on the dashboard's Parameters view) the emulators are started with.</summary>
internal sealed record HarnessParameters(
    IResourceBuilder<ParameterResource> Namespace,
    IResourceBuilder<ParameterResource> Bucket,
    IResourceBuilder<ParameterResource> StreamName,
    IResourceBuilder<ParameterResource> StreamOcid,
    IResourceBuilder<ParameterResource> Partitions);

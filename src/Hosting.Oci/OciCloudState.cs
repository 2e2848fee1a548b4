namespace DevHarness.Hosting.Oci;

/// <summary>
/// A cloud resource has no process: it is <i>Running</i> once its profile reads cleanly (so <c>WaitFor</c>
/// on it passes at once), with the tenancy's endpoint on the dashboard, or <i>FailedToStart</i> with the reason
/// in its console.
/// </summary>
internal static class OciCloudState
{
    public static async Task PublishAsync(
        IResource resource, InitializeResourceEvent e, string service, OciProfile profile, Func<IEnumerable<KeyValuePair<string, string?>>> properties)
    {
        string region, configFile;
        List<ResourcePropertySnapshot> shown;
        try
        {
            region = profile.ResolvedRegion;
            configFile = profile.ResolvedConfigFile;
            shown = [.. properties().Select(p => new ResourcePropertySnapshot(p.Key, p.Value))];
        }
        catch (DistributedApplicationException ex)
        {
            e.Logger.CloudServiceUnusable(ex.Message);
            await e.Notifications.PublishUpdateAsync(resource, s => s with { ResourceType = "OCI " + service, State = KnownResourceStates.FailedToStart });
            return;
        }

        e.Logger.CloudService(service, profile.Name, configFile, region);
        await e.Notifications.PublishUpdateAsync(resource, s => s with
        {
            ResourceType = "OCI " + service,
            State = KnownResourceStates.Running,
            Properties = [.. s.Properties, .. shown, new("Region", region), new("Profile", profile.Name), new("ConfigFile", configFile)],
        });
    }
}

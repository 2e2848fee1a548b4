using System.Globalization;
using System.Text.Json;
using DevHarness.Oci;
using DevHarness.Oci.Streaming;

namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// The slice of OCI's stream administration (<c>StreamAdminClient</c>, same <c>/20180418</c> base path) that
/// makes sense for fixed, configured streams: ListStreams. GetStream shares its path with the data plane's.
/// The emulator has one compartment and one stream pool, so <c>compartmentId</c> and <c>streamPoolId</c>
/// select nothing; <c>id</c>, <c>name</c>, <c>lifecycleState</c> and <c>limit</c> filter as in OCI.
/// </summary>
internal sealed class StreamAdminEndpoints(StreamCatalog catalog, DateTimeOffset timeCreated)
{
    public const string CompartmentId = "ocid1.compartment.oc1..devharness";
    public const string StreamPoolId = "ocid1.streampool.oc1.local.devharness";

    public void Map(IEndpointRouteBuilder app) => app.MapGet("/20180418/streams", ListStreamsAsync);

    /// <summary>The <c>Stream</c> model of one configured stream; every stream is ACTIVE and keeps 24 h.</summary>
    public static StreamInfo Describe(StreamDefinition stream, HttpRequest request, DateTimeOffset timeCreated) =>
        new(stream.Ocid, stream.Name, stream.Partitions, $"{request.Scheme}://{request.Host}", "ACTIVE",
            CompartmentId: CompartmentId,
            StreamPoolId: StreamPoolId,
            TimeCreated: timeCreated);

    private Task ListStreamsAsync(HttpContext context)
    {
        context.Features.Get<RequestInfo>()!.Operation = "ListStreams";
        var query = context.Request.Query;
        var limit = int.MaxValue;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 10_000))
        {
            throw OciProblem.InvalidParameter($"limit must be a whole number from 1 to 10000, not '{limitText}'.");
        }

        var streams = catalog.Streams
            .Where(s => !query.TryGetValue("id", out var id) || s.Ocid == id)
            .Where(s => !query.TryGetValue("name", out var name) || s.Name == name)
            .Where(s => !query.TryGetValue("lifecycleState", out var state) || string.Equals(state, "ACTIVE", StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(s => Describe(s, context.Request, timeCreated))
            .ToList();
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, streams, OciJsonContext.Default.ListStreamInfo, context.RequestAborted);
    }
}

using System.Text.Json;
using DevHarness.Emulators.Events;

namespace DevHarness.Integration.Events;

/// <summary>OCI rule conditions as users write them, against real-shaped events (docs/oci-facts.md §1).</summary>
public sealed class EventConditionTests
{
    private static readonly JsonElement CsvInUploads = Event("createobject", "uploads", "reports/2024/q1.csv");
    private static readonly JsonElement LogInLogsBucket = Event("updateobject", "logs-eu", "app/server.log");
    private static readonly JsonElement BucketCreated = Event("createbucket", "uploads", null);

    public static TheoryData<string, string, bool> Cases => new()
    {
        { "{}", "csv", true },
        { """{"eventType": "com.oraclecloud.objectstorage.createobject"}""", "csv", true },
        { """{"eventType": ["com.oraclecloud.objectstorage.createobject", "com.oraclecloud.objectstorage.updateobject"]}""", "log", true },
        { """{"eventType": ["com.oraclecloud.objectstorage.deleteobject"]}""", "csv", false },
        { """{"eventType": "com.oraclecloud.objectstorage.*object"}""", "log", true },
        { """{"eventType": "com.oraclecloud.objectstorage.*object"}""", "bucket", false },
        { """{"data": {"additionalDetails": {"bucketName": ["uploads", "logs-*"]}}}""", "log", true },
        { """{"data": {"additionalDetails": {"bucketName": ["uploads", "logs-*"]}}}""", "csv", true },
        { """{"data": {"additionalDetails": {"bucketName": "logs-*"}}}""", "csv", false },
        { """{"data": {"resourceName": "*.csv"}}""", "csv", true },
        { """{"data": {"resourceName": "*.csv"}}""", "log", false },
        { """{"data": {"resourceName": "reports/*"}}""", "csv", true },
        { """{"data": {"resourceName": "reports/*/q?.csv"}}""", "csv", false },
        { """{"data": {"resourceName": "*"}}""", "bucket", true },
        { """{"eventType": "com.oraclecloud.objectstorage.createobject", "data": {"additionalDetails": {"bucketName": "uploads"}, "resourceName": "*.csv"}}""", "csv", true },
        { """{"eventType": "com.oraclecloud.objectstorage.createobject", "data": {"additionalDetails": {"bucketName": "other"}, "resourceName": "*.csv"}}""", "csv", false },
        { """{"data": {"additionalDetails": {"versionId": "*"}}}""", "csv", false },
        { """{"data": {"additionalDetails": {"bucketName": "UPLOADS"}}}""", "csv", false },
        { """{"source": "ObjectStorage", "extensions": {"compartmentId": "ocid1.compartment.oc1..*"}}""", "csv", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConditionMatchesAsOciDoes(string condition, string eventName, bool expected)
    {
        var @event = eventName switch
        {
            "csv" => CsvInUploads,
            "log" => LogInLogsBucket,
            _ => BucketCreated,
        };
        Assert.Equal(expected, EventCondition.Parse(condition).Matches(@event));
    }

    [Theory]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("""{"eventType": []}""", "'condition.eventType' is an empty list")]
    [InlineData("""{"eventType": [{"a": 1}]}""", "list values must be strings")]
    [InlineData("{not json", "not valid JSON")]
    public void InvalidConditionsSayWhatIsWrong(string condition, string expected)
    {
        var error = Assert.Throws<FormatException>(() => EventCondition.Parse(condition));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesFileAcceptsTerraformStyleStringConditionsAndNamesTheBrokenRule()
    {
        var rules = RulesFile.Parse("""
            {
              "rules": [
                { "displayName": "csv", "condition": "{\"data\":{\"resourceName\":\"*.csv\"}}", "actions": [ { "target": "http://127.0.0.1:1/call" } ] },
                { "displayName": "off", "isEnabled": false, "condition": {}, "actions": [ { "target": "unix:/tmp/x/lsnr.sock" } ] }
              ]
            }
            """);
        Assert.Equal(["csv", "off"], rules.Select(r => r.DisplayName));
        Assert.True(rules[0].Condition.Matches(CsvInUploads));
        Assert.False(rules[1].IsEnabled);

        var error = Assert.Throws<FormatException>(() => RulesFile.Parse("""{"rules":[{"displayName":"broken","condition":{},"actions":[{"target":"ftp://x"}]}]}"""));
        Assert.Contains("rule 'broken'", error.Message, StringComparison.Ordinal);
    }

    private static JsonElement Event(string type, string bucket, string? objectName) =>
        JsonDocument.Parse(ObjectStorageEventBuilder.Build(new ObjectStorageEventFacts(type, "devharness", bucket, objectName, "etag-1"))).RootElement.Clone();
}

using System.Text.Json.Serialization;
using DevHarness.Oci.ObjectStorage;
using DevHarness.Oci.Streaming;

namespace DevHarness.Oci;

/// <summary>
/// Source-generated JSON for every OCI wire model, shared by the clients and the emulators so both
/// sides read and write the same shapes. OCI uses camelCase, omits absent optional fields and writes
/// timestamps with milliseconds and <c>Z</c> (<see cref="OciTimestampJsonConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(OciTimestampJsonConverter)])]
[JsonSerializable(typeof(OciErrorBody))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(PutMessagesDetails))]
[JsonSerializable(typeof(PutMessagesResult))]
[JsonSerializable(typeof(CreateCursorDetails))]
[JsonSerializable(typeof(CreateGroupCursorDetails))]
[JsonSerializable(typeof(Cursor))]
[JsonSerializable(typeof(List<Message>))]
[JsonSerializable(typeof(StreamInfo))]
[JsonSerializable(typeof(List<StreamInfo>))]
[JsonSerializable(typeof(Group))]
[JsonSerializable(typeof(UpdateGroupDetails))]
[JsonSerializable(typeof(ListObjects))]
[JsonSerializable(typeof(Bucket))]
[JsonSerializable(typeof(List<BucketSummary>))]
[JsonSerializable(typeof(CreateBucketDetails))]
public sealed partial class OciJsonContext : JsonSerializerContext;

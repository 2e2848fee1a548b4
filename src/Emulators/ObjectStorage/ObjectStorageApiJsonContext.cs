using System.Text.Json.Serialization;
using DevHarness.Oci;

namespace DevHarness.Emulators.ObjectStorage;

/// <summary>
/// The JSON shapes of multipart uploads, pre-authenticated requests, object actions, versions and work
/// requests, named as the OCI SDK models name them (camelCase; absent values omitted; timestamps as OCI writes
/// them, <see cref="OciTimestampJsonConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(OciTimestampJsonConverter)])]
[JsonSerializable(typeof(CreateMultipartUploadDetails))]
[JsonSerializable(typeof(MultipartUploadModel))]
[JsonSerializable(typeof(List<MultipartUploadModel>))]
[JsonSerializable(typeof(List<MultipartUploadPartSummary>))]
[JsonSerializable(typeof(CommitMultipartUploadDetails))]
[JsonSerializable(typeof(CreatePreauthenticatedRequestDetails))]
[JsonSerializable(typeof(PreauthenticatedRequestModel))]
[JsonSerializable(typeof(PreauthenticatedRequestSummary))]
[JsonSerializable(typeof(List<PreauthenticatedRequestSummary>))]
[JsonSerializable(typeof(CopyObjectDetails))]
[JsonSerializable(typeof(RenameObjectDetails))]
[JsonSerializable(typeof(UpdateObjectStorageTierDetails))]
[JsonSerializable(typeof(ObjectVersionCollection))]
[JsonSerializable(typeof(WorkRequestModel))]
[JsonSerializable(typeof(List<WorkRequestModel>))]
[JsonSerializable(typeof(List<WorkRequestError>))]
[JsonSerializable(typeof(List<WorkRequestLogEntry>))]
internal sealed partial class ObjectStorageApiJsonContext : JsonSerializerContext;

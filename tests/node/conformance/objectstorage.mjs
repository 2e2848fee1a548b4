// Every Object Storage operation the emulator serves, through Oracle's official TypeScript SDK
// (ObjectStorageClient), plus WireMock's admin API signed by the SDK's signer, and requests through a PAR's
// URL (unsigned by design: marked `unsigned`, they must succeed in every mode). One entry per operation:
// add an operation by adding an entry. Settings: OS_URL, NAMESPACE, BUCKET (a fresh name), COMPARTMENT,
// PAR_URI, and the key variables harness.mjs reads.
import * as common from "oci-common";
import * as objectstorage from "oci-objectstorage";
import { authentication, expect, readText, runAll, signedFetch } from "./harness.mjs";

const env = process.env;
const auth = authentication();
const client = new objectstorage.ObjectStorageClient({ authenticationDetailsProvider: auth });
client.endpoint = env.OS_URL;
const namespaceName = env.NAMESPACE;
const bucketName = env.BUCKET;
const objectName = "conformance/hello world.txt";
const content = "hello from the official OCI TypeScript SDK";
const admin = (path) => `${env.OS_URL}/__admin${path}`;
const multipartName = "conformance/multipart.bin";
const copyName = "conformance/copy.txt";
const renamedName = "conformance/renamed.txt";
const placeholderId = "00000000-0000-0000-0000-000000000000";
// PAR_URI: the accessUri of an AnyObjectReadWrite PAR (with listing) the test created on a bucket of its own.
const parObjectName = "unsigned.txt";
const parUrl = (name) => `${env.OS_URL}${env.PAR_URI}${encodeURIComponent(name)}`;

const operations = [
  { name: "GetNamespace", run: async () => {
    const response = await client.getNamespace({});
    expect(response.value === namespaceName, `namespace ${response.value}`);
  } },
  { name: "CreateBucket", run: async () => {
    await client.createBucket({ namespaceName, createBucketDetails: {
      name: bucketName, compartmentId: env.COMPARTMENT, objectEventsEnabled: true, freeformTags: { suite: "conformance" } } });
  } },
  { name: "GetBucket", run: async () => {
    const response = await client.getBucket({ namespaceName, bucketName });
    expect(response.bucket.name === bucketName, `bucket ${response.bucket.name}`);
    // The SDK hands timestamps through as OCI wrote them: RFC 3339 with milliseconds and Z.
    expect(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(response.bucket.timeCreated), `timeCreated ${response.bucket.timeCreated}`);
    expect(response.bucket.freeformTags?.suite === "conformance", "the bucket's tags");
  } },
  { name: "HeadBucket", run: async () => {
    const response = await client.headBucket({ namespaceName, bucketName });
    expect(!!response.eTag, "an ETag");
  } },
  { name: "ListBuckets", run: async () => {
    const response = await client.listBuckets({ namespaceName, compartmentId: env.COMPARTMENT });
    expect(response.items.some((b) => b.name === bucketName), "the new bucket is listed");
  } },
  { name: "UpdateBucket", run: async () => {
    const response = await client.updateBucket({ namespaceName, bucketName, updateBucketDetails: { versioning: "Disabled" } });
    expect(response.bucket.name === bucketName, "the updated bucket");
  } },
  { name: "PutObject", run: async () => {
    const response = await client.putObject({ namespaceName, bucketName, objectName, putObjectBody: content,
      contentLength: Buffer.byteLength(content), contentType: "text/plain", opcMeta: { origin: "conformance" } });
    expect(!!response.eTag, "an ETag");
  } },
  { name: "HeadObject", run: async () => {
    const response = await client.headObject({ namespaceName, bucketName, objectName });
    expect(response.contentLength === Buffer.byteLength(content), `content-length ${response.contentLength}`);
    expect(response.opcMeta["opc-meta-origin"] === "conformance", `opc-meta-origin in ${JSON.stringify(response.opcMeta)}`);
  } },
  { name: "GetObject", run: async () => {
    const response = await client.getObject({ namespaceName, bucketName, objectName });
    expect(await readText(response.value) === content, "the object's bytes");
  } },
  { name: "GetObjectRange", run: async () => {
    const response = await client.getObject({ namespaceName, bucketName, objectName, range: new common.Range(0, 4, null) });
    expect(await readText(response.value) === "hello", "the first five bytes");
    expect(response.contentLength === 5, `content-length ${response.contentLength}`);
  } },
  { name: "ListObjects", run: async () => {
    const response = await client.listObjects({ namespaceName, bucketName, prefix: "conformance/", fields: "name,size,timeCreated" });
    expect(response.listObjects.objects.some((o) => o.name === objectName && o.size === Buffer.byteLength(content)), "the object is listed");
  } },
  { name: "CreateMultipartUpload", run: async (context) => {
    // Two uploads: one to commit, one to abort.
    for (const key of ["uploadId", "abortedUploadId"]) {
      const response = await client.createMultipartUpload({ namespaceName, bucketName, createMultipartUploadDetails: { object: multipartName } });
      expect(response.multipartUpload.object === multipartName, `upload of ${response.multipartUpload.object}`);
      context[key] = response.multipartUpload.uploadId;
    }
  } },
  { name: "UploadPart", run: async (context) => {
    const response = await client.uploadPart({ namespaceName, bucketName, objectName: multipartName, uploadId: context.uploadId ?? placeholderId,
      uploadPartNum: 1, contentLength: Buffer.byteLength(content), uploadPartBody: content });
    context.partETag = response.eTag;
  } },
  { name: "ListMultipartUploads", run: async (context) => {
    const response = await client.listMultipartUploads({ namespaceName, bucketName });
    expect(response.items.some((u) => u.uploadId === context.uploadId), "the upload is listed");
  } },
  { name: "ListMultipartUploadParts", run: async (context) => {
    const response = await client.listMultipartUploadParts({ namespaceName, bucketName, objectName: multipartName, uploadId: context.uploadId ?? placeholderId });
    expect(response.items.length === 1 && response.items[0].partNumber === 1 && response.items[0].etag === context.partETag, `parts ${JSON.stringify(response.items)}`);
  } },
  { name: "CommitMultipartUpload", run: async (context) => {
    await client.commitMultipartUpload({ namespaceName, bucketName, objectName: multipartName, uploadId: context.uploadId ?? placeholderId,
      commitMultipartUploadDetails: { partsToCommit: [{ partNum: 1, etag: context.partETag ?? "none" }] } });
    const committed = await client.getObject({ namespaceName, bucketName, objectName: multipartName });
    expect(await readText(committed.value) === content, "the committed object's bytes");
  } },
  { name: "AbortMultipartUpload", run: async (context) => {
    await client.abortMultipartUpload({ namespaceName, bucketName, objectName: multipartName, uploadId: context.abortedUploadId ?? placeholderId });
  } },
  { name: "CopyObject", run: async (context) => {
    const response = await client.copyObject({ namespaceName, bucketName, copyObjectDetails: { sourceObjectName: objectName,
      destinationRegion: "us-phoenix-1", destinationNamespace: namespaceName, destinationBucket: bucketName, destinationObjectName: copyName } });
    context.workRequestId = response.opcWorkRequestId;
  } },
  { name: "GetWorkRequest", run: async (context) => {
    const response = await client.getWorkRequest({ workRequestId: context.workRequestId ?? "ocid1.coreservicesworkrequest.oc1.local.none" });
    expect(response.workRequest.status === "COMPLETED", `work request ${JSON.stringify(response.workRequest)}`);
  } },
  { name: "ListWorkRequests", run: async (context) => {
    const response = await client.listWorkRequests({ compartmentId: env.COMPARTMENT });
    expect(response.items.some((w) => w.id === context.workRequestId), "the copy's work request is listed");
  } },
  { name: "RenameObject", run: async () => {
    await client.renameObject({ namespaceName, bucketName, renameObjectDetails: { sourceName: copyName, newName: renamedName } });
  } },
  { name: "UpdateObjectStorageTier", run: async () => {
    await client.updateObjectStorageTier({ namespaceName, bucketName, updateObjectStorageTierDetails: { objectName: renamedName, storageTier: "InfrequentAccess" } });
    const head = await client.headObject({ namespaceName, bucketName, objectName: renamedName });
    expect(head.storageTier === "InfrequentAccess", `storage-tier ${head.storageTier}`);
  } },
  { name: "ListObjectVersions", run: async () => {
    const response = await client.listObjectVersions({ namespaceName, bucketName, prefix: "conformance/" });
    const names = response.objectVersionCollection.items.map((v) => v.name);
    expect([objectName, multipartName, renamedName].every((n) => names.includes(n)), `versions of ${JSON.stringify(names)}`);
  } },
  { name: "CreatePreauthenticatedRequest", run: async (context) => {
    const response = await client.createPreauthenticatedRequest({ namespaceName, bucketName, createPreauthenticatedRequestDetails: {
      name: "conformance", objectName, accessType: "ObjectRead", timeExpires: new Date(Date.now() + 3600_000) } });
    expect(response.preauthenticatedRequest.accessUri.startsWith("/p/"), `accessUri ${response.preauthenticatedRequest.accessUri}`);
    context.parId = response.preauthenticatedRequest.id;
  } },
  { name: "GetPreauthenticatedRequest", run: async (context) => {
    const response = await client.getPreauthenticatedRequest({ namespaceName, bucketName, parId: context.parId ?? placeholderId });
    expect(response.preauthenticatedRequestSummary.objectName === objectName, "the PAR's object");
  } },
  { name: "ListPreauthenticatedRequests", run: async (context) => {
    const response = await client.listPreauthenticatedRequests({ namespaceName, bucketName });
    expect(response.items.some((p) => p.id === context.parId), "the PAR is listed");
  } },
  { name: "DeletePreauthenticatedRequest", run: async (context) => {
    await client.deletePreauthenticatedRequest({ namespaceName, bucketName, parId: context.parId ?? placeholderId });
  } },
  // Through a PAR's URL (made beforehand by the test, on a bucket of its own) nothing is signed, in strict
  // mode too: these must succeed whatever key the other operations sign with.
  { name: "PAR: PutObject", unsigned: true, run: async () => {
    const response = await fetch(parUrl(parObjectName), { method: "PUT", body: content });
    expect(response.status === 200, `PUT through the PAR answered ${response.status}: ${await response.text()}`);
  } },
  { name: "PAR: GetObject", unsigned: true, run: async () => {
    const response = await fetch(parUrl(parObjectName));
    expect(response.status === 200 && await response.text() === content, `GET through the PAR answered ${response.status}`);
  } },
  { name: "PAR: ListObjects", unsigned: true, run: async () => {
    const response = await fetch(parUrl(""));
    const listing = await response.json();
    expect(response.status === 200 && listing.objects.some((o) => o.name === parObjectName), `listing through the PAR: ${JSON.stringify(listing)}`);
  } },
  { name: "PAR: multipart upload", unsigned: true, run: async () => {
    const started = await fetch(parUrl("par-multipart.bin"), { method: "PUT", headers: { "opc-multipart": "true" } });
    const upload = await started.json();
    expect(started.status === 200 && upload.accessUri, `starting an upload through the PAR answered ${started.status}: ${JSON.stringify(upload)}`);
    const part = await fetch(`${env.OS_URL}${upload.accessUri}1`, { method: "PUT", body: content });
    expect(part.status === 200, `a part through the PAR answered ${part.status}: ${await part.text()}`);
    const commit = await fetch(`${env.OS_URL}${upload.accessUri}`, { method: "POST" });
    expect(commit.status === 200, `committing through the PAR answered ${commit.status}: ${await commit.text()}`);
  } },
  { name: "DeleteObject", run: async () => {
    // Every object the operations above wrote, so that the bucket can be deleted.
    for (const name of [objectName, multipartName, renamedName]) {
      await client.deleteObject({ namespaceName, bucketName, objectName: name });
    }
  } },
  { name: "DeleteBucket", run: async () => {
    await client.deleteBucket({ namespaceName, bucketName });
  } },
  { name: "Admin: add a mapping", run: async (context) => {
    const mapping = { Priority: 1, Request: { Path: `/conformance/${bucketName}`, Methods: ["GET"] }, Response: { StatusCode: 418 } };
    context.mapping = (await signedFetch(auth, admin("/mappings"), "POST", JSON.stringify(mapping))).Guid;
  } },
  { name: "Admin: list mappings", run: async () => {
    const mappings = await signedFetch(auth, admin("/mappings"), "GET");
    expect(Array.isArray(mappings), "a list of mappings");
  } },
  { name: "Admin: read the request journal", run: async () => {
    const journal = await signedFetch(auth, admin("/requests"), "GET");
    expect(!JSON.stringify(journal).toLowerCase().includes("signature version"), "no signature kept in the journal");
  } },
  { name: "Admin: delete the mapping", run: async (context) => {
    await signedFetch(auth, admin(`/mappings/${context.mapping ?? "00000000-0000-0000-0000-000000000000"}`), "DELETE");
  } },
];

await runAll(operations, {});

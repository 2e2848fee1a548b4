// CopyObject (and its work request), RenameObject, UpdateObjectStorageTier and object versions with
// Oracle's official TypeScript SDK against the Object Storage emulator.
// Usage: node objectstorage/actions.mjs <bucket> <new-versioned-bucket> <object-prefix>   (environment: see client.mjs)
// Prints one JSON object describing what it did; exits non-zero on any mismatch.
import { check, createClient, failure, namespaceName, readBody } from "./client.mjs";

const [bucketName, versionedBucket, prefix] = process.argv.slice(2);
const client = createClient();
const text = async (response) => (await readBody(response.value)).toString();
const get = async (objectName, versionId, bucket = bucketName) =>
  text(await client.getObject({ namespaceName, bucketName: bucket, objectName, versionId }));
const putText = async (objectName, body, bucket = bucketName) =>
  client.putObject({ namespaceName, bucketName: bucket, objectName, putObjectBody: body, contentLength: Buffer.byteLength(body), contentType: "text/csv" });
const result = {};

// 1. CopyObject answers with a work request; the SDK's waiter sees it completed and the copy in place.
const source = `${prefix}incoming/report.csv`;
const body = "region,total\nemea,10\n";
await putText(source, body);
const { compartmentId } = (await client.getBucket({ namespaceName, bucketName })).bucket;
const copied = `${prefix}processed/report.csv`;
const copy = await client.copyObject({
  namespaceName,
  bucketName,
  copyObjectDetails: { sourceObjectName: source, destinationRegion: "us-phoenix-1", destinationNamespace: namespaceName, destinationBucket: bucketName, destinationObjectName: copied },
});
const { workRequest } = await client.createWaiters().forWorkRequest({ workRequestId: copy.opcWorkRequestId });
check(workRequest.status === "COMPLETED" && workRequest.operationType === "COPY_OBJECT" && workRequest.percentComplete === 100, `work request: ${JSON.stringify(workRequest)}`);
const listed = (await client.listWorkRequests({ compartmentId })).items.map((w) => w.id);
check(listed.includes(copy.opcWorkRequestId), "ListWorkRequests misses the copy");
check((await get(copied)) === body, "the copy differs from its source");
const failedCopy = await client.copyObject({
  namespaceName,
  bucketName,
  copyObjectDetails: { sourceObjectName: source, sourceObjectIfMatchETag: "not-the-etag", destinationRegion: "us-phoenix-1", destinationNamespace: namespaceName, destinationBucket: bucketName, destinationObjectName: `${prefix}never.csv` },
});
const failed = (await client.getWorkRequest({ workRequestId: failedCopy.opcWorkRequestId })).workRequest;
const errors = (await client.listWorkRequestErrors({ workRequestId: failedCopy.opcWorkRequestId })).items;
check(failed.status === "FAILED" && errors.length === 1, `a copy whose source ETag does not match must fail: ${JSON.stringify(failed)} ${JSON.stringify(errors)}`);
const missingSource = await failure(() => client.copyObject({
  namespaceName,
  bucketName,
  copyObjectDetails: { sourceObjectName: `${prefix}absent.csv`, destinationRegion: "us-phoenix-1", destinationNamespace: namespaceName, destinationBucket: bucketName, destinationObjectName: `${prefix}never.csv` },
}));
result.copy = { source, destination: copied, workRequestId: copy.opcWorkRequestId, failedError: errors[0], missingSource };

// 2. RenameObject: the new name has the bytes, the old one is gone.
const renamed = `${prefix}archive/report.csv`;
const rename = await client.renameObject({ namespaceName, bucketName, renameObjectDetails: { sourceName: copied, newName: renamed } });
check(rename.eTag && (await get(renamed)) === body, "the renamed object differs");
check((await failure(() => get(copied))).statusCode === 404, "the old name must be gone after a rename");
result.rename = {
  from: copied,
  to: renamed,
  existingTarget: await failure(() => client.renameObject({ namespaceName, bucketName, renameObjectDetails: { sourceName: source, newName: renamed, newObjIfNoneMatchETag: "*" } })),
};

// 3. UpdateObjectStorageTier: HEAD and ListObjects report the new tier.
await client.updateObjectStorageTier({ namespaceName, bucketName, updateObjectStorageTierDetails: { objectName: renamed, storageTier: "InfrequentAccess" } });
const head = await client.headObject({ namespaceName, bucketName, objectName: renamed });
const summary = (await client.listObjects({ namespaceName, bucketName, prefix: renamed, fields: "name,storageTier" })).listObjects.objects[0];
check(head.storageTier === "InfrequentAccess" && summary.storageTier === "InfrequentAccess", `tier after the update: ${head.storageTier} / ${summary.storageTier}`);
result.tier = {
  name: renamed,
  storageTier: head.storageTier,
  invalid: await failure(() => client.updateObjectStorageTier({ namespaceName, bucketName, updateObjectStorageTierDetails: { objectName: renamed, storageTier: "Glacier" } })),
};

// 4. Versions: every write kept, a delete leaves a marker, deleting by version id is final.
await client.createBucket({ namespaceName, createBucketDetails: { name: versionedBucket, compartmentId, versioning: "Enabled", objectEventsEnabled: true } });
const name = `${prefix}ledger.csv`;
const v1 = (await putText(name, "v1\n", versionedBucket)).versionId;
const v2 = (await putText(name, "v2\n", versionedBucket)).versionId;
const versions = async () =>
  (await client.listObjectVersions({ namespaceName, bucketName: versionedBucket, prefix: name, fields: "name,size,etag" })).objectVersionCollection.items
    .map((v) => ({ versionId: v.versionId, isDeleteMarker: v.isDeleteMarker, size: v.size }));
const afterWrites = await versions();
check(JSON.stringify(afterWrites.map((v) => v.versionId)) === JSON.stringify([v2, v1]), `versions newest first: ${JSON.stringify(afterWrites)}`);
check((await get(name, v1, versionedBucket)) === "v1\n" && (await get(name, undefined, versionedBucket)) === "v2\n", "GetObject by version id");
const deletion = await client.deleteObject({ namespaceName, bucketName: versionedBucket, objectName: name });
check((await failure(() => get(name, undefined, versionedBucket))).statusCode === 404, "a deleted object is not found");
// (The SDK maps boolean headers to undefined, so is-delete-marker is checked in the listing.)
const afterDelete = await versions();
check(afterDelete.length === 3 && afterDelete[0].isDeleteMarker && afterDelete[0].versionId === deletion.versionId,
  `a delete in a versioned bucket leaves a marker, the latest version: ${JSON.stringify(deletion)} ${JSON.stringify(afterDelete)}`);
await client.deleteObject({ namespaceName, bucketName: versionedBucket, objectName: name, versionId: deletion.versionId });
check((await get(name, undefined, versionedBucket)) === "v2\n", "deleting the delete marker brings the object back");
await client.deleteObject({ namespaceName, bucketName: versionedBucket, objectName: name, versionId: v1 });
check((await failure(() => get(name, v1, versionedBucket))).statusCode === 404, "a version deleted by id is gone");
result.versions = { bucket: versionedBucket, name, v1, v2, deleteMarker: deletion.versionId, afterWrites, afterDelete, final: await versions() };

console.log(JSON.stringify(result));

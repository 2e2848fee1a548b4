// Multipart uploads with Oracle's official TypeScript SDK against the Object Storage emulator:
// UploadManager from a file and from a stream, abort, listing, a re-uploaded part and bad commits.
// Usage: node objectstorage/multipart.mjs <bucket> <object-prefix>   (environment: see client.mjs)
// Prints one JSON object describing what it did; exits non-zero on any mismatch.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import os from "oci-objectstorage";
import { check, createClient, failure, namespaceName, readBody } from "./client.mjs";

const [bucketName, prefix] = process.argv.slice(2);
const MiB = 1024 * 1024;
const client = createClient();
const result = {};

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const md5 = (bytes) => createHash("md5").update(bytes).digest("base64");
const get = async (objectName) =>
  readBody((await client.getObject({ namespaceName, bucketName, objectName })).value);

// The multipart MD5 OCI reports: MD5 of the concatenated binary part MD5s, then "-<part count>".
function multipartMd5(parts) {
  const digest = createHash("md5");
  for (const part of parts) {
    digest.update(createHash("md5").update(part).digest());
  }
  return `${digest.digest("base64")}-${parts.length}`;
}

function split(bytes, partSize) {
  const parts = [];
  for (let offset = 0; offset < bytes.length; offset += partSize) {
    parts.push(bytes.subarray(offset, offset + partSize));
  }
  return parts;
}

const directory = await mkdtemp(join(tmpdir(), "devharness-multipart-"));
try {
  // 1. A 25 MiB file in 5 MiB parts: the SDK reads the file in slices and uploads five parts in parallel.
  const file = randomBytes(25 * MiB);
  const filePath = join(directory, "source.bin");
  await writeFile(filePath, file);
  const fileName = `${prefix}file.bin`;
  const manager = new os.UploadManager(client, { partSize: 5 * MiB, enforceMD5: true });
  const uploaded = await manager.upload({
    content: { filePath },
    requestDetails: { namespaceName, bucketName, objectName: fileName, contentType: "application/octet-stream", opcMeta: { origin: "upload-manager" } },
  });
  const fileBack = await get(fileName);
  const head = await client.headObject({ namespaceName, bucketName, objectName: fileName });
  check(sha256(fileBack) === sha256(file), "the object read back differs from the 25 MiB file");
  check(uploaded.multipartMd5 === multipartMd5(split(file, 5 * MiB)), `multipart MD5 ${uploaded.multipartMd5} is not OCI's for five parts`);
  check(head.opcMultipartMd5 === uploaded.multipartMd5 && !head.contentMd5, "HEAD must report opc-multipart-md5 and no Content-MD5");
  check((head.opcMeta?.["opc-meta-origin"] ?? head.opcMeta?.origin) === "upload-manager", `metadata given at creation is lost: ${JSON.stringify(head.opcMeta)}`);
  result.file = { name: fileName, size: fileBack.length, eTag: uploaded.eTag, multipartMd5: uploaded.multipartMd5 };

  // 2. A stream of unknown length: UploadManager always goes multipart (three parts here, the last short).
  const streamed = randomBytes(12 * MiB + 12345);
  const streamName = `${prefix}stream.bin`;
  const fromStream = await manager.upload({
    content: { stream: Readable.from([streamed.subarray(0, 7 * MiB), streamed.subarray(7 * MiB)]) },
    requestDetails: { namespaceName, bucketName, objectName: streamName },
  });
  check(sha256(await get(streamName)) === sha256(streamed), "the object read back differs from the streamed bytes");
  check(fromStream.multipartMd5 === multipartMd5(split(streamed, 5 * MiB)), `stream multipart MD5 ${fromStream.multipartMd5} is not OCI's for three parts`);
  result.stream = { name: streamName, size: streamed.length, eTag: fromStream.eTag, multipartMd5: fromStream.multipartMd5 };

  // 3. Listing and abort: parts of an open upload are listed, nothing is visible, abort leaves nothing.
  const abortName = `${prefix}aborted.bin`;
  const { multipartUpload: open } = await client.createMultipartUpload({ namespaceName, bucketName, createMultipartUploadDetails: { object: abortName } });
  for (const partNum of [1, 3]) {
    const body = randomBytes(64 * 1024);
    await client.uploadPart({ namespaceName, bucketName, objectName: abortName, uploadId: open.uploadId, uploadPartNum: partNum, uploadPartBody: body, contentLength: body.length, contentMD5: md5(body) });
  }
  const uploads = (await client.listMultipartUploads({ namespaceName, bucketName })).items;
  check(uploads.some((u) => u.uploadId === open.uploadId && u.object === abortName), "ListMultipartUploads does not show the open upload");
  const listedParts = (await client.listMultipartUploadParts({ namespaceName, bucketName, objectName: abortName, uploadId: open.uploadId })).items;
  check(JSON.stringify(listedParts.map((p) => p.partNumber)) === "[1,3]", `ListMultipartUploadParts shows parts ${listedParts.map((p) => p.partNumber)}`);
  const invisible = await failure(() => client.headObject({ namespaceName, bucketName, objectName: abortName }));
  check(invisible.statusCode === 404, "an uncommitted upload must not be visible");
  await client.abortMultipartUpload({ namespaceName, bucketName, objectName: abortName, uploadId: open.uploadId });
  const afterAbort = (await client.listMultipartUploads({ namespaceName, bucketName })).items;
  check(!afterAbort.some((u) => u.uploadId === open.uploadId), "an aborted upload is still listed");
  const lateBody = Buffer.from("late");
  const partAfterAbort = await failure(() =>
    client.uploadPart({ namespaceName, bucketName, objectName: abortName, uploadId: open.uploadId, uploadPartNum: 2, uploadPartBody: lateBody, contentLength: lateBody.length }));
  const stillInvisible = await failure(() => client.headObject({ namespaceName, bucketName, objectName: abortName }));
  check(stillInvisible.statusCode === 404, "an aborted upload must never become visible");
  result.abort = { name: abortName, listedParts: listedParts.map((p) => p.partNumber), partAfterAbort };

  // 4. A part uploaded again replaces the first; a commit naming its old ETag, or a missing part, is refused.
  const replaceName = `${prefix}replaced.bin`;
  const { multipartUpload: replace } = await client.createMultipartUpload({ namespaceName, bucketName, createMultipartUploadDetails: { object: replaceName, contentType: "text/plain" } });
  const first = Buffer.from("first version of part one\n");
  const second = Buffer.from("second version of part one\n");
  const tail = Buffer.from("part two\n");
  const put = async (partNum, body) =>
    (await client.uploadPart({ namespaceName, bucketName, objectName: replaceName, uploadId: replace.uploadId, uploadPartNum: partNum, uploadPartBody: body, contentLength: body.length })).eTag;
  const oldETag = await put(1, first);
  const newETag = await put(1, second);
  const tailETag = await put(2, tail);
  check(oldETag !== newETag, "a re-uploaded part must get a new ETag");
  const parts = (await client.listMultipartUploadParts({ namespaceName, bucketName, objectName: replaceName, uploadId: replace.uploadId })).items;
  check(parts.length === 2 && parts[0].md5 === md5(second) && parts[0].size === second.length, "the re-uploaded part must replace the first");
  const commit = (partsToCommit, extra = {}) =>
    client.commitMultipartUpload({ namespaceName, bucketName, objectName: replaceName, uploadId: replace.uploadId, commitMultipartUploadDetails: { partsToCommit }, ...extra });
  const wrongETag = await failure(() => commit([{ partNum: 1, etag: oldETag }, { partNum: 2, etag: tailETag }]));
  const missingPart = await failure(() => commit([{ partNum: 1, etag: newETag }, { partNum: 2, etag: tailETag }, { partNum: 7, etag: tailETag }]));
  const unlistedPart = await failure(() => commit([{ partNum: 1, etag: newETag }]));
  const badMd5 = await failure(() =>
    client.uploadPart({ namespaceName, bucketName, objectName: replaceName, uploadId: replace.uploadId, uploadPartNum: 3, uploadPartBody: tail, contentLength: tail.length, contentMD5: md5(first) }));
  check(wrongETag.statusCode === 400 && missingPart.statusCode === 400 && unlistedPart.statusCode === 400 && badMd5.statusCode === 400, "bad commits and a bad part MD5 must be refused with 400");
  await commit([{ partNum: 1, etag: newETag }, { partNum: 2, etag: tailETag }], { ifNoneMatch: "*" });
  const commitAgain = await failure(() => commit([{ partNum: 1, etag: newETag }, { partNum: 2, etag: tailETag }]));
  const replaced = await get(replaceName);
  check(replaced.toString() === second.toString() + tail.toString(), `the committed object is '${replaced}'`);
  result.replace = { name: replaceName, wrongETag, missingPart, unlistedPart, badMd5, commitAgain };
} finally {
  await rm(directory, { recursive: true, force: true });
}

console.log(JSON.stringify(result));

// Pre-authenticated requests with Oracle's official TypeScript SDK (create, get, list, delete) and plain
// HTTP through their URLs (no signature), against the Object Storage emulator.
// Usage: node objectstorage/par.mjs <bucket> <object-prefix>   (environment: see client.mjs)
// Prints one JSON object describing what it did (with the URL of a PAR that expires in an hour, for the
// test to try once its clock has moved past that); exits non-zero on any mismatch.
import { randomBytes } from "node:crypto";
import { check, createClient, failure, namespaceName, readBody } from "./client.mjs";

const [bucketName, prefix] = process.argv.slice(2);
const client = createClient();
const base = client.endpoint.replace(/\/$/, "");
const inAnHour = () => new Date(Date.now() + 3600_000);
const create = async (details) =>
  (await client.createPreauthenticatedRequest({ namespaceName, bucketName, createPreauthenticatedRequestDetails: { timeExpires: inAnHour(), ...details } })).preauthenticatedRequest;
// What a browser or a partner's curl does: plain HTTP to the PAR's URL, no credentials.
const send = (url, init = {}) => fetch(url, init);
const result = {};

// 1. A partner uploads one object through an ObjectWrite PAR; reading it back needs an ObjectRead PAR.
const objectName = `${prefix}partner/orders.csv`;
const body = "order,amount\n1,20\n2,35\n";
const writer = await create({ name: "partner-upload", objectName, accessType: "ObjectWrite" });
check(writer.accessUri.startsWith("/p/") && writer.fullPath.endsWith(writer.accessUri), `unexpected PAR URIs ${writer.accessUri} ${writer.fullPath}`);
const put = await send(`${base}${writer.accessUri}`, { method: "PUT", body, headers: { "content-type": "text/csv", "opc-meta-source": "partner" } });
check(put.status === 200 && put.headers.get("etag"), `PUT through the PAR answered ${put.status}`);
const stored = await readBody((await client.getObject({ namespaceName, bucketName, objectName })).value);
check(stored.toString() === body, "the object uploaded through the PAR differs");
const reader = await create({ name: "partner-download", objectName, accessType: "ObjectRead" });
const download = await send(`${base}${reader.accessUri}`);
check(download.status === 200 && (await download.text()) === body, `GET through the read PAR answered ${download.status}`);
const head = await send(`${base}${reader.accessUri}`, { method: "HEAD" });
check(head.status === 200 && head.headers.get("content-length") === String(body.length), `HEAD through the read PAR answered ${head.status}`);
result.object = { name: objectName, eTag: put.headers.get("etag") };
result.refused = {
  readThroughWritePar: (await send(`${base}${writer.accessUri}`)).status,
  writeThroughReadPar: (await send(`${base}${reader.accessUri}`, { method: "PUT", body: "x" })).status,
  deleteThroughWritePar: (await send(`${base}${writer.accessUri}`, { method: "DELETE" })).status,
  otherObject: (await send(`${base}${writer.accessUri.replace(/orders\.csv$/, "other.csv")}`, { method: "PUT", body: "x" })).status,
  wrongToken: (await send(`${base}${writer.accessUri.replace(/^\/p\/./, "/p/X")}`, { method: "PUT", body: "x" })).status,
};
const refusal = await send(`${base}${reader.accessUri}`, { method: "PUT", body: "x" }).then((r) => r.json());
check(refusal.code === "NotAuthorizedOrNotFound", `a refused PAR request answered ${JSON.stringify(refusal)}`);

// 2. A bucket PAR for a prefix: write any name under it, list it, nothing outside it.
const inbox = `${prefix}inbox/`;
const bucketPar = await create({ name: "inbox", objectName: inbox, accessType: "AnyObjectReadWrite", bucketListingAction: "ListObjects" });
check(bucketPar.accessUri.endsWith("/o/"), `a bucket PAR's URI ends at /o/, not ${bucketPar.accessUri}`);
for (const name of ["a.txt", "b/c.txt"]) {
  const response = await send(`${base}${bucketPar.accessUri}${encodeURIComponent(inbox + name)}`, { method: "PUT", body: name });
  check(response.status === 200, `PUT ${name} through the bucket PAR answered ${response.status}`);
}
const listing = await send(`${base}${bucketPar.accessUri}?fields=name,size`).then((r) => r.json());
check(JSON.stringify(listing.objects.map((o) => o.name)) === JSON.stringify([`${inbox}a.txt`, `${inbox}b/c.txt`]), `listing through the PAR: ${JSON.stringify(listing)}`);
result.prefix = {
  outside: (await send(`${base}${bucketPar.accessUri}${encodeURIComponent(prefix + "elsewhere.txt")}`, { method: "PUT", body: "x" })).status,
};

// 3. A large file through a PAR: opc-multipart: true starts an upload, parts go to its accessUri, POST commits.
const bigName = `${inbox}big.bin`;
const started = await send(`${base}${bucketPar.accessUri}${encodeURIComponent(bigName)}`, { method: "PUT", headers: { "opc-multipart": "true", "content-type": "application/octet-stream" } });
const upload = await started.json();
check(started.status === 200 && upload.accessUri?.includes("/id/"), `starting a multipart upload through the PAR answered ${started.status} ${JSON.stringify(upload)}`);
const parts = [randomBytes(1024 * 1024), randomBytes(1024 * 1024), randomBytes(4321)];
for (const [index, part] of parts.entries()) {
  const response = await send(`${base}${upload.accessUri}${index + 1}`, { method: "PUT", body: part });
  check(response.status === 200, `part ${index + 1} through the PAR answered ${response.status}`);
}
const committed = await send(`${base}${upload.accessUri}`, { method: "POST" });
check(committed.status === 200 && committed.headers.get("opc-multipart-md5")?.endsWith("-3"), `commit through the PAR answered ${committed.status}`);
const big = await readBody((await client.getObject({ namespaceName, bucketName, objectName: bigName })).value);
check(Buffer.compare(big, Buffer.concat(parts)) === 0, "the object uploaded in parts through the PAR differs");
result.multipart = { name: bigName, size: big.length, multipartMd5: committed.headers.get("opc-multipart-md5") };

// 4. Management: get and list show no URI; a deleted PAR stops working; a past expiry is refused.
const got = (await client.getPreauthenticatedRequest({ namespaceName, bucketName, parId: writer.id })).preauthenticatedRequestSummary;
check(got.name === "partner-upload" && got.accessType === "ObjectWrite" && got.objectName === objectName && !("accessUri" in got), `GetPreauthenticatedRequest: ${JSON.stringify(got)}`);
const listed = (await client.listPreauthenticatedRequests({ namespaceName, bucketName })).items.map((p) => p.id);
check([writer.id, reader.id, bucketPar.id].every((id) => listed.includes(id)), "ListPreauthenticatedRequests misses a PAR");
const byPrefix = (await client.listPreauthenticatedRequests({ namespaceName, bucketName, objectNamePrefix: inbox })).items.map((p) => p.id);
check(JSON.stringify(byPrefix) === JSON.stringify([bucketPar.id]), `objectNamePrefix filter: ${byPrefix}`);
await client.deletePreauthenticatedRequest({ namespaceName, bucketName, parId: writer.id });
result.deleted = {
  use: (await send(`${base}${writer.accessUri}`, { method: "PUT", body: "late" })).status,
  get: (await failure(() => client.getPreauthenticatedRequest({ namespaceName, bucketName, parId: writer.id }))).statusCode,
};
result.pastExpiry = await failure(() =>
  client.createPreauthenticatedRequest({ namespaceName, bucketName, createPreauthenticatedRequestDetails: { name: "late", objectName, accessType: "ObjectRead", timeExpires: new Date(Date.now() - 60_000) } }));

// 5. One that expires in an hour: the test moves the emulator's clock past it and tries again.
const expiring = await create({ name: "expiring", objectName, accessType: "ObjectRead" });
check((await send(`${base}${expiring.accessUri}`)).status === 200, "a PAR that expires in an hour must work now");
result.expiringUrl = `${base}${expiring.accessUri}`;

console.log(JSON.stringify(result));

// Every Object Storage operation the emulator serves, through Oracle's official TypeScript SDK
// (ObjectStorageClient), plus WireMock's admin API signed by the SDK's signer. One entry per operation:
// add an operation by adding an entry. Settings: OS_URL, NAMESPACE, BUCKET (a fresh name), COMPARTMENT,
// and the key variables harness.mjs reads.
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
  { name: "DeleteObject", run: async () => {
    await client.deleteObject({ namespaceName, bucketName, objectName });
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

// Every Streaming operation the stand-in serves, through Oracle's official TypeScript SDK (StreamClient on
// the messages endpoint, StreamAdminClient on the same /20180418 base path), plus the fault-injection admin
// API signed by the SDK's signer. Add an operation by adding an entry. Settings: STREAM_URL, STREAM_ID,
// COMPARTMENT, GROUP (a fresh name), and the key variables harness.mjs reads.
import * as streaming from "oci-streaming";
import { authentication, expect, runAll, signedFetch } from "./harness.mjs";

const env = process.env;
const auth = authentication();
const client = new streaming.StreamClient({ authenticationDetailsProvider: auth });
client.endpoint = env.STREAM_URL;
const adminClient = new streaming.StreamAdminClient({ authenticationDetailsProvider: auth });
adminClient.endpoint = env.STREAM_URL;
const streamId = env.STREAM_ID;
const groupName = env.GROUP;
const b64 = (text) => Buffer.from(text, "utf8").toString("base64");
const text = (b64text) => Buffer.from(b64text, "base64").toString("utf8");
const placeholder = "not-a-cursor";

const operations = [
  { name: "GetStream (StreamAdminClient)", run: async () => {
    const response = await adminClient.getStream({ streamId });
    expect(response.stream.id === streamId, `stream ${response.stream.id}`);
    expect(response.stream.lifecycleState === "ACTIVE", response.stream.lifecycleState);
  } },
  { name: "ListStreams (StreamAdminClient)", run: async () => {
    const response = await adminClient.listStreams({ compartmentId: env.COMPARTMENT });
    expect(response.items.some((s) => s.id === streamId), "the stream is listed");
  } },
  { name: "PutMessages", run: async () => {
    const response = await client.putMessages({ streamId, putMessagesDetails: { messages: [
      { key: b64("conformance"), value: b64("keyed") }, { value: b64("keyless") }] } });
    expect(response.putMessagesResult.failures === 0, "no failed entry");
  } },
  { name: "CreateCursor", run: async (context) => {
    const response = await client.createCursor({ streamId, createCursorDetails: { partition: "0", type: "TRIM_HORIZON" } });
    context.cursor = response.cursor.value;
  } },
  { name: "GetMessages", run: async (context) => {
    const response = await client.getMessages({ streamId, cursor: context.cursor ?? placeholder, limit: 10 });
    const values = response.items.map((m) => text(m.value));
    expect(values.includes("keyed") && values.includes("keyless"), `messages ${values}`);
    expect(response.items.find((m) => text(m.value) === "keyless").key == null, "a keyless message has no key");
    expect(!!response.opcNextCursor, "opc-next-cursor");
  } },
  { name: "CreateGroupCursor", run: async (context) => {
    const response = await client.createGroupCursor({ streamId, createGroupCursorDetails: {
      groupName, instanceName: "conformance", type: "TRIM_HORIZON", commitOnGet: true } });
    context.groupCursor = response.cursor.value;
  } },
  { name: "GetMessages (group cursor)", run: async (context) => {
    const response = await client.getMessages({ streamId, cursor: context.groupCursor ?? placeholder });
    context.groupCursor = response.opcNextCursor ?? context.groupCursor;
  } },
  { name: "ConsumerHeartbeat", run: async (context) => {
    const response = await client.consumerHeartbeat({ streamId, cursor: context.groupCursor ?? placeholder });
    context.groupCursor = response.cursor.value;
  } },
  { name: "ConsumerCommit", run: async (context) => {
    await client.consumerCommit({ streamId, cursor: context.groupCursor ?? placeholder });
  } },
  { name: "GetGroup", run: async () => {
    const response = await client.getGroup({ streamId, groupName });
    expect(response.group.groupName === groupName, `group ${response.group.groupName}`);
  } },
  { name: "UpdateGroup", run: async () => {
    // The group committed past both messages above; a reset to TRIM_HORIZON moves it back to the start.
    await client.updateGroup({ streamId, groupName, updateGroupDetails: { type: "TRIM_HORIZON" } });
    const response = await client.getGroup({ streamId, groupName });
    const offsets = response.group.reservations.map((r) => r.committedOffset);
    expect(offsets.length > 0 && offsets.every((o) => o === 0), `committed offsets after the reset ${JSON.stringify(offsets)}`);
  } },
  { name: "Admin: add a fault", run: async () => {
    await signedFetch(auth, `${env.STREAM_URL}/_admin/faults`, "POST", JSON.stringify({ mode: "error", count: 1, operations: ["GetGroup"] }));
  } },
  { name: "Admin: list faults", run: async () => {
    const faults = await signedFetch(auth, `${env.STREAM_URL}/_admin/faults`, "GET");
    expect(Array.isArray(faults) && faults.length === 1, `faults ${JSON.stringify(faults)}`);
  } },
  { name: "Admin: clear faults", run: async () => {
    await signedFetch(auth, `${env.STREAM_URL}/_admin/faults`, "DELETE");
  } },
];

await runAll(operations, {});

// The events emulator's admin endpoints, signed by the official SDK's signer (they have no SDK client).
// POST /events is not among them: it stands for OCI's own delivery and takes no signature. Settings:
// EVENTS_URL and the key variables harness.mjs reads.
import { authentication, expect, runAll, signedFetch } from "./harness.mjs";

const env = process.env;
const auth = authentication();

const operations = [
  { name: "Admin: list dead letters", run: async () => {
    expect(Array.isArray(await signedFetch(auth, `${env.EVENTS_URL}/deadletters`, "GET")), "a list");
  } },
  { name: "Admin: show the rules", run: async () => {
    expect(Array.isArray((await signedFetch(auth, `${env.EVENTS_URL}/rules`, "GET")).rules), "the rules");
  } },
];

await runAll(operations, {});

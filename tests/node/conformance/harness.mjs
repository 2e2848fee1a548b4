// Shared by the conformance scripts: credentials from the environment, signed raw requests for the
// emulators' admin endpoints, and a runner that tries every operation and reports each outcome as JSON.
import { readFileSync } from "node:fs";
import * as common from "oci-common";

/** The API key the test hands over: OCI_TENANCY, OCI_USER, OCI_FINGERPRINT, OCI_KEY_FILE (a private key PEM). */
export function authentication() {
  const env = process.env;
  return new common.SimpleAuthenticationDetailsProvider(
    env.OCI_TENANCY, env.OCI_USER, env.OCI_FINGERPRINT, readFileSync(env.OCI_KEY_FILE, "utf8"), null, common.Region.US_PHOENIX_1);
}

/** A service error as the SDK raises it: status, OCI code, message. */
export class ServiceError extends Error {
  constructor(status, code, message) {
    super(message);
    this.statusCode = status;
    this.serviceCode = code;
  }
}

/** Sends a request signed by the SDK's own signer (what the SDK clients do), for endpoints no SDK client has. */
export async function signedFetch(auth, url, method, body) {
  const headers = new Headers({ "content-type": "application/json" });
  const request = { method, uri: url, headers, body };
  await new common.DefaultRequestSigner(auth).signHttpRequest(request);
  const response = await fetch(url, { method, headers: request.headers, body });
  const text = await response.text();
  if (!response.ok) {
    let code;
    let message = text;
    try {
      ({ code, message } = JSON.parse(text));
    } catch {
      // Not an OCI error body: keep the text.
    }
    throw new ServiceError(response.status, code, `${method} ${url} answered ${response.status}: ${message}`);
  }
  return text.length === 0 ? null : JSON.parse(text);
}

/** Reads a GetObject body, whichever stream type the SDK returns. */
export async function readText(value) {
  if (typeof value === "string") return value;
  const chunks = [];
  for await (const chunk of value) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/** Fails the current operation (not the run) with a clear message. */
export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Runs every operation in order, whatever happened to the ones before (with another key every one of them
 * must be refused, so later ones fall back to placeholders), and prints one JSON array: per operation its
 * name, whether it is sent unsigned by design (a PAR's URL), whether it succeeded, and for a failure the
 * HTTP status, OCI code and message.
 */
export async function runAll(operations, context) {
  const results = [];
  for (const operation of operations) {
    const unsigned = operation.unsigned === true;
    try {
      await operation.run(context);
      results.push({ operation: operation.name, unsigned, ok: true });
    } catch (error) {
      results.push({
        operation: operation.name,
        unsigned,
        ok: false,
        status: error.statusCode ?? null,
        code: error.serviceCode ?? null,
        message: String(error.message ?? error),
      });
    }
  }
  console.log(JSON.stringify(results));
}

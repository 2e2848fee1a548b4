// Oracle's official ObjectStorageClient, pointed at the emulator. Environment:
//   OS_ENDPOINT      the emulator's URL, e.g. http://127.0.0.1:10100
//   OS_NAMESPACE     the namespace it serves (default devharness)
//   OCI_PRIVATE_KEY  an RSA private key (PEM) the SDK signs every request with; the emulator checks the
//                    signatures when it runs with --verify-signatures and the matching public key
import common from "oci-common";
import os from "oci-objectstorage";

export const namespaceName = process.env.OS_NAMESPACE ?? "devharness";

export function createClient() {
  const endpoint = required("OS_ENDPOINT");
  const provider = new common.SimpleAuthenticationDetailsProvider(
    "ocid1.tenancy.oc1..devharness",
    "ocid1.user.oc1..devharness",
    "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
    required("OCI_PRIVATE_KEY"),
    null,
    common.Region.US_PHOENIX_1,
  );
  const client = new os.ObjectStorageClient({ authenticationDetailsProvider: provider });
  client.endpoint = endpoint;
  return client;
}

export function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Set ${name}.`);
  }
  return value;
}

/** Reads a GetObject body (a web ReadableStream or a Node stream) into a Buffer. */
export async function readBody(value) {
  const chunks = [];
  for await (const chunk of value) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Runs an SDK call expected to fail; returns the OciError's status and service code. */
export async function failure(call) {
  try {
    await call();
  } catch (error) {
    return { statusCode: error.statusCode, serviceCode: error.serviceCode, message: error.message };
  }
  throw new Error("The call succeeded but was expected to fail.");
}

export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

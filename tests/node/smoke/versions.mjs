// Prints the versions of the independent clients the suite drives, proving they load under this Node.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const versions = Object.fromEntries(
  ["kafkajs", "oci-common", "oci-objectstorage", "oci-streaming"].map((name) => [name, require(`${name}/package.json`).version]),
);
console.log(JSON.stringify({ node: process.versions.node, ...versions }));

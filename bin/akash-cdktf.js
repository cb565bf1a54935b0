#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is bundled into dist/cli.js by `npm run build`.
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "dist", "cli.js");
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    "akash-cdktf is not built yet: run `npm run build` in " + path.dirname(__dirname) + "\n",
  );
  process.exit(1);
}
require(bundle)
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

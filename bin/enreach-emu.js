#!/usr/bin/env node
// The package's CLI: the compiled one (npm run build, and in the Docker image); in a checkout
// that was not built yet, the TypeScript source through ts-node (a development dependency).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
let cli;
if (existsSync(compiled)) {
  cli = require(compiled);
} else {
  try {
    require('ts-node').register({ transpileOnly: true, project: join(__dirname, '..', 'tsconfig.json') });
  } catch {
    process.stderr.write('enreach-emu: not built yet; run npm run build first\n');
    process.exit(2);
  }
  cli = require(join(__dirname, '..', 'src', 'cli', 'main.ts'));
}
const io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), env: process.env };
cli.runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);

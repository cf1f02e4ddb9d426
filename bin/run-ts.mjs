#!/usr/bin/env node
// Runs a TypeScript file of this repository (benchmarks, scripts) through tsx.
import { register } from 'tsx/esm/api';
import { setFlagsFromString } from 'node:v8';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// A larger young generation: correlation and imports allocate many short-lived objects, and
// V8's default (16 MB semi-spaces) spends seconds of a large run in scavenges (docs/operations.md).
// A size given in NODE_OPTIONS or on node's command line is kept.
if (!/max-semi-space-size/.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`)) setFlagsFromString('--max-semi-space-size=64');
register();
const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: run-ts FILE [ARGS...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...rest];
await import(pathToFileURL(resolve(file)).href);

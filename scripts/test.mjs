#!/usr/bin/env node
// `npm test`: type check, lint (incl. dependency directions), then every vitest project —
// unit, database (PGlite, or PostgreSQL when TEST_DATABASE_URL is set), conformance, browser
// journeys — and a summary: conformance pass counts and one closing "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const args = process.argv.slice(2);
const quick = args.includes('--quick'); // skip type check and lint
const projects = args.filter((a) => !a.startsWith('--'));

function step(title, cmd, cmdArgs, env = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`✖ ${title} failed (${secs} s)\n`);
    return false;
  }
  process.stdout.write(`✔ ${title} (${secs} s)\n`);
  return true;
}

let ok = true;
if (!quick) {
  ok = step('type check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) && ok;
  ok = step('lint', bin('eslint'), ['.']) && ok;
  ok = step('dependency directions', bin('depcruise'), ['src', '--config', '.dependency-cruiser.cjs']) && ok;
}

const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
rmSync(join(results, 'conformance.jsonl'), { force: true });
const selected = projects.length ? projects : ['unit', 'db', 'conformance', 'e2e'];
const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PGlite';
ok = step(`tests: ${selected.join(', ')} — database tests on ${engine}`, bin('vitest'), [
  'run',
  ...selected.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(results, 'vitest.json')}`,
]) && ok;

const conf = join(results, 'conformance.jsonl');
if (existsSync(conf)) {
  process.stdout.write('\nConformance suites:\n');
  for (const line of readFileSync(conf, 'utf8').split('\n').filter(Boolean)) {
    const { suite, passed, total, note } = JSON.parse(line);
    process.stdout.write(`  ${suite.padEnd(48)} ${String(passed).padStart(6)}/${String(total).padEnd(6)} ${passed === total ? 'all pass' : `${total - passed} not passed`}${note ? `  (${note})` : ''}\n`);
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const json = join(results, 'vitest.json');
if (existsSync(json)) {
  const r = JSON.parse(readFileSync(json, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
if (!ok && failed === 0) failed = 1; // a failed type check or lint counts as a failure
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(ok ? 0 : 1);

/**
 * Kills `vigil sbom import` (SIGKILL) in the middle of writing components, then checks that no
 * half-written SBOM is visible and that running the same command again finishes the import once.
 * Runs against an embedded data folder, or this run's PostgreSQL server when TEST_DATABASE_URL is set.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSbom } from '../../bench/sbom-import.bench.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';

const root = join(import.meta.dirname, '../..');
const vigil = join(root, 'bin/vigil');
const N = 30_000;

let dir: string;
let testDb: TestDb | null = null;
let dbArgs: string[];

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [vigil, ...args, ...dbArgs], { cwd: root, encoding: 'utf8', env: { ...process.env, VIGIL_DEMO: 'false' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-kill-'));
  if (process.env.TEST_DATABASE_URL) {
    testDb = await createTestDb();
    await testDb.db.close(); // the child processes own the connections
    dbArgs = ['--database-url', testDb.url!];
  } else {
    dbArgs = ['--data-dir', join(dir, 'data')];
  }
  writeFileSync(join(dir, 'big.cdx.json'), generateSbom(N));
  expect(cli(['product', 'create', '--name', 'Kill Pump', '--manufacturer', 'Test']).code).toBe(0);
  expect(cli(['release', 'create', '--product', 'kill-pump', '--version', '1.0.0']).code).toBe(0);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (testDb) await testDb.close().catch(() => undefined);
});

describe('killing an import', () => {
  it('leaves nothing half-written, and the next run finishes it exactly once', async () => {
    const child = spawn(process.execPath, [vigil, 'sbom', 'import', '--product', 'kill-pump', '--release', '1.0.0', '--label', 'firmware', join(dir, 'big.cdx.json'), ...dbArgs], {
      cwd: root,
      env: { ...process.env, VIGIL_DEMO: 'false' },
    });
    let stderr = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Progress is printed every 5,000 components: kill after the first batches are stored.
        if (/importing: (5000|10000)\/30000/.test(stderr) && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.on('exit', () => resolve(false));
    });
    expect(killed, `the import finished before it could be killed:\n${stderr}`).toBe(true);
    await new Promise((r) => child.once('close', r));

    const during = cli(['components', 'list', '--product', 'kill-pump', '--release', '1.0.0', '--limit', '1', '--json']);
    expect(during.code, during.stderr).toBe(0);
    expect(JSON.parse(during.stdout).total).toBe(0);

    const again = cli(['sbom', 'import', '--product', 'kill-pump', '--release', '1.0.0', '--label', 'firmware', join(dir, 'big.cdx.json'), '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).sbom).toMatchObject({ status: 'imported', componentCount: N });

    const after = cli(['components', 'list', '--product', 'kill-pump', '--release', '1.0.0', '--limit', '1', '--json']);
    expect(JSON.parse(after.stdout).total).toBe(N);
    const audit = cli(['audit', 'verify', '--json']);
    expect(audit.code, audit.stdout).toBe(0);
  }, 240_000); // spawns real processes: slow on a loaded machine
});

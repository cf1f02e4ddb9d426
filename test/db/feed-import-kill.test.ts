/**
 * `vigil feeds import` killed (SIGKILL) at a random point and run again ends in the same database
 * state as an uninterrupted import: same advisories with the same content, same alias groups.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOsvRecords } from '../../bench/osv-parse.bench.ts';
import { openDb } from '../../src/store/db.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';

const root = join(import.meta.dirname, '../..');
const vigil = join(root, 'bin/vigil');
const N = 6000;

let dir: string;
const dbs: TestDb[] = [];

async function target(name: string): Promise<{ args: string[]; open: () => ReturnType<typeof openDb> }> {
  if (process.env.TEST_DATABASE_URL) {
    const t = await createTestDb();
    await t.db.close();
    dbs.push(t);
    return { args: ['--database-url', t.url!], open: () => openDb({ databaseUrl: t.url! }) };
  }
  const dataDir = join(dir, name);
  return { args: ['--data-dir', dataDir], open: () => openDb({ dataDir }) };
}

function runImport(args: string[]) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [vigil, 'feeds', 'import', join(dir, 'all.zip'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, VIGIL_DEMO: 'false' }, timeout: 300_000 });
  return { code: r.status, stderr: r.stderr, ms: Date.now() - started };
}

async function state(open: () => ReturnType<typeof openDb>) {
  const db = await open();
  try {
    const advisories = await db.query<{ k: string }>(
      `SELECT a.source || ' ' || a.advisory_id || ' ' || a.content_hash || ' ' || g.primary_id AS k FROM advisories a JOIN vuln_groups g ON g.id = a.group_id ORDER BY 1`,
    );
    const identifiers = await db.query<{ k: string }>(`SELECT i.identifier || ' ' || g.primary_id AS k FROM vuln_identifiers i JOIN vuln_groups g ON g.id = i.group_id ORDER BY 1`);
    const groups = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM vuln_groups');
    return { advisories: advisories.rows.map((r) => r.k), identifiers: identifiers.rows.map((r) => r.k), groups: groups.rows[0]!.n };
  } finally {
    await db.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-feed-kill-'));
  const files: Record<string, Uint8Array> = {};
  for (const rec of generateOsvRecords(N, 42)) files[`${String(rec.id)}.json`] = strToU8(JSON.stringify(rec));
  writeFileSync(join(dir, 'all.zip'), zipSync(files));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const t of dbs) await t.close().catch(() => undefined);
});

describe('killing a feed import', () => {
  it('ends, after a re-run, in the same state as an uninterrupted import', async () => {
    // Both databases are created and migrated before their import, so that the reference time is
    // the import alone and a kill placed by it lands in the import itself.
    const migrate = (args: string[]) => {
      const r = spawnSync(process.execPath, [vigil, 'db', 'migrate', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, VIGIL_DEMO: 'false' } });
      expect(r.status, r.stderr).toBe(0);
    };
    const reference = await target('reference');
    migrate(reference.args);
    const ref = runImport(reference.args);
    expect(ref.code, ref.stderr).toBe(0);

    // Kill somewhere between 20 % and 60 % of the uninterrupted run (start-up included). On a
    // loaded machine the kill can still land after the last advisory was written (or after the
    // process ended): that is not an interrupted import, so try again, earlier, on a fresh database.
    let interrupted = await target('interrupted-0');
    let killedMidImport = false;
    for (let attempt = 0; attempt < 4 && !killedMidImport; attempt++) {
      if (attempt > 0) interrupted = await target(`interrupted-${attempt}`);
      migrate(interrupted.args);
      const delay = Math.round(ref.ms * (0.2 + Math.random() * 0.4) * 0.6 ** attempt);
      const child = spawn(process.execPath, [vigil, 'feeds', 'import', join(dir, 'all.zip'), ...interrupted.args], { cwd: root, env: { ...process.env, VIGIL_DEMO: 'false' } });
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      clearTimeout(timer);
      const partial = await state(interrupted.open);
      killedMidImport = exit.signal === 'SIGKILL' && partial.advisories.length < N;
    }
    expect(killedMidImport, 'no kill landed before the import had written every advisory').toBe(true);

    const again = runImport(interrupted.args);
    expect(again.code, again.stderr).toBe(0);
    const [a, b] = [await state(reference.open), await state(interrupted.open)];
    expect(a.advisories.length).toBe(N);
    expect(b.groups).toBe(a.groups);
    expect(b.identifiers).toEqual(a.identifiers);
    expect(b.advisories).toEqual(a.advisories);
  }, 240_000); // spawns real processes: slow on a loaded machine
});

/**
 * Real processes: `vigil serve` answering HTTP, and `vigil sbom upload --wait` from a build
 * pipeline with an API token. On PostgreSQL (TEST_DATABASE_URL) the API and the job worker run as
 * two separate processes sharing the database (`--roles api,scheduler` and `--roles worker`); on
 * PGlite one embedded process runs every role.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/test-db.ts';

const root = join(import.meta.dirname, '../..');
const vigil = join(root, 'bin/vigil');
const fixture = join(root, 'test/fixtures/sbom/pump-firmware.cdx.json');
const children: ChildProcess[] = [];
let dir: string;
let testDb: TestDb | null = null;
let env: Record<string, string>;
let url: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [vigil, 'serve', ...args], { cwd: root, env });
  children.push(child);
  let log = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/Vigil is running at|roles: worker/.test(log)) resolve();
    };
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`vigil serve ${args.join(' ')} exited with ${code}:\n${log}`)));
  });
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [vigil, ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('VIGIL_') && k !== 'DATABASE_URL') base[k] = v;
  env = { ...base, VIGIL_PORT: String(port), VIGIL_HOST: '127.0.0.1', VIGIL_DEMO: 'false', VIGIL_FEED_SYNC: 'false', VIGIL_LOG_LEVEL: 'warn', VIGIL_ADMIN_EMAIL: 'ci@example.com', VIGIL_ADMIN_PASSWORD: 'a long enough password', VIGIL_WEB_DIR: join(dir, 'no-web') };
  if (process.env.TEST_DATABASE_URL) {
    testDb = await createTestDb();
    await testDb.db.close();
    env.DATABASE_URL = testDb.url!;
    await start(['--roles', 'api,scheduler']);
    await start(['--roles', 'worker']);
  } else {
    env.VIGIL_DATA_DIR = join(dir, 'data');
    await start([]);
  }
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  if (testDb) await testDb.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('vigil serve and vigil sbom upload', () => {
  it('imports an SBOM uploaded by a pipeline with an API token, through the job queue', async () => {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ci@example.com', password: 'a long enough password' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    expect((await fetch(`${url}/api/products`, { method: 'POST', headers, body: JSON.stringify({ name: 'Pipeline Pump', manufacturer: 'Acme' }) })).status).toBe(201);
    expect((await fetch(`${url}/api/products/pipeline-pump/releases`, { method: 'POST', headers, body: JSON.stringify({ version: '7.0.0' }) })).status).toBe(201);
    const tokenRes = await fetch(`${url}/api/tokens`, { method: 'POST', headers, body: JSON.stringify({ name: 'pipeline' }) });
    const { token } = (await tokenRes.json()) as { token: string };

    const bad = cli(['sbom', 'upload', '--url', url, '--token', token, '--product', 'pipeline-pump', '--release', '7.0.0', join(root, 'test/fixtures/sbom/schema-invalid.cdx.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('SBOM_SCHEMA_INVALID');
    const wrongToken = cli(['sbom', 'upload', '--url', url, '--token', 'vgl_nope', '--product', 'pipeline-pump', '--release', '7.0.0', fixture]);
    expect(wrongToken.code).toBe(2);
    expect(wrongToken.stderr).toContain('AUTH_REQUIRED');

    const up = cli(['sbom', 'upload', '--url', url, '--token', token, '--product', 'pipeline-pump', '--release', '7.0.0', '--label', 'firmware', '--wait', '--json', fixture]);
    expect(up.code, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout).sbom).toMatchObject({ status: 'imported', componentCount: 5 });

    const releases = (await (await fetch(`${url}/api/products/pipeline-pump/releases`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Array<{ id: string; componentCount: number }> };
    expect(releases.items[0]!.componentCount).toBe(5);
  });
});

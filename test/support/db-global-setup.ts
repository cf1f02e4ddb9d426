/**
 * Migrates one template database per run; each test file then gets a fresh copy of it:
 * PGlite — an in-memory instance loaded from a dump of the template (no initdb per file);
 * PostgreSQL (TEST_DATABASE_URL) — CREATE DATABASE … TEMPLATE, dropped after the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDb, pgliteOf } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { JobQueue } from '../../src/store/job-queue.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { engine: 'pglite'; dump: string } | { engine: 'postgres'; url: string; template: string };
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `vigil_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const db = await openDb({ databaseUrl: withDatabase(url, template) });
    await migrate(db);
    const queue = await JobQueue.start(db, { maintenance: false });
    await queue.stop();
    await db.close();
    await admin.end();
    project.provide('dbTemplate', { engine: 'postgres', url, template });
    return async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`]);
      for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await c.end();
    };
  }
  const db = await openDb({});
  await migrate(db);
  const queue = await JobQueue.start(db, { maintenance: false });
  await queue.stop();
  const dump = await pgliteOf(db)!.dumpDataDir('none');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('dbTemplate', { engine: 'pglite', dump: file });
  return async () => rmSync(dir, { recursive: true, force: true });
}

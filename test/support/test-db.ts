/** A fresh, migrated database for one test file, on the engine of this run. */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Db } from '../../src/store/db.ts';

export interface TestDb {
  db: Db;
  /** Connection string of this file's database (PostgreSQL runs only). */
  url: string | null;
  close(): Promise<void>;
}

let counter = 0;

export async function createTestDb(): Promise<TestDb> {
  const t = inject('dbTemplate');
  if (t.engine === 'pglite') {
    const blob = new Blob([readFileSync(t.dump)]);
    const db = await openDb({ loadDataDir: blob });
    return { db, url: null, close: () => db.close() };
  }
  const name = `${t.template}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${t.template}`);
  await admin.end();
  const u = new URL(t.url);
  u.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: u.toString(), poolSize: 5 });
  return {
    db,
    url: u.toString(),
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: t.url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Deterministic clock for tests: starts at `start`, moves only when told. */
export function testClock(start = '2026-03-02T09:00:00.000Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export function sequentialIds(prefix = 0) {
  let n = 0;
  return {
    uuid: () => {
      n += 1;
      return `00000000-0000-4000-8000-${(prefix * 1_000_000 + n).toString(16).padStart(12, '0')}`;
    },
    secret: (bytes: number) => {
      n += 1;
      return Buffer.alloc(bytes, n % 256).toString('base64url');
    },
  };
}

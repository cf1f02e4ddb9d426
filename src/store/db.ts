/**
 * The database client: one PostgreSQL dialect, two engines. Embedded PGlite (a data folder, one
 * process) or a PostgreSQL server through `pg`. Everything above this file sees only `Db`.
 */
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs parameterless SQL that may hold several statements. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Return int8/numeric counts as numbers where safe, dates as strings (no time-zone shift).
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
pg.types.setTypeParser(1082, (v: string) => v);

const pgliteParsers = {
  20: (v: string) => {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  },
  1082: (v: string) => v,
};

class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  constructor(readonly pglite: PGlite) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const r = await this.pglite.query<T>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  }

  async exec(sql: string): Promise<void> {
    await this.pglite.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction(async (t) =>
      fn({
        async query<R>(sql: string, params: readonly unknown[] = []) {
          const r = await t.query<R>(sql, params as unknown[]);
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        },
        async exec(sql: string) {
          await t.exec(sql);
        },
      }),
    );
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

function wrapClient(client: pg.PoolClient | pg.Pool): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, params as unknown[]);
      // Parameterless multi-statement SQL answers one result per statement: report the last.
      const r = Array.isArray(result) ? (result[result.length - 1] as pg.QueryResult) : result;
      return { rows: (r?.rows ?? []) as R[], rowCount: r?.rowCount ?? r?.rows.length ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

class PostgresDb implements Db {
  readonly engine = 'postgres' as const;
  private readonly q: Queryable;
  constructor(readonly pool: pg.Pool) {
    this.q = wrapClient(pool);
  }

  query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    return this.q.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.q.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(wrapClient(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export interface OpenDbOptions {
  databaseUrl?: string | null;
  dataDir?: string;
  poolSize?: number;
  /** In-memory PGlite loaded from a dump (tests). */
  loadDataDir?: Blob;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead
    const db = new PostgresDb(pool);
    await db.query('SELECT 1');
    return db;
  }
  if (opts.loadDataDir) {
    const pglite = await PGlite.create({ loadDataDir: opts.loadDataDir, parsers: pgliteParsers });
    return new PgliteDb(pglite);
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: opts.dataDir, parsers: pgliteParsers });
  return new PgliteDb(pglite);
}

/** The PGlite instance behind an embedded Db (for dumps in tests), else undefined. */
export function pgliteOf(db: Db): PGlite | undefined {
  return db instanceof PgliteDb ? db.pglite : undefined;
}

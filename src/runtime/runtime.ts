/**
 * Shared wiring for the composition roots (server, worker, CLI): opens the database, applies
 * migrations, and builds the ports the use cases need. Only composition roots import this.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import argon2 from 'argon2';
import type { VigilConfig } from '../config/config.ts';
import { VigilError } from '../domain/errors.ts';
import { parseCycloneDxJson } from '../formats/cyclonedx/cyclonedx.parser.ts';
import type { Clock, IdSource, PasswordHasher, UnitOfWork } from '../app/ports.ts';
import type { ImportSbomDeps } from '../app/import-sbom.ts';
import { openDb, type Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { JobQueue } from '../store/job-queue.ts';
import { createUnitOfWork } from '../store/unit-of-work.ts';
import { jobQueues } from './job-queues.ts';

export const systemClock: Clock = { now: () => new Date() };

export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  secret: (bytes) => randomBytes(bytes).toString('base64url'),
};

export const argon2Passwords: PasswordHasher = {
  hash: (password) => argon2.hash(password, { type: argon2.argon2id }),
  verify: async (hash, password) => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  },
};

export interface Runtime {
  readonly config: VigilConfig;
  readonly db: Db;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly passwords: PasswordHasher;
  readonly queue: JobQueue | null;
  readonly importDeps: ImportSbomDeps;
  close(): Promise<void>;
}

export interface OpenRuntimeOptions {
  /** Start the job queue (needed to enqueue or work jobs). */
  queue: boolean;
  /** Run the queue's maintenance (expiry, archiving) in this process. */
  queueMaintenance?: boolean;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  clock?: Clock;
  /** For tests: an already-open database. */
  db?: Db;
}

/** One process owns an embedded data folder at a time; a lock file says which. */
function lockDataDir(dataDir: string): () => void {
  const lock = join(dataDir, 'vigil.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    let alive = false;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) {
      throw new VigilError('DATABASE_LOCKED', `the embedded database in ${dataDir} is in use by another Vigil process (pid ${pid}); stop it, or use the API (vigil sbom upload) while it runs`);
    }
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

export async function openRuntime(config: VigilConfig, opts: OpenRuntimeOptions): Promise<Runtime> {
  let unlock = (): void => undefined;
  let db = opts.db;
  if (!db) {
    if (!config.databaseUrl) {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(config.dataDir, { recursive: true });
      unlock = lockDataDir(config.dataDir);
    }
    try {
      db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
    } catch (err) {
      unlock();
      throw err;
    }
  }
  const database = db;
  try {
    if (opts.migrate !== false) await migrate(database);
    const queue = opts.queue ? await JobQueue.start(database, { maintenance: opts.queueMaintenance ?? true }) : null;
    if (queue) {
      for (const def of jobQueues) await queue.define(def);
    }
    const clock = opts.clock ?? systemClock;
    const ids = randomIds;
    const uow = createUnitOfWork({ db: database, clock, ids, ...(queue ? { jobs: (q) => queue.enqueuer(q) } : {}) });
    const importDeps: ImportSbomDeps = { uow, clock, ids, parseSbom: parseCycloneDxJson, maxSbomBytes: config.maxSbomBytes };
    return {
      config,
      db: database,
      uow,
      clock,
      ids,
      passwords: argon2Passwords,
      queue,
      importDeps,
      async close() {
        try {
          if (queue) await queue.stop();
        } finally {
          if (!opts.db) await database.close();
          unlock();
        }
      },
    };
  } catch (err) {
    if (!opts.db) await database.close().catch(() => undefined);
    unlock();
    throw err;
  }
}

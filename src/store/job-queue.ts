/**
 * The job queue: pg-boss (PostgreSQL-backed, retries, expiry) on both engines. On PGlite it runs
 * through pg-boss's `db` option, in the one process that owns the data folder (docs/adr/003).
 */
import PgBoss from 'pg-boss';
import { VigilError } from '../domain/errors.ts';
import type { JobEnqueuer, JobOptions } from '../app/ports.ts';
import { pgliteOf, type Db, type Queryable } from './db.ts';

export interface JobContext {
  readonly jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  readonly attempt: number;
}

export type JobHandler = (data: Record<string, unknown>, ctx: JobContext) => Promise<void>;

export interface QueueDefinition {
  readonly name: string;
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  /** A job still active after this long is considered lost (crashed worker) and retried. */
  readonly expireInSeconds: number;
  /** 'stately': at most one queued and one running job (feeds); default 'standard'. */
  readonly policy?: 'standard' | 'stately';
}

type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[]; rowCount?: number }>;

/** pg-boss's database adapter over Vigil's Db or a transaction. */
function bossDb(db: Db | Queryable): { executeSql: ExecuteSql } {
  const pglite = 'engine' in db ? pgliteOf(db as Db) : undefined;
  return {
    async executeSql(text, values) {
      if ((!values || values.length === 0) && pglite) {
        // pg-boss sends parameterless multi-statement scripts (migrations, maintenance).
        const results = await pglite.exec(text);
        const last = results[results.length - 1];
        return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
      }
      const r = await db.query(text, values ?? []);
      return { rows: r.rows, rowCount: r.rowCount };
    },
  };
}

export class JobQueue {
  private readonly queues = new Map<string, QueueDefinition>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly db: Db,
  ) {}

  static async start(db: Db, opts: { maintenance: boolean }): Promise<JobQueue> {
    const boss = new PgBoss({
      db: bossDb(db),
      schema: 'pgboss',
      supervise: opts.maintenance,
      schedule: opts.maintenance,
      migrate: true,
    } as unknown as PgBoss.ConstructorOptions);
    boss.on('error', (err: Error) => {
      process.stderr.write(`job queue: ${err.message}\n`);
    });
    await boss.start();
    return new JobQueue(boss, db);
  }

  async define(def: QueueDefinition): Promise<void> {
    this.queues.set(def.name, def);
    const options = { name: def.name, retryLimit: def.retryLimit, retryDelay: def.retryDelaySeconds, retryBackoff: true, expireInSeconds: def.expireInSeconds };
    if (await this.boss.getQueue(def.name)) await this.boss.updateQueue(def.name, options);
    else await this.boss.createQueue(def.name, { ...options, policy: def.policy ?? 'standard' } as PgBoss.Queue);
  }

  /** An enqueuer bound to a transaction (or the pool): jobs commit with the caller's data. */
  enqueuer(q: Queryable): JobEnqueuer {
    return {
      enqueue: async (name: string, data: Record<string, unknown>, options: JobOptions = {}) => {
        const def = this.queues.get(name);
        if (!def) throw new Error(`job queue '${name}' is not defined`);
        const id = await this.boss.send(name, data, {
          db: bossDb(q),
          retryLimit: options.retryLimit ?? def.retryLimit,
          ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        } as PgBoss.SendOptions);
        if (!id) throw new VigilError('JOB_ALREADY_QUEUED', `a '${name}' job is already waiting to run`, { queue: name });
        return id;
      },
    };
  }

  async work(name: string, concurrency: number, handler: JobHandler): Promise<void> {
    await this.boss.work(name, { batchSize: 1, pollingIntervalSeconds: 0.5, localConcurrency: concurrency } as PgBoss.WorkOptions, async (jobs) => {
      for (const job of jobs as Array<PgBoss.Job<Record<string, unknown>> & { retryCount?: number }>) {
        await handler(job.data, { jobId: job.id, attempt: (job.retryCount ?? 0) + 1 });
      }
    });
  }

  /** Runs `name` on a cron schedule (UTC); an empty cron removes the schedule. */
  async schedule(name: string, cron: string): Promise<void> {
    if (cron.trim()) await this.boss.schedule(name, cron.trim(), {}, { tz: 'UTC' });
    else await this.boss.unschedule(name);
  }

  async job(name: string, id: string): Promise<{ state: string; output: unknown } | null> {
    const job = await this.boss.getJobById(name, id);
    return job ? { state: job.state, output: job.output } : null;
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false } as PgBoss.StopOptions);
  }

  get database(): Db {
    return this.db;
  }
}

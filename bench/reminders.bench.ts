/**
 * Reminder scan and delivery at portfolio scale: BENCH_CASES open cases (default 500), each with
 * FDA postmarket obligations past their 50 % point and a lead and a regulatory role holder, so
 * that one scan writes e-mail and webhook rows for every obligation. Measures the first scan
 * (rows written and audited), a repeat scan (nothing new), and delivering every row through
 * senders that accept at once (the outbox's own cost, not an SMTP server's). PGlite, and
 * PostgreSQL with BENCH_DATABASE_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase, setCaseRoles } from '../src/app/cases.ts';
import { deliverPending, scanReminders } from '../src/app/notifications.ts';
import { systemActor } from '../src/app/ports.ts';
import { loadConfig } from '../src/config/config.ts';
import { notifyDeps } from '../src/runtime/notifications.ts';
import { openRuntime } from '../src/runtime/runtime.ts';

const CASES = Number(process.env.BENCH_CASES ?? 500);
const DAY = 86_400_000;

const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function once(label: string, databaseUrl: string | null): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-remind-'));
  const config = {
    ...loadConfig({ env: {}, cwd: process.cwd() }),
    dataDir,
    databaseUrl,
    smtpHost: 'smtp.bench.invalid',
    smtpFrom: 'vigil@bench.invalid',
    webhookUrl: 'https://hooks.bench.invalid/vigil',
    webhookSecret: 'bench-secret',
  };
  const rt = await openRuntime(config, { queue: false });
  try {
    const users = await rt.uow.write(async (s) => [
      await s.users.insert({ id: rt.ids.uuid(), email: 'lead@bench.invalid', displayName: 'Lead', passwordHash: 'x', mustChangePassword: false, createdAt: rt.clock.now() }),
      await s.users.insert({ id: rt.ids.uuid(), email: 'regulatory@bench.invalid', displayName: 'Regulatory', passwordHash: 'x', mustChangePassword: false, createdAt: rt.clock.now() }),
    ]);
    // Aware 20 days ago: the 30-day customer communication is past 50 %, the 60-day fix distribution is not.
    const aware = new Date(rt.clock.now().getTime() - 20 * DAY).toISOString();
    const facts = {
      schemaVersion: 1, timeZone: 'America/New_York', product: { markets: ['US'], kind: 'device', cyberDevice: false },
      organisation: { isaoActiveParticipant: true }, assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
      events: { becameAware: aware },
    };
    let t0 = performance.now();
    for (let i = 0; i < CASES; i++) {
      const c = await openCase(rt, systemActor, { title: `Bench case ${i}`, kind: 'vulnerability', facts });
      await setCaseRoles(rt, systemActor, c.case.id, [{ role: 'lead', userId: users[0]!.id }, { role: 'regulatory', userId: users[1]!.id }]);
    }
    const setup = ms(t0);
    const deps = notifyDeps(rt, { email: { send: async () => undefined }, webhook: { send: async () => undefined } });

    t0 = performance.now();
    const first = await scanReminders(deps);
    const firstMs = ms(t0);
    t0 = performance.now();
    const again = await scanReminders(deps);
    const againMs = ms(t0);
    t0 = performance.now();
    let delivered = 0;
    for (;;) {
      const r = await deliverPending(deps, { batchSize: 500 });
      delivered += r.delivered;
      if (r.delivered + r.failed + r.dead === 0) break;
    }
    const deliverMs = ms(t0);
    const rss = process.memoryUsage().rss / 2 ** 20;
    process.stdout.write(
      `${label}: ${fmt(CASES)} open cases (set up in ${(setup / 1000).toFixed(1)} s)\n` +
        `  first scan: ${fmt(first.enqueued)} rows written and audited in ${fmt(firstMs)} ms (${fmt(first.enqueued / (firstMs / 1000))} rows/s)\n` +
        `  repeat scan: ${fmt(again.enqueued)} rows in ${fmt(againMs)} ms\n` +
        `  delivery (senders that accept at once): ${fmt(delivered)} rows in ${fmt(deliverMs)} ms (${fmt(delivered / (deliverMs / 1000))} rows/s)\n` +
        `  RSS ${fmt(rss)} MB\n`,
    );
  } finally {
    await rt.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await once('PGlite', null);
  if (process.env.BENCH_DATABASE_URL) await once('PostgreSQL', process.env.BENCH_DATABASE_URL);
  else process.stdout.write('(set BENCH_DATABASE_URL to also measure a PostgreSQL server)\n');
}

/**
 * The reminder jobs on the real queue (pg-boss): the scan job writes the outbox rows and queues a
 * delivery run in the same transaction; the delivery worker sends them. Scheduling puts both on
 * the notification cron.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, setCaseRoles } from '../../src/app/cases.ts';
import { NOTIFY_DELIVER_JOB, NOTIFY_SCAN_JOB } from '../../src/app/notifications.ts';
import { scheduleNotifications, startWorkers } from '../../src/runtime/jobs.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { startSmtpServer, startWebhookServer, type TestSmtpServer, type TestWebhookServer } from '../support/notify-servers.ts';

let smtp: TestSmtpServer;
let hooks: TestWebhookServer;
let t: TestRuntime;

beforeAll(async () => {
  smtp = await startSmtpServer({ user: 'vigil', password: 'job-test-password' });
  hooks = await startWebhookServer();
  t = await createTestRuntime({
    queue: true,
    config: {
      smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'none', smtpUser: 'vigil', smtpPassword: 'job-test-password', smtpFrom: 'vigil@example.test',
      webhookUrl: hooks.url, webhookSecret: 'job-test-secret', notifyCron: '*/5 * * * *',
    },
  });
  await startWorkers(t.rt, () => undefined);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await hooks.close();
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 150; i += 1) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('notification jobs', () => {
  it('a scan job enqueues the reminders and a delivery run that sends them', async () => {
    t.clock.advance(Date.parse('2026-03-02T16:00:00Z') - t.clock.now().getTime());
    const user = await t.rt.uow.write((s) => s.users.insert({ id: '00000000-0000-4000-8000-000000000001', email: 'lead@example.test', displayName: 'Lead', passwordHash: 'x', mustChangePassword: false, createdAt: t.clock.now() }));
    const actor = { kind: 'user' as const, id: 'tester', label: 'tester' };
    const c = await openCase(t.rt, actor, {
      title: 'Job path',
      facts: { schemaVersion: 1, timeZone: 'UTC', product: { markets: ['US'], kind: 'device', cyberDevice: false }, organisation: { isaoActiveParticipant: true }, assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' }, events: { becameAware: '2026-03-02T10:00' } },
    });
    await setCaseRoles(t.rt, actor, c.case.id, [{ role: 'lead', userId: user.id }]);
    // 20 days in: the 30-day obligation is past 50 %.
    t.clock.advance(20 * 24 * 3_600_000);
    await t.rt.uow.write((s) => s.jobs.enqueue(NOTIFY_SCAN_JOB, {}));

    const delivered = await until('delivery', async () => {
      const rows = await t.rt.uow.read((s) => s.notifications.list({ limit: 100 }));
      return rows.length === 2 && rows.every((n) => n.state === 'delivered') && rows;
    });
    expect(delivered.map((n) => `${n.channel} ${n.key.split(':')[1]}`).sort()).toEqual(['email p50', 'webhook p50']);
    expect(smtp.mails.map((m) => m.to)).toEqual([['lead@example.test']]);
    expect(hooks.requests).toHaveLength(1);
  });

  it('scheduling puts the scan and the delivery on the notification cron', async () => {
    await scheduleNotifications(t.rt, () => undefined);
    const { rows } = await t.rt.db.query<{ name: string; cron: string }>('SELECT name, cron FROM pgboss.schedule WHERE name IN ($1, $2) ORDER BY name', [NOTIFY_DELIVER_JOB, NOTIFY_SCAN_JOB]);
    expect(rows).toEqual([{ name: NOTIFY_DELIVER_JOB, cron: '*/5 * * * *' }, { name: NOTIFY_SCAN_JOB, cron: '*/5 * * * *' }]);
  });
});

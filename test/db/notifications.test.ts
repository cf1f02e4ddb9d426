/**
 * Reminders and escalations end to end: a real SMTP server and a local HTTP server receive them;
 * failing endpoints are retried until delivered exactly once, or end dead with their errors;
 * a worker that dies between enqueue and delivery loses nothing.
 */
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fulfilObligation, getCase, openCase, setCaseFacts, setCaseRoles } from '../../src/app/cases.ts';
import { deliverPending, scanReminders, sendTestNotification, type DeliverDeps } from '../../src/app/notifications.ts';
import type { Actor, NotificationRecord, StoredObligation } from '../../src/app/ports.ts';
import { reminderPoints } from '../../src/domain/notify/reminders.ts';
import { buildApp } from '../../src/server/app.ts';
import { notifyDeps, notificationSettings, SIGNATURE_HEADER } from '../../src/runtime/notifications.ts';
import { openRuntime } from '../../src/runtime/runtime.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { startSmtpServer, startWebhookServer, type TestSmtpServer, type TestWebhookServer } from '../support/notify-servers.ts';

const SMTP_PASSWORD = 'smtp-pa55word-never-stored';
const WEBHOOK_SECRET = 'whsec_0123456789abcdef-never-stored';
const actor: Actor = { kind: 'user', id: 'tester', label: 'tester@example.com' };
const facts = {
  schemaVersion: 1,
  timeZone: 'America/New_York',
  product: { markets: ['US'], kind: 'device', cyberDevice: false },
  organisation: { isaoActiveParticipant: true },
  assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
  events: { becameAware: '2026-03-02T10:00' },
};

let smtp: TestSmtpServer;
let hooks: TestWebhookServer;
let t: TestRuntime;
let deps: DeliverDeps;
let caseId: string;
let caseNumber: number;
/** The 30-day customer communication obligation (trigger 2026-03-02T15:00Z, due 2026-04-02T03:59:59.999Z). */
let o30: StoredObligation;

beforeAll(async () => {
  smtp = await startSmtpServer({ user: 'vigil', password: SMTP_PASSWORD });
  hooks = await startWebhookServer();
});
afterAll(async () => {
  await smtp.close();
  await hooks.close();
});

beforeEach(async () => {
  smtp.reset();
  hooks.reset();
  t = await createTestRuntime({
    config: {
      smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'none', smtpUser: 'vigil', smtpPassword: SMTP_PASSWORD, smtpFrom: 'Vigil <vigil@example.test>',
      webhookUrl: hooks.url, webhookSecret: WEBHOOK_SECRET, notifyTimeoutSeconds: 5,
      notifyEscalationEmails: ['Escalation@Example.test'], publicUrl: 'https://vigil.example.test/', notifyMaxAttempts: 4, notifyRetryBaseSeconds: 60,
    },
  });
  deps = notifyDeps(t.rt);
  moveTo('2026-03-02T16:00:00Z');
  const users = await t.rt.uow.write(async (s) => {
    const mk = (email: string, i: number) => s.users.insert({ id: `00000000-0000-4000-8000-00000000000${i}`, email, displayName: email, passwordHash: 'x', mustChangePassword: false, createdAt: t.clock.now() });
    return [await mk('lead@example.test', 1), await mk('regulatory@example.test', 2), await mk('analyst@example.test', 3)];
  });
  const c = await openCase(t.rt, actor, { title: 'Pump telemetry exposure', kind: 'cvd-report', facts });
  caseId = c.case.id;
  caseNumber = c.case.number;
  await setCaseRoles(t.rt, actor, caseId, [{ role: 'lead', userId: users[0]!.id }, { role: 'regulatory', userId: users[1]!.id }, { role: 'analyst', userId: users[2]!.id }]);
  o30 = c.obligations.find((o) => o.key === 'fda-post16-customer-communication')!;
  expect(o30).toMatchObject({ dueAt: '2026-04-02T03:59:59.999Z', trigger: { at: '2026-03-02T15:00:00.000Z' } });
});
afterEach(async () => {
  await t.close();
});

function moveTo(at: string | number) {
  t.clock.advance((typeof at === 'number' ? at : Date.parse(at)) - t.clock.now().getTime());
}

const points = () => reminderPoints({ triggerAt: Date.parse((o30.trigger as { at: string }).at), dueAt: Date.parse(o30.dueAt!) }, notificationSettings(t.rt.config).policy);
const rowsOf = async (obligationId: string) => (await t.rt.uow.read((s) => s.notifications.list({ limit: 1000 }))).filter((n) => n.obligationId === obligationId);
const mailsFor = (n: NotificationRecord) => smtp.mails.filter((m) => m.headers['x-vigil-notification'] === n.id);
const okHooksFor = (n: NotificationRecord) => hooks.requests.filter((r) => r.headers['x-vigil-delivery'] === n.id && r.status < 300);

function verifySignature(body: string, header: string | string[] | undefined): boolean {
  return header === `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
}

describe('obligation reminders', () => {
  it('e-mails the role holders and posts a signed webhook at 50 %, 80 %, 24 h before and overdue, each once', async () => {
    const ps = points();
    expect(ps.slice(0, 5).map((p) => `${p.id} ${new Date(p.at).toISOString()}`)).toEqual([
      'p50 2026-03-17T21:29:59.999Z',
      'p80 2026-03-27T01:23:59.999Z',
      'before-24h 2026-04-01T03:59:59.999Z',
      'overdue 2026-04-02T03:59:59.999Z',
      'overdue-1 2026-04-03T03:59:59.999Z',
    ]);
    // Nothing is due yet.
    expect((await scanReminders(deps)).enqueued).toBe(0);

    for (const p of ps.slice(0, 4)) {
      moveTo(p.at - 1);
      expect((await rowsOf(o30.id)).filter((n) => n.key.includes(`:${p.id}:`))).toHaveLength(0);
      await scanReminders(deps);
      expect((await rowsOf(o30.id)).filter((n) => n.key.includes(`:${p.id}:`)), `${p.id} not before its instant`).toHaveLength(0);
      moveTo(p.at);
      const scan = await scanReminders(deps);
      const rows = (await rowsOf(o30.id)).filter((n) => n.key.includes(`:${p.id}:`));
      const escalation = p.id === 'overdue';
      expect(rows.map((n) => `${n.channel} ${n.target}`).sort()).toEqual([
        ...(escalation ? ['email Escalation@Example.test'] : []),
        'email lead@example.test',
        'email regulatory@example.test',
        `webhook ${hooks.url}`,
      ]);
      expect(scan.keys).toEqual(expect.arrayContaining(rows.map((n) => n.key)));
      // Idempotent: the same instant (and a minute later) enqueues nothing new for this point.
      expect((await scanReminders(deps)).keys.filter((k) => k.startsWith(o30.id))).toEqual([]);
      moveTo(p.at + 60_000);
      expect((await scanReminders(deps)).keys.filter((k) => k.startsWith(o30.id))).toEqual([]);

      const before = { mails: smtp.mails.length, hooks: hooks.requests.length };
      const r = await deliverPending(deps);
      expect(r).toMatchObject({ failed: 0, dead: 0, cancelled: 0 });
      for (const n of rows) {
        const fresh = (await t.rt.uow.read((s) => s.notifications.find(n.id)))!;
        expect(fresh).toMatchObject({ state: 'delivered', attempts: 1, lastError: null });
        if (n.channel === 'email') {
          const mails = mailsFor(n);
          expect(mails, `${p.id} ${n.target}`).toHaveLength(1);
          const m = mails[0]!;
          expect(m.to.map((a) => a.toLowerCase())).toEqual([n.target.toLowerCase()]);
          expect(m.from).toBe('vigil@example.test');
          expect(m.subject).toBe(
            escalation
              ? `[OVERDUE] Case ${caseNumber}: ${o30.title} — was due 2026-04-01 23:59 America/New_York`
              : `[Reminder] Case ${caseNumber}: ${o30.title} — due 2026-04-01 23:59 America/New_York`,
          );
          expect(m.text).toContain(`Case:        ${caseNumber} — Pump telemetry exposure`);
          expect(m.text).toContain(`Citation:    ${o30.citation}`);
          expect(m.text).toContain('Due:         2026-04-01T23:59:59.999-04:00 (America/New_York)');
          expect(m.text).toContain('Due (UTC):   2026-04-02T03:59:59.999Z');
          expect(m.text).toContain(`Open the case: https://vigil.example.test/cases/${caseNumber}`);
          // Written when the point was reached: at due for the escalation, ahead of it for reminders.
          expect(m.text).toContain(escalation ? 'Time left:   overdue by 0m' : `Time left:   ${p.id === 'before-24h' ? '1d 0h' : ''}`);
        } else {
          const got = okHooksFor(n);
          expect(got).toHaveLength(1);
          expect(verifySignature(got[0]!.body, got[0]!.headers[SIGNATURE_HEADER])).toBe(true);
          expect(verifySignature(`${got[0]!.body} `, got[0]!.headers[SIGNATURE_HEADER])).toBe(false);
          const body = JSON.parse(got[0]!.body);
          expect(body).toMatchObject({ id: n.id, type: escalation ? 'obligation.overdue' : 'obligation.reminder', data: { point: p.id, case: { number: caseNumber, url: `https://vigil.example.test/cases/${caseNumber}` }, obligation: { key: o30.key, dueAt: '2026-04-02T03:59:59.999Z', timeZone: 'America/New_York' } } });
          expect(got[0]!.headers['content-type']).toBe('application/json');
        }
      }
      // The analyst holds a role that is not notified.
      expect(smtp.mails.some((m) => m.to.includes('analyst@example.test'))).toBe(false);
      // Nothing else of this obligation went out (the 60-day obligation has its own points).
      const ours = new Set((await rowsOf(o30.id)).map((n) => n.id));
      expect(smtp.mails.slice(before.mails).filter((m) => ours.has(m.headers['x-vigil-notification']!))).toHaveLength(rows.filter((n) => n.channel === 'email').length);
      expect(hooks.requests.slice(before.hooks).filter((r) => ours.has(String(r.headers['x-vigil-delivery'])))).toHaveLength(1);
      // A second delivery run sends nothing again.
      expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 0 });
    }
    // The password went to the SMTP server's AUTH, and nowhere else.
    expect(smtp.logins.every((l) => l.user === 'vigil' && l.password === SMTP_PASSWORD)).toBe(true);

    // Fulfilled: the escalations stop.
    await fulfilObligation(t.rt, actor, caseId, o30.key, { reference: 'CC-1' });
    moveTo(ps.find((p) => p.id === 'overdue-1')!.at + 1000);
    await scanReminders(deps);
    expect((await rowsOf(o30.id)).filter((n) => n.key.includes(':overdue-1:'))).toEqual([]);

    const audit = await t.rt.uow.read((s) => s.audit.list({ entityType: 'obligation', entityId: o30.id, limit: 50 }));
    expect(audit.filter((e) => e.action === 'obligation.reminder-enqueued').map((e) => (e.after as { point: string }).point).reverse()).toEqual(['p50', 'p80', 'before-24h', 'overdue']);
  });

  it('a missed run catches up with the current point only, and without duplicates', async () => {
    const ps = points();
    // The scheduler was down from before 50 % until after 80 %.
    moveTo(ps[1]!.at + 3_600_000);
    const first = await scanReminders(deps);
    const rows = await rowsOf(o30.id);
    expect([...new Set(rows.map((n) => n.key.split(':')[1]))]).toEqual(['p80']);
    expect(first.keys.filter((k) => k.startsWith(o30.id))).toHaveLength(3);
    expect((await scanReminders(deps)).enqueued).toBe(0);
    t.clock.advance(60_000);
    expect((await scanReminders(deps)).enqueued).toBe(0);
    await deliverPending(deps);
    expect(smtp.mails).toHaveLength(2);
    expect(hooks.requests).toHaveLength(1);
  });

  it('when new facts move the deadline, the reminders follow the new due instant', async () => {
    moveTo(points()[0]!.at);
    await scanReminders(deps);
    hooks.failNext(1);
    expect(await deliverPending(deps)).toEqual({ delivered: 2, failed: 1, dead: 0, cancelled: 0 });
    expect(smtp.mails).toHaveLength(2);
    // A correction of the facts: the company became aware ten days later than first recorded.
    await setCaseFacts(t.rt, actor, caseId, { events: { becameAware: '2026-03-12T10:00' } }, 'awareness date corrected');
    // The webhook retry would announce the old deadline: it is cancelled instead.
    t.clock.advance(60_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 1 });
    const moved = (await getCase(t.rt, caseId)).obligations.find((o) => o.key === o30.key)!;
    expect(moved).toMatchObject({ id: o30.id, dueAt: '2026-04-12T03:59:59.999Z' });
    // The new deadline's first point is still ahead: nothing now.
    expect((await scanReminders(deps)).keys.filter((k) => k.startsWith(o30.id))).toEqual([]);
    o30 = moved;
    moveTo(points()[0]!.at);
    const again = (await scanReminders(deps)).keys.filter((k) => k.startsWith(o30.id));
    expect(again).toHaveLength(3);
    for (const k of again) expect(k).toContain(`:p50:${Date.parse('2026-04-12T03:59:59.999Z')}:`);
    await deliverPending(deps);
    expect(smtp.mails).toHaveLength(4);
    expect(smtp.mails.at(-1)!.subject).toContain('— due 2026-04-11 23:59 America/New_York');
  });

  it('retries a failing endpoint (HTTP 500, SMTP 451) with backoff until it is delivered exactly once', async () => {
    moveTo(points()[0]!.at);
    await scanReminders(deps);
    hooks.failNext(2, 500);
    smtp.reject('lead@example.test', 451, 2);

    expect(await deliverPending(deps)).toEqual({ delivered: 1, failed: 2, dead: 0, cancelled: 0 });
    let rows = await rowsOf(o30.id);
    const lead = rows.find((n) => n.target === 'lead@example.test')!;
    const hook = rows.find((n) => n.channel === 'webhook')!;
    expect(lead).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(t.clock.now().getTime() + 60_000).toISOString() });
    expect(lead.lastError).toMatch(/451/);
    expect(hook.lastError).toBe('the webhook answered HTTP 500: upstream exploded');
    // Not due again before the backoff has passed.
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 0 });
    t.clock.advance(60_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 2, dead: 0, cancelled: 0 });
    rows = await rowsOf(o30.id);
    expect(rows.find((n) => n.id === lead.id)).toMatchObject({ attempts: 2, nextAttemptAt: new Date(t.clock.now().getTime() + 120_000).toISOString() });
    t.clock.advance(119_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 0 });
    t.clock.advance(1_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 2, failed: 0, dead: 0, cancelled: 0 });
    t.clock.advance(24 * 3_600_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 0 });

    rows = await rowsOf(o30.id);
    for (const n of rows) expect(n.state).toBe('delivered');
    expect(rows.find((n) => n.id === lead.id)).toMatchObject({ attempts: 3, errors: [{ error: expect.stringMatching(/451/) }, { error: expect.stringMatching(/451/) }] });
    expect(smtp.refused).toEqual(['451 lead@example.test', '451 lead@example.test']);
    expect(mailsFor(lead)).toHaveLength(1);
    expect(hooks.requests.filter((r) => r.headers['x-vigil-delivery'] === hook.id).map((r) => r.status)).toEqual([500, 500, 204]);
    expect(okHooksFor(hook)).toHaveLength(1);
  });

  it('a permanently failing endpoint ends dead with every error, audited, listed and retryable by API', async () => {
    moveTo(points()[0]!.at);
    await scanReminders(deps);
    // Temporary failures that never end (a permanent refusal would end the message at once).
    hooks.failNext(Infinity, 503);
    smtp.reject('lead@example.test', 451, Infinity);
    const results = [];
    for (let i = 0; i < 4; i += 1) {
      results.push(await deliverPending(deps));
      t.clock.advance(60_000 * 2 ** i);
    }
    expect(results).toEqual([{ delivered: 1, failed: 2, dead: 0, cancelled: 0 }, { delivered: 0, failed: 2, dead: 0, cancelled: 0 }, { delivered: 0, failed: 2, dead: 0, cancelled: 0 }, { delivered: 0, failed: 0, dead: 2, cancelled: 0 }]);
    t.clock.advance(24 * 3_600_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 0 });

    const dead = (await rowsOf(o30.id)).filter((n) => n.state === 'dead');
    expect(dead.map((n) => n.channel).sort()).toEqual(['email', 'webhook']);
    for (const n of dead) {
      expect(n.attempts).toBe(4);
      expect(n.errors).toHaveLength(4);
      expect(n.deadAt).not.toBeNull();
    }
    expect(dead.find((n) => n.channel === 'email')!.lastError).toMatch(/451/);
    expect(dead.find((n) => n.channel === 'webhook')!.lastError).toBe('the webhook answered HTTP 503: upstream exploded');
    const audit = await t.rt.uow.read((s) => s.audit.list({ entityType: 'notification', limit: 50 }));
    expect(audit.filter((e) => e.action === 'notification.dead').map((e) => e.entityId).sort()).toEqual(dead.map((n) => n.id).sort());
    // No secret in anything stored.
    const everything = JSON.stringify([await t.rt.uow.read((s) => s.notifications.list({ limit: 1000 })), await t.rt.uow.read((s) => s.audit.list({ limit: 500 }))]);
    expect(everything).not.toContain(SMTP_PASSWORD);
    expect(everything).not.toContain(WEBHOOK_SECRET);

    // Over the API: listed by state, retried by hand, delivered once the endpoint is back.
    const hash = await t.rt.passwords.hash('a long enough password');
    await t.rt.uow.write(async (s) => {
      await s.users.insert({ id: '00000000-0000-4000-8000-000000000009', email: 'psirt@example.com', displayName: 'PSIRT', passwordHash: hash, mustChangePassword: false, isAdmin: true, createdAt: t.clock.now() });
      await s.users.insert({ id: '00000000-0000-4000-8000-000000000008', email: 'engineer@example.com', displayName: 'Engineer', passwordHash: hash, mustChangePassword: false, createdAt: t.clock.now() });
    });
    const app = await buildApp(t.rt);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'psirt@example.com', password: 'a long enough password' } });
      const headers = { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken };
      expect((await app.inject({ url: '/api/notifications?state=dead' })).statusCode).toBe(401);
      const engineer = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'engineer@example.com', password: 'a long enough password' } });
      const notAdmin = await app.inject({ url: '/api/notifications?state=dead', headers: { cookie: String(engineer.headers['set-cookie']).split(';')[0]! } });
      expect(notAdmin.statusCode).toBe(403);
      expect(notAdmin.json()).toMatchObject({ code: 'ADMIN_REQUIRED', detail: 'only an administrator may read the notification outbox' });
      const listed = await app.inject({ url: '/api/notifications?state=dead', headers });
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items.map((n: { id: string }) => n.id).sort()).toEqual(dead.map((n) => n.id).sort());
      expect(listed.json().items[0]).toMatchObject({ state: 'dead', attempts: 4, errors: expect.any(Array) });
      expect((await app.inject({ url: '/api/notifications?state=delivered', headers })).json().items).toHaveLength(1);
      expect((await app.inject({ url: '/api/notifications?state=lost', headers })).statusCode).toBe(400);

      const hook = dead.find((n) => n.channel === 'webhook')!;
      hooks.failNext(0);
      const retried = await app.inject({ method: 'POST', url: `/api/notifications/${hook.id}/retry`, headers, payload: { reason: 'endpoint fixed' } });
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toMatchObject({ id: hook.id, state: 'pending', attempts: 0, errors: expect.arrayContaining([expect.objectContaining({ error: expect.stringMatching(/503/) })]) });
      expect(await deliverPending(deps)).toEqual({ delivered: 1, failed: 0, dead: 0, cancelled: 0 });
      expect(okHooksFor(hook)).toHaveLength(1);
      const again = await app.inject({ method: 'POST', url: `/api/notifications/${hook.id}/retry`, headers, payload: {} });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('NOTIFICATION_NOT_DEAD');
      const missing = await app.inject({ method: 'POST', url: '/api/notifications/00000000-0000-4000-8000-000000000999/retry', headers, payload: {} });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('NOTIFICATION_NOT_FOUND');
      const retryAudit = await t.rt.uow.read((s) => s.audit.list({ entityType: 'notification', entityId: hook.id, limit: 10 }));
      expect(retryAudit[0]).toMatchObject({ action: 'notification.retried', actor: 'user:psirt@example.com', reason: 'endpoint fixed' });
    } finally {
      await app.close();
    }
  });

  it('a worker that dies between enqueue and delivery loses nothing: the next worker delivers each message once', async () => {
    moveTo(points()[0]!.at);
    await scanReminders(deps);
    // Worker A claims the messages and dies before sending (its lease is committed, its work is not).
    const claimed = await t.rt.uow.write((s) => s.notifications.claim(t.clock.now(), new Date(t.clock.now().getTime() + deps.notify.leaseSeconds * 1000), 100));
    expect(claimed).toHaveLength(3);
    await t.rt.close();

    // Worker B, a new process on the same database.
    const rt2 = await openRuntime(t.rt.config, { db: t.testDb.db, queue: false, clock: t.clock });
    try {
      const deps2 = notifyDeps(rt2);
      expect((await rt2.uow.read((s) => s.notifications.list({ state: 'pending', limit: 100 })))).toHaveLength(3);
      // Held by A's lease for now…
      expect(await deliverPending(deps2)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 0 });
      // …and B's once the lease has run out.
      t.clock.advance(deps.notify.leaseSeconds * 1000);
      expect(await deliverPending(deps2)).toEqual({ delivered: 3, failed: 0, dead: 0, cancelled: 0 });
      expect(await deliverPending(deps2)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 0 });
      expect(await scanReminders(deps2)).toMatchObject({ enqueued: 0 });
      for (const n of claimed) {
        if (n.channel === 'email') expect(mailsFor(n)).toHaveLength(1);
        else expect(okHooksFor(n)).toHaveLength(1);
      }
    } finally {
      await rt2.close();
    }
  });

  it('two workers delivering at once send each message once', async () => {
    moveTo(points()[0]!.at);
    await scanReminders(deps);
    const other = notifyDeps(t.rt);
    const [a, b] = await Promise.all([deliverPending(deps, { batchSize: 1 }), deliverPending(other, { batchSize: 1 })]);
    expect(a.delivered + b.delivered).toBe(3);
    for (const n of await rowsOf(o30.id)) {
      expect(n).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(n.channel === 'email' ? mailsFor(n) : okHooksFor(n)).toHaveLength(1);
    }
  });

  it('a message still waiting when its obligation is fulfilled is cancelled, not sent', async () => {
    moveTo(points()[0]!.at);
    await scanReminders(deps);
    hooks.failNext(1, 502);
    expect(await deliverPending(deps)).toEqual({ delivered: 2, failed: 1, dead: 0, cancelled: 0 });
    t.clock.advance(30_000);
    await fulfilObligation(t.rt, actor, caseId, o30.key, { reference: 'CC-2' });
    t.clock.advance(30_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 1 });
    const hook = (await rowsOf(o30.id)).find((n) => n.channel === 'webhook')!;
    expect(hook).toMatchObject({ state: 'cancelled', attempts: 1, lastError: expect.stringMatching(/no longer open/) });
    expect(okHooksFor(hook)).toHaveLength(0);
    expect((await t.rt.uow.read((s) => s.notifications.list({ state: 'cancelled', limit: 10 }))).map((n) => n.id)).toEqual([hook.id]);
  });

  it('a webhook that does not answer in time is retried', async () => {
    moveTo(points()[0]!.at);
    await scanReminders(deps);
    const impatient = notifyDeps({ ...t.rt, config: { ...t.rt.config, notifyTimeoutSeconds: 1 } });
    hooks.delayNext(2_500);
    expect(await deliverPending(impatient)).toEqual({ delivered: 2, failed: 1, dead: 0, cancelled: 0 });
    const hook = (await rowsOf(o30.id)).find((n) => n.channel === 'webhook')!;
    expect(hook).toMatchObject({ state: 'pending', attempts: 1, lastError: 'the webhook did not answer within 1 s' });
    t.clock.advance(60_000);
    expect(await deliverPending(impatient)).toEqual({ delivered: 1, failed: 0, dead: 0, cancelled: 0 });
  });

  it('sends a test message on each channel and reports a refusal without the password', async () => {
    await expect(sendTestNotification(deps, 'email', 'ops@example.test')).resolves.toEqual({ channel: 'email', target: 'ops@example.test' });
    expect(smtp.mails.at(-1)).toMatchObject({ to: ['ops@example.test'], subject: 'Vigil test notification' });
    await expect(sendTestNotification(deps, 'webhook', null)).resolves.toMatchObject({ channel: 'webhook' });
    expect(verifySignature(hooks.requests.at(-1)!.body, hooks.requests.at(-1)!.headers[SIGNATURE_HEADER])).toBe(true);

    const wrong = notifyDeps({ ...t.rt, config: { ...t.rt.config, smtpPassword: 'wrong-password-xyz' } });
    const err = await sendTestNotification(wrong, 'email', 'ops@example.test').catch((e: Error & { code: string }) => e);
    expect(err).toMatchObject({ code: 'NOTIFY_SEND_FAILED' });
    expect((err as Error).message).toMatch(/535|Invalid/);
    expect((err as Error).message).not.toContain('wrong-password-xyz');
    // The default 'starttls' refuses a server that cannot upgrade the connection: no password in clear text.
    const before = smtp.logins.length;
    const plain = notifyDeps({ ...t.rt, config: { ...t.rt.config, smtpSecurity: 'starttls' } });
    const refused = await sendTestNotification(plain, 'email', 'ops@example.test').catch((e: Error & { code: string }) => e);
    expect(refused).toMatchObject({ code: 'NOTIFY_SEND_FAILED', message: expect.stringMatching(/STARTTLS/i) });
    expect(smtp.logins.length).toBe(before);
    const none = notifyDeps({ ...t.rt, config: { ...t.rt.config, webhookUrl: null } });
    await expect(sendTestNotification(none, 'webhook', null)).rejects.toMatchObject({ code: 'NOTIFY_CHANNEL_NOT_CONFIGURED' });
  });
});

/**
 * Task reminders through the outbox, end to end with a real SMTP server and a local HTTP server:
 * the assignee is reminded before due and told at due, the case lead gets the escalations after;
 * a done task stops them; a moved due date reminds for the new date. And permanent refusals:
 * SMTP 5xx and HTTP 4xx end a message dead at once, temporary ones are retried.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCaseTask, updateCaseTask } from '../../src/app/case-tasks.ts';
import { closeCase, openCase, setCaseRoles } from '../../src/app/cases.ts';
import { deliverPending, scanReminders, type DeliverDeps } from '../../src/app/notifications.ts';
import type { Actor, CaseTask, NotificationRecord } from '../../src/app/ports.ts';
import { buildApp } from '../../src/server/app.ts';
import { notifyDeps } from '../../src/runtime/notifications.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { startSmtpServer, startWebhookServer, type TestSmtpServer, type TestWebhookServer } from '../support/notify-servers.ts';

const H = 3_600_000;
const actor: Actor = { kind: 'user', id: 'tester', label: 'tester@example.com' };
// No market: the case has no regulatory obligations, so every message here is a task's.
const facts = { schemaVersion: 1, timeZone: 'America/New_York', product: { markets: [], kind: 'device' } };

let smtp: TestSmtpServer;
let hooks: TestWebhookServer;
let t: TestRuntime;
let deps: DeliverDeps;
let caseId: string;
let caseNumber: number;
let task: CaseTask;
/** 2026-03-05T12:00 in New York (EST). */
const due = Date.parse('2026-03-05T17:00:00Z');

beforeAll(async () => {
  smtp = await startSmtpServer({ user: 'vigil', password: 'task-test-password' });
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
      smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'none', smtpUser: 'vigil', smtpPassword: 'task-test-password', smtpFrom: 'Vigil <vigil@example.test>',
      webhookUrl: hooks.url, webhookSecret: 'task-test-secret', notifyTimeoutSeconds: 5, notifyEscalationEmails: ['escalation@example.test'],
      publicUrl: 'https://vigil.example.test', notifyMaxAttempts: 4, notifyRetryBaseSeconds: 60, notifyTaskOverdueMaxRepeats: 2,
    },
  });
  deps = notifyDeps(t.rt);
  moveTo(Date.parse('2026-03-02T16:00:00Z'));
  const users = await t.rt.uow.write(async (s) => {
    const mk = (email: string, name: string, i: number) => s.users.insert({ id: `00000000-0000-4000-8000-00000000000${i}`, email, displayName: name, passwordHash: 'x', mustChangePassword: false, createdAt: t.clock.now() });
    return [await mk('lead@example.test', 'Lee Lead', 1), await mk('analyst@example.test', 'Ana Lyst', 2), await mk('regulatory@example.test', 'Reg Ulatory', 3)];
  });
  const c = await openCase(t.rt, actor, { title: 'Pump telemetry exposure', kind: 'vulnerability', facts });
  expect(c.obligations).toEqual([]);
  caseId = c.case.id;
  caseNumber = c.case.number;
  await setCaseRoles(t.rt, actor, caseId, [{ role: 'lead', userId: users[0]!.id }, { role: 'analyst', userId: users[1]!.id }, { role: 'regulatory', userId: users[2]!.id }]);
  // Assigned to the analyst, the holder of its role.
  task = await addCaseTask(t.rt, actor, caseId, { title: 'Triage: confirm the vulnerability affects the product', role: 'analyst', dueAt: new Date(due).toISOString() });
  expect(task.assignee?.email).toBe('analyst@example.test');
});
afterEach(async () => {
  await t.close();
});

function moveTo(at: number) {
  t.clock.advance(at - t.clock.now().getTime());
}

const taskRows = async () => (await t.rt.uow.read((s) => s.notifications.list({ limit: 1000 }))).filter((n) => n.taskId === task.id);
const rowsAt = async (point: string) => (await taskRows()).filter((n) => n.key.split(':')[2] === point);
const fresh = async (n: NotificationRecord) => (await t.rt.uow.read((s) => s.notifications.find(n.id)))!;
const mailsFor = (n: NotificationRecord) => smtp.mails.filter((m) => m.headers['x-vigil-notification'] === n.id);
const hooksFor = (n: NotificationRecord) => hooks.requests.filter((r) => r.headers['x-vigil-delivery'] === n.id);
const recipients = (rows: NotificationRecord[]) => rows.map((n) => `${n.channel} ${n.channel === 'email' ? n.target : 'hook'}`).sort();

describe('task reminders', () => {
  it('reminds the assignee 24 h before due, tells them at due, escalates to the lead after, and stops when the task is done', async () => {
    // Not before its instant.
    moveTo(due - 24 * H - 1);
    expect((await scanReminders(deps)).enqueued).toBe(0);

    moveTo(due - 24 * H);
    await scanReminders(deps);
    const before = await rowsAt('before-24h');
    expect(recipients(before)).toEqual(['email analyst@example.test', 'webhook hook']);
    expect(before.every((n) => n.caseId === caseId && n.obligationId === null)).toBe(true);
    // Idempotent: a second scan, and one a minute later, write nothing new.
    expect((await scanReminders(deps)).enqueued).toBe(0);
    moveTo(due - 24 * H + 60_000);
    expect((await scanReminders(deps)).enqueued).toBe(0);
    expect(await deliverPending(deps)).toEqual({ delivered: 2, failed: 0, dead: 0, cancelled: 0 });

    const mail = mailsFor(before.find((n) => n.channel === 'email')!);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toEqual(['analyst@example.test']);
    expect(mail[0]!.subject).toBe(`[Task reminder] Case ${caseNumber}: Triage: confirm the vulnerability affects the product — due 2026-03-05 12:00 America/New_York`);
    expect(mail[0]!.text).toContain(`Case:        ${caseNumber} — Pump telemetry exposure`);
    expect(mail[0]!.text).toContain('Task:        Triage: confirm the vulnerability affects the product');
    expect(mail[0]!.text).toContain('Role:        analyst');
    expect(mail[0]!.text).toContain('Due:         2026-03-05T12:00:00-05:00 (America/New_York)');
    expect(mail[0]!.text).toContain('Due (UTC):   2026-03-05T17:00:00.000Z');
    expect(mail[0]!.text).toContain(`Open the case: https://vigil.example.test/cases/${caseNumber}`);
    const hook = hooksFor(before.find((n) => n.channel === 'webhook')!);
    expect(hook).toHaveLength(1);
    expect(hook[0]!.headers['x-vigil-event']).toBe('task.reminder');
    expect(JSON.parse(hook[0]!.body)).toMatchObject({
      type: 'task.reminder',
      data: { type: 'task.reminder', point: 'before-24h', case: { id: caseId, number: caseNumber }, task: { id: task.id, role: 'analyst', assignee: { email: 'analyst@example.test' }, dueAt: '2026-03-05T17:00:00.000Z', timeZone: 'America/New_York' } },
    });

    // At due: the overdue notice, to the assignee (not yet to the lead, nor the obligations' escalation list).
    moveTo(due);
    await scanReminders(deps);
    const atDue = await rowsAt('overdue');
    expect(recipients(atDue)).toEqual(['email analyst@example.test', 'webhook hook']);
    expect(await deliverPending(deps)).toEqual({ delivered: 2, failed: 0, dead: 0, cancelled: 0 });
    expect(mailsFor(atDue.find((n) => n.channel === 'email')!)[0]!.subject).toBe(`[Task OVERDUE] Case ${caseNumber}: Triage: confirm the vulnerability affects the product — was due 2026-03-05 12:00 America/New_York`);
    expect(JSON.parse(hooksFor(atDue.find((n) => n.channel === 'webhook')!)[0]!.body)).toMatchObject({ type: 'task.overdue', data: { point: 'overdue' } });

    // A day later: the escalation, to the lead as well.
    moveTo(due + 24 * H);
    await scanReminders(deps);
    const esc = await rowsAt('overdue-1');
    expect(recipients(esc)).toEqual(['email analyst@example.test', 'email lead@example.test', 'webhook hook']);
    expect(await deliverPending(deps)).toEqual({ delivered: 3, failed: 0, dead: 0, cancelled: 0 });
    const leadMail = mailsFor(esc.find((n) => n.target === 'lead@example.test')!)[0]!;
    expect(leadMail.text).toContain(`Escalation to the case lead (escalation 1 after due): a task of case ${caseNumber} assigned to Ana Lyst is overdue.`);
    expect(leadMail.text).toContain('Time left:   overdue by 1d 0h');
    expect(leadMail.text).toContain('Assignee:    Ana Lyst <analyst@example.test>');

    // Done: nothing more, ever.
    await updateCaseTask(t.rt, actor, caseId, task.id, { status: 'done' });
    for (const k of [2, 3, 10]) {
      moveTo(due + k * 24 * H);
      expect((await scanReminders(deps)).enqueued).toBe(0);
    }
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 0 });
    expect(smtp.mails).toHaveLength(4);
    expect(hooks.requests).toHaveLength(3);

    const audit = await t.rt.uow.read((s) => s.audit.list({ entityType: 'task', entityId: task.id, limit: 50 }));
    expect(audit.filter((e) => e.action === 'task.reminder-enqueued').map((e) => (e.after as { point: string }).point).reverse()).toEqual(['before-24h', 'overdue', 'overdue-1']);
  });

  it('escalations stop at the configured limit, and a task without an assignee or of a closed case gets none', async () => {
    moveTo(due + 10 * 24 * H);
    await scanReminders(deps);
    // A missed scheduler: only the current point goes out, the last escalation (limit 2).
    expect([...new Set((await taskRows()).map((n) => n.key.split(':')[2]))]).toEqual(['overdue-2']);
    moveTo(due + 20 * 24 * H);
    expect((await scanReminders(deps)).enqueued).toBe(0);

    const unassigned = await addCaseTask(t.rt, actor, caseId, { title: 'Nobody’s task', assigneeId: null, dueAt: new Date(due + 21 * 24 * H).toISOString() });
    expect(unassigned.assignee).toBeNull();
    moveTo(due + 22 * 24 * H);
    expect((await scanReminders(deps)).enqueued).toBe(0);

    // An assigned task of a closed case: nothing either.
    const other = await addCaseTask(t.rt, actor, caseId, { title: 'Publish the advisory', role: 'lead', dueAt: new Date(due + 23 * 24 * H).toISOString() });
    expect(other.assignee?.email).toBe('lead@example.test');
    await closeCase(t.rt, actor, caseId, { resolution: 'fixed in 2.1' });
    moveTo(due + 23 * 24 * H);
    expect((await scanReminders(deps)).enqueued).toBe(0);
  });

  it('a done task cancels its messages still waiting for delivery', async () => {
    moveTo(due - 24 * H);
    await scanReminders(deps);
    hooks.failNext(1, 503);
    expect(await deliverPending(deps)).toEqual({ delivered: 1, failed: 1, dead: 0, cancelled: 0 });
    await updateCaseTask(t.rt, actor, caseId, task.id, { status: 'done', note: 'not affected' });
    t.clock.advance(60_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 1 });
    const hook = (await rowsAt('before-24h')).find((n) => n.channel === 'webhook')!;
    expect(hook).toMatchObject({ state: 'cancelled', attempts: 1, lastError: expect.stringMatching(/task is no longer open/) });
    expect(hooksFor(hook).map((r) => r.status)).toEqual([503]);
    // Reopened: the current point of the task is written again only for a point not yet written.
    moveTo(due);
    await updateCaseTask(t.rt, actor, caseId, task.id, { status: 'open' });
    await scanReminders(deps);
    expect(recipients(await rowsAt('overdue'))).toEqual(['email analyst@example.test', 'webhook hook']);
  });

  it('a moved due date reminds for the new date; a message for the old date still waiting is cancelled', async () => {
    moveTo(due - 24 * H);
    await scanReminders(deps);
    hooks.failNext(1, 500);
    expect(await deliverPending(deps)).toEqual({ delivered: 1, failed: 1, dead: 0, cancelled: 0 });
    const newDue = due + 3 * 24 * H;
    await updateCaseTask(t.rt, actor, caseId, task.id, { dueAt: new Date(newDue).toISOString() });
    t.clock.advance(60_000);
    // The webhook retry would announce the old date.
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 1 });
    // The old due instant passes: no overdue notice for it.
    moveTo(due + H);
    expect((await scanReminders(deps)).enqueued).toBe(0);
    // The new date's reminder point.
    moveTo(newDue - 24 * H);
    await scanReminders(deps);
    const again = await rowsAt('before-24h');
    expect(again.filter((n) => n.key.includes(`:${newDue}:`)).map((n) => n.channel).sort()).toEqual(['email', 'webhook']);
    expect(await deliverPending(deps)).toEqual({ delivered: 2, failed: 0, dead: 0, cancelled: 0 });
    expect(smtp.mails.map((m) => m.subject.replace(/^.* — /, ''))).toEqual(['due 2026-03-05 12:00 America/New_York', 'due 2026-03-08 13:00 America/New_York']);
    expect(JSON.parse(hooks.requests.at(-1)!.body)).toMatchObject({ data: { task: { dueAt: new Date(newDue).toISOString() } } });
  });

  it('a reassigned task reminds the new assignee; a message for the old one still waiting is cancelled', async () => {
    moveTo(due - 24 * H);
    smtp.reject('analyst@example.test', 451, 1);
    await scanReminders(deps);
    expect(await deliverPending(deps)).toEqual({ delivered: 1, failed: 1, dead: 0, cancelled: 0 });
    const regulatory = '00000000-0000-4000-8000-000000000003';
    await updateCaseTask(t.rt, actor, caseId, task.id, { assigneeId: regulatory });
    t.clock.advance(60_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 1 });
    await scanReminders(deps);
    const rows = await rowsAt('before-24h');
    // The webhook already announced this point; the new assignee gets it by e-mail.
    expect(rows.map((n) => `${n.channel} ${n.channel === 'email' ? n.target : 'hook'} ${n.state}`).sort()).toEqual([
      'email analyst@example.test cancelled',
      'email regulatory@example.test pending',
      'webhook hook delivered',
    ]);
    expect(await deliverPending(deps)).toEqual({ delivered: 1, failed: 0, dead: 0, cancelled: 0 });
    expect(smtp.mails.map((m) => m.to.join())).toEqual(['regulatory@example.test']);
    expect(smtp.mails[0]!.text).toContain('Assignee:    Reg Ulatory <regulatory@example.test>');
  });
});

describe('permanent refusals', () => {
  async function enqueue(): Promise<{ email: NotificationRecord; hook: NotificationRecord }> {
    moveTo(due - 24 * H);
    await scanReminders(deps);
    const rows = await rowsAt('before-24h');
    return { email: rows.find((n) => n.channel === 'email')!, hook: rows.find((n) => n.channel === 'webhook')! };
  }

  it('SMTP 550 ends the e-mail dead after one attempt with the server reply; webhook 410 likewise', async () => {
    const { email, hook } = await enqueue();
    smtp.reject('analyst@example.test', 550, Infinity);
    hooks.failNext(Infinity, 410);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 2, cancelled: 0 });
    const deadMail = await fresh(email);
    expect(deadMail).toMatchObject({ state: 'dead', attempts: 1, errors: [{ error: deadMail.lastError }] });
    expect(deadMail.lastError).toBe('the mail server refused the message permanently (RCPT TO): 550 No such user here');
    const deadHook = await fresh(hook);
    expect(deadHook).toMatchObject({ state: 'dead', attempts: 1, lastError: 'the webhook answered HTTP 410: upstream exploded (permanent: not retried)' });
    // No pointless retries, however long we wait.
    t.clock.advance(48 * H);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 0, dead: 0, cancelled: 0 });
    expect(smtp.refused).toEqual(['550 analyst@example.test']);
    expect(hooksFor(hook).map((r) => r.status)).toEqual([410]);
    const audit = await t.rt.uow.read((s) => s.audit.list({ entityType: 'notification', limit: 20 }));
    const dead = audit.filter((e) => e.action === 'notification.dead');
    expect(dead.map((e) => e.entityId).sort()).toEqual([email.id, hook.id].sort());
    for (const e of dead) expect(e.after).toMatchObject({ permanent: true, attempts: 1 });
    expect(dead.find((e) => e.entityId === email.id)!.reason).toMatch(/550 No such user here/);

    // Listed as dead over the API, with the task they remind of; a retry by hand sends it again.
    const hash = await t.rt.passwords.hash('a long enough password');
    await t.rt.uow.write((s) => s.users.insert({ id: '00000000-0000-4000-8000-000000000009', email: 'psirt@example.com', displayName: 'PSIRT', passwordHash: hash, mustChangePassword: false, isAdmin: true, createdAt: t.clock.now() }));
    const app = await buildApp(t.rt);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'psirt@example.com', password: 'a long enough password' } });
      const headers = { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken };
      const listed = await app.inject({ url: '/api/notifications?state=dead', headers });
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items.map((n: { id: string; taskId: string; attempts: number }) => `${n.id} ${n.taskId} ${n.attempts}`).sort()).toEqual([`${email.id} ${task.id} 1`, `${hook.id} ${task.id} 1`].sort());
      smtp.reset();
      expect((await app.inject({ method: 'POST', url: `/api/notifications/${email.id}/retry`, headers, payload: { reason: 'mailbox created' } })).statusCode).toBe(200);
      expect(await deliverPending(deps)).toEqual({ delivered: 1, failed: 0, dead: 0, cancelled: 0 });
      expect(mailsFor(email)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('SMTP 451 and a refused login are retried; webhook 503, 429 and 408 are retried until delivered', async () => {
    const { email, hook } = await enqueue();
    smtp.reject('analyst@example.test', 451, 1);
    hooks.failNext(2, 503);
    expect(await deliverPending(deps)).toEqual({ delivered: 0, failed: 2, dead: 0, cancelled: 0 });
    expect(await fresh(hook)).toMatchObject({ state: 'pending', attempts: 1, lastError: 'the webhook answered HTTP 503: upstream exploded' });
    t.clock.advance(60_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 1, failed: 1, dead: 0, cancelled: 0 });
    expect(await fresh(email)).toMatchObject({ state: 'delivered', attempts: 2 });
    t.clock.advance(120_000);
    expect(await deliverPending(deps)).toEqual({ delivered: 1, failed: 0, dead: 0, cancelled: 0 });
    expect(await fresh(hook)).toMatchObject({ state: 'delivered', attempts: 3, errors: [{ error: expect.stringMatching(/503/) }, { error: expect.stringMatching(/503/) }] });
    expect(hooksFor(hook).map((r) => r.status)).toEqual([503, 503, 204]);

    for (const status of [429, 408]) {
      hooks.reset();
      const n = (await t.rt.uow.write(async (s) => {
        const id = `00000000-0000-4000-8000-0000000001${status === 429 ? '29' : '08'}`;
        await s.notifications.insertMany([{ id, key: `probe-${status}`, channel: 'webhook', target: hooks.url, subject: 'probe', body: '', payload: { type: 'test' }, caseId: null, obligationId: null }], t.clock.now());
        return s.notifications.find(id);
      }))!;
      hooks.failNext(1, status);
      expect(await deliverPending(deps), `HTTP ${status}`).toEqual({ delivered: 0, failed: 1, dead: 0, cancelled: 0 });
      t.clock.advance(60_000);
      expect(await deliverPending(deps), `HTTP ${status}`).toEqual({ delivered: 1, failed: 0, dead: 0, cancelled: 0 });
      expect(hooksFor(n).map((r) => r.status)).toEqual([status, 204]);
    }

    // A wrong SMTP password is the configuration's fault, not the message's: retried, not dead.
    moveTo(due);
    await scanReminders(deps);
    const wrong = notifyDeps({ ...t.rt, config: { ...t.rt.config, smtpPassword: 'wrong-password-xyz' } });
    expect(await deliverPending(wrong)).toMatchObject({ failed: 1, dead: 0 });
    const overdueMail = (await rowsAt('overdue')).find((n) => n.channel === 'email')!;
    expect(overdueMail).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringMatching(/535/) });
    t.clock.advance(60_000);
    expect(await deliverPending(deps)).toMatchObject({ delivered: 1, failed: 0, dead: 0 });
  });
});

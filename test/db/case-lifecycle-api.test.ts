/** Organisation clock settings, the case lifecycle, documents, playbooks and tasks over HTTP. */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../src/app/accounts.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let t: TestRuntime;
let app: FastifyInstance;
let admin: Record<string, string>;
let member: Record<string, string>;
let memberId: string;
const password = 'a long enough password';

const facts = {
  schemaVersion: 1,
  timeZone: 'America/New_York',
  product: { markets: ['US'], kind: 'device', cyberDevice: false },
  organisation: { isaoActiveParticipant: true },
  assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
  events: { becameAware: '2026-03-02T10:00' },
};

async function signIn(email: string): Promise<Record<string, string>> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  expect(login.statusCode).toBe(200);
  return { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken };
}

beforeAll(async () => {
  t = await createTestRuntime();
  t.clock.advance(Date.parse('2026-03-15T12:00:00Z') - t.clock.now().getTime());
  await ensureAdmin(t.rt, { email: 'psirt@example.com', password });
  memberId = t.rt.ids.uuid();
  const hash = await t.rt.passwords.hash(password);
  await t.rt.uow.write((s) => s.users.insert({ id: memberId, email: 'member@example.com', displayName: 'Member', passwordHash: hash, mustChangePassword: false, createdAt: t.clock.now() }));
  app = await buildApp(t.rt);
  admin = await signIn('psirt@example.com');
  member = await signIn('member@example.com');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('clock settings API', () => {
  it('reads for everyone, writes for administrators, validates with JSON paths and re-evaluates open cases', async () => {
    expect((await app.inject({ url: '/api/auth/session', headers: admin })).json().user.isAdmin).toBe(true);
    expect((await app.inject({ url: '/api/auth/session', headers: member })).json().user.isAdmin).toBe(false);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'member@example.com', password } })).json().user).toMatchObject({ email: 'member@example.com', isAdmin: false });
    const c = (await app.inject({ method: 'POST', url: '/api/cases', headers: admin, payload: { title: 'Settings', facts } })).json();
    expect(c.obligations).toHaveLength(2);

    const initial = await app.inject({ url: '/api/settings/clocks', headers: member });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({ document: {}, updatedAt: null, effective: { dueSoonHours: 72 }, playbooks: [{ id: 'vulnerability-response' }, { id: 'incident-response' }] });
    expect((await app.inject({ url: '/api/settings/clocks/schema', headers: member })).json().properties.playbooks).toBeDefined();
    // The catalogue: every pack and rule the switches can name, with its default.
    const catalog = initial.json().catalog as { packs: Array<{ id: string; enabledByDefault: boolean; disabledReason: string | null; rules: Array<{ id: string }> }> };
    expect(catalog.packs.find((p) => p.id === 'us-circia')).toMatchObject({ enabledByDefault: false, disabledReason: expect.stringContaining('final rule') });
    expect(catalog.packs.find((p) => p.id === 'fda-postmarket')).toMatchObject({ enabledByDefault: true, disabledReason: null });
    expect(catalog.packs.flatMap((p) => p.rules.map((r) => r.id))).toContain('fda-806-report');

    const document = { packs: { 'fda-postmarket': { enabled: false } } };
    const forbidden = await app.inject({ method: 'PUT', url: '/api/settings/clocks', headers: member, payload: { document } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('ADMIN_REQUIRED');

    const invalid = await app.inject({ method: 'PUT', url: '/api/settings/clocks', headers: admin, payload: { document: { packs: { 'us-fda': { enabled: false } }, dueSoonHours: -1 } } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({ code: 'CLOCK_SETTINGS_INVALID' });
    expect(invalid.json().errors).toEqual(expect.arrayContaining([{ path: '$.dueSoonHours', message: 'must be >= 0' }, { path: '$.packs["us-fda"]', message: "unknown rule pack 'us-fda'" }]));

    const put = await app.inject({ method: 'PUT', url: '/api/settings/clocks', headers: admin, payload: { document, reason: 'FDA pack run by the US entity' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ document, updatedBy: 'user:psirt@example.com', reevaluated: [{ number: c.number }] });
    const after = (await app.inject({ url: `/api/cases/${c.id}`, headers: member })).json();
    expect(after.obligations.map((o: { status: string; naReason: string }) => `${o.status}: ${o.naReason}`)).toEqual(['not-applicable: Disabled by organisation settings.', 'not-applicable: Disabled by organisation settings.']);
    expect(after.evaluatedNow.packs.find((p: { id: string }) => p.id === 'fda-postmarket').enabled).toBe(false);
    const events = (await app.inject({ url: '/api/audit/events?entityType=settings', headers: admin })).json();
    expect(events.items[0]).toMatchObject({ action: 'settings.clocks-changed', before: {}, after: document, reason: 'FDA pack run by the US entity' });

    expect((await app.inject({ method: 'PUT', url: '/api/settings/clocks', headers: admin, payload: { document: {} } })).statusCode).toBe(200);
    const back = (await app.inject({ url: `/api/cases/${c.id}`, headers: member })).json();
    expect(back.obligations.map((o: { status: string }) => o.status)).toEqual(['pending', 'pending']);
  });
});

describe('case lifecycle API', () => {
  it('closes, reopens, links, changes severity and serves stored documents', async () => {
    const c = (await app.inject({ method: 'POST', url: '/api/cases', headers: member, payload: { title: 'Lifecycle', facts, severity: 'high' } })).json();
    expect(c).toMatchObject({ severity: 'high', status: 'open', documents: [], tasks: [] });

    const refused = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/close`, headers: member, payload: { resolution: 'Patched' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CASE_OBLIGATIONS_OPEN', errors: [{ path: 'obligations.fda-post16-customer-communication' }, { path: 'obligations.fda-post16-fix-distributed' }] });
    expect((await app.inject({ method: 'POST', url: `/api/cases/${c.id}/close`, headers: member, payload: {} })).statusCode).toBe(400);

    const doc = Buffer.from('Customer letter, 14 March — “Pump” firmware 1.0.1');
    const fulfil = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/obligations/fda-post16-customer-communication/fulfil`, headers: member, payload: { at: '2026-03-14T12:00:00Z', document: { name: 'Kundenbrief März.pdf', contentBase64: doc.toString('base64') } } });
    expect(fulfil.statusCode).toBe(200);
    const documentId = fulfil.json().document.id;
    const detail = (await app.inject({ url: `/api/cases/${c.number}`, headers: member })).json();
    expect(detail.documents).toEqual([{ id: documentId, name: 'Kundenbrief März.pdf', sha256: createHash('sha256').update(doc).digest('hex'), byteSize: doc.byteLength, uploadedBy: 'user:member@example.com', uploadedAt: '2026-03-15T12:00:00.000Z' }]);
    const download = await app.inject({ url: `/api/cases/${c.number}/documents/${documentId}`, headers: member });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(doc)).toBe(true);
    expect(download.headers['x-content-sha256']).toBe(createHash('sha256').update(doc).digest('hex'));
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Kundenbrief M_rz.pdf"; filename*=UTF-8''${encodeURIComponent('Kundenbrief März.pdf')}`);
    const other = (await app.inject({ method: 'POST', url: '/api/cases', headers: member, payload: { title: 'Other' } })).json();
    expect((await app.inject({ url: `/api/cases/${other.id}/documents/${documentId}`, headers: member })).json().code).toBe('DOCUMENT_NOT_FOUND');

    const forced = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/close`, headers: member, payload: { resolution: 'Patched in 1.0.1', force: true, reason: 'Fix distribution tracked in the field action' } });
    expect(forced.statusCode).toBe(200);
    expect(forced.json()).toMatchObject({ status: 'closed', resolution: 'Patched in 1.0.1', forcedCloseReason: 'Fix distribution tracked in the field action' });
    expect((await app.inject({ url: '/api/cases?status=closed', headers: member })).json().items.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await app.inject({ method: 'POST', url: `/api/cases/${c.id}/close`, headers: member, payload: { resolution: 'again' } })).json().code).toBe('CASE_NOT_OPEN');
    const reopened = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/reopen`, headers: member, payload: { reason: 'Regression in 1.0.2' } });
    expect(reopened.json()).toMatchObject({ status: 'open', resolution: null });

    const release = (await app.inject({ method: 'POST', url: '/api/products', headers: member, payload: { name: 'Link Pump', manufacturer: 'Acme' } })).json();
    const linked = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/links`, headers: member, payload: { type: 'product', id: release.slug } });
    expect(linked.json().links).toEqual([{ type: 'product', id: release.id }]);
    expect((await app.inject({ method: 'POST', url: `/api/cases/${c.id}/links`, headers: member, payload: { type: 'finding', id: '424242' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/cases/${c.id}/links/product/${release.id}`, headers: member })).json().links).toEqual([]);
    expect((await app.inject({ method: 'DELETE', url: `/api/cases/${c.id}/links/product/${release.id}`, headers: member })).json().code).toBe('CASE_LINK_NOT_FOUND');

    const sev = await app.inject({ method: 'PATCH', url: `/api/cases/${c.id}`, headers: member, payload: { severity: 'critical', reason: 'exploited' } });
    expect(sev.statusCode).toBe(200);
    expect(sev.json()).toMatchObject({ severity: 'critical', replanned: [] });
    expect((await app.inject({ method: 'PATCH', url: `/api/cases/${c.id}`, headers: member, payload: { severity: 'urgent' } })).statusCode).toBe(400);
  });
});

describe('playbooks and tasks API', () => {
  it('applies a playbook, edits tasks and lists my tasks across the portfolio', async () => {
    const c = (await app.inject({ method: 'POST', url: '/api/cases', headers: admin, payload: { title: 'Incident', kind: 'incident', severity: 'critical' } })).json();
    const me = (await app.inject({ url: '/api/auth/session', headers: admin })).json().user.id;
    await app.inject({ method: 'PUT', url: `/api/cases/${c.id}/roles`, headers: admin, payload: { roles: [{ role: 'lead', userId: me }, { role: 'engineer', userId: memberId }] } });
    expect((await app.inject({ url: '/api/playbooks', headers: member })).json().items.map((p: { id: string }) => p.id)).toEqual(['vulnerability-response', 'incident-response']);
    expect((await app.inject({ method: 'POST', url: `/api/cases/${c.id}/playbook`, headers: admin, payload: { playbook: 'nope' } })).statusCode).toBe(400);

    const applied = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/playbook`, headers: admin, payload: { playbook: 'incident-response' } });
    expect(applied.statusCode).toBe(201);
    const tasks = applied.json().items as Array<{ id: string; templateKey: string; role: string; assignee: { id: string } | null; dueAt: string }>;
    expect(tasks.find((x) => x.templateKey === 'triage')).toMatchObject({ role: 'lead', assignee: { id: me }, dueAt: '2026-03-16T12:00:00.000Z' });
    expect(tasks.find((x) => x.templateKey === 'containment')).toMatchObject({ role: 'engineer', assignee: { id: memberId } });
    expect((await app.inject({ method: 'POST', url: `/api/cases/${c.id}/playbook`, headers: admin, payload: { playbook: 'incident-response' } })).json().code).toBe('PLAYBOOK_ALREADY_APPLIED');

    const adhoc = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/tasks`, headers: admin, payload: { title: 'Image the compromised gateway', assigneeId: memberId, dueAt: '2026-03-15T18:00:00Z' } });
    expect(adhoc.statusCode).toBe(201);
    expect(adhoc.json()).toMatchObject({ playbook: null, assignee: { id: memberId, email: 'member@example.com' }, dueAt: '2026-03-15T18:00:00.000Z', dueManual: true });

    const triage = tasks.find((x) => x.templateKey === 'triage')!;
    const done = await app.inject({ method: 'PATCH', url: `/api/cases/${c.id}/tasks/${triage.id}`, headers: admin, payload: { status: 'done', note: 'scoped to one site' } });
    expect(done.json()).toMatchObject({ status: 'done', doneBy: 'user:psirt@example.com', doneAt: '2026-03-15T12:00:00.000Z', note: 'scoped to one site' });
    const moved = await app.inject({ method: 'PATCH', url: `/api/cases/${c.id}/tasks/${tasks.find((x) => x.templateKey === 'eradication')!.id}`, headers: admin, payload: { assigneeId: memberId, dueAt: '2026-03-20T00:00:00Z' } });
    expect(moved.json()).toMatchObject({ assignee: { id: memberId }, dueAt: '2026-03-20T00:00:00.000Z' });
    const cleared = await app.inject({ method: 'PATCH', url: `/api/cases/${c.id}/tasks/${tasks.find((x) => x.templateKey === 'post-incident-review')!.id}`, headers: admin, payload: { assigneeId: null, dueAt: null, note: null } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ assignee: null, dueAt: null, dueManual: true, note: null });
    expect((await app.inject({ method: 'PATCH', url: `/api/cases/${c.id}/tasks/${triage.id}`, headers: admin, payload: { status: 'finished' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PATCH', url: `/api/cases/${c.id}/tasks/${triage.id}`, headers: admin, payload: { dueAt: 'next week' } })).json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '$.dueAt' }] });
    expect((await app.inject({ method: 'PATCH', url: `/api/cases/${c.id}/tasks/${t.rt.ids.uuid()}`, headers: admin, payload: { status: 'done' } })).json().code).toBe('TASK_NOT_FOUND');
    expect((await app.inject({ method: 'PATCH', url: `/api/cases/${c.id}/tasks/${triage.id}`, headers: admin, payload: { assigneeId: t.rt.ids.uuid() } })).statusCode).toBe(422);

    const mine = (await app.inject({ url: '/api/tasks?assignee=me&state=open', headers: member })).json();
    expect(mine.items.map((x: { title: string; case: { number: number } }) => `${x.case.number} ${x.title}`)).toEqual([
      `${c.number} Image the compromised gateway`,
      `${c.number} Contain the incident and preserve evidence`,
      `${c.number} Eradicate the cause and recover normal operation`,
    ]);
    expect((await app.inject({ url: '/api/tasks?assignee=me&state=done', headers: admin })).json().items.map((x: { id: string }) => x.id)).toEqual([triage.id]);
    expect((await app.inject({ url: '/api/tasks?assignee=none', headers: admin })).json().items.every((x: { assignee: unknown }) => x.assignee === null)).toBe(true);
    const listed = (await app.inject({ url: `/api/cases/${c.id}/tasks`, headers: member })).json().items;
    expect(listed).toHaveLength(tasks.length + 1);
  });
});

/** Cases and the deadline board over HTTP. */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../src/app/accounts.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let t: TestRuntime;
let app: FastifyInstance;
let headers: Record<string, string>;
const password = 'a long enough password';

const facts = {
  schemaVersion: 1,
  timeZone: 'America/New_York',
  product: { markets: ['US'], kind: 'device', cyberDevice: false },
  organisation: { isaoActiveParticipant: true },
  assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
  events: { becameAware: '2026-03-02T10:00' },
};

beforeAll(async () => {
  t = await createTestRuntime();
  t.clock.advance(Date.parse('2026-04-05T12:00:00Z') - t.clock.now().getTime());
  await ensureAdmin(t.rt, { email: 'psirt@example.com', password });
  app = await buildApp(t.rt);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'psirt@example.com', password } });
  headers = { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken };
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('cases API', () => {
  it('opens a case, changes facts, fulfils and signs obligations, and shows the board', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: { title: 'Bad facts', facts: { ...facts, colour: 'red' } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'CASE_FACTS_INVALID', errors: [{ path: '$.colour', message: 'unknown key' }] });

    const open = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: { title: 'Pump telemetry exposure', kind: 'cvd-report', facts } });
    expect(open.statusCode).toBe(201);
    const c = open.json();
    expect(c).toMatchObject({ title: 'Pump telemetry exposure', kind: 'cvd-report', status: 'open', openedBy: 'user:psirt@example.com' });
    expect(c.obligations.map((o: { key: string; liveStatus: string }) => `${o.key} ${o.liveStatus}`)).toEqual(['fda-post16-customer-communication overdue', 'fda-post16-fix-distributed pending', 'fda-806-report pending']);
    expect(c.evaluatedNow.missingFacts.map((m: { path: string }) => m.path)).toContain('$.events.correctionInitiated');

    const changed = await app.inject({ method: 'POST', url: `/api/cases/${c.number}/facts`, headers, payload: { facts: { events: { correctionInitiated: '2026-03-10T09:00' } }, note: 'correction started' } });
    expect(changed.statusCode).toBe(200);
    const report = changed.json().obligations.find((o: { key: string }) => o.key === 'fda-806-report');
    expect(report).toMatchObject({ dueAt: '2026-03-25T03:59:59.999Z', liveStatus: 'overdue' });
    expect(changed.json().timeline.at(-1)).toMatchObject({ path: '/events/correctionInitiated', note: 'correction started' });

    const doc = Buffer.from('806 report');
    const fulfil = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/obligations/fda-806-report/fulfil`, headers, payload: { at: '2026-04-05T11:00:00Z', reference: 'CR-1', document: { name: '806.pdf', contentBase64: doc.toString('base64') } } });
    expect(fulfil.statusCode).toBe(200);
    expect(fulfil.json()).toMatchObject({ status: 'fulfilled', late: true, reference: 'CR-1', document: { name: '806.pdf', sha256: createHash('sha256').update(doc).digest('hex') } });

    const wrong = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/obligations/fda-post16-customer-communication/not-applicable`, headers, payload: { justification: 'Handled in the field notice of March.', password: 'not my password' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('SIGNATURE_INVALID');
    const na = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/obligations/fda-post16-customer-communication/not-applicable`, headers, payload: { justification: 'Handled in the field notice of March.', password } });
    expect(na.json()).toMatchObject({ status: 'not-applicable', naSource: 'user' });
    expect((await app.inject({ method: 'POST', url: `/api/cases/${c.id}/obligations/fda-post16-customer-communication/not-applicable`, headers, payload: { justification: 'Handled in the field notice of March.', password } })).statusCode).toBe(409);

    const me = (await app.inject({ url: '/api/auth/session', headers })).json();
    const roles = await app.inject({ method: 'PUT', url: `/api/cases/${c.id}/roles`, headers, payload: { roles: [{ role: 'lead', userId: me.user.id }] } });
    expect(roles.statusCode).toBe(200);
    expect(roles.json().roles).toHaveLength(1);

    const board = (await app.inject({ url: '/api/obligations?state=open', headers })).json();
    expect(board.items.map((o: { key: string; case: { number: number } }) => `${o.case.number} ${o.key}`)).toEqual([`${c.number} fda-post16-fix-distributed`]);
    expect((await app.inject({ url: '/api/obligations?state=overdue', headers })).json().items).toEqual([]);
    expect((await app.inject({ url: '/api/obligations?state=all', headers })).json().items).toHaveLength(3);
    expect((await app.inject({ url: '/api/obligations?state=late', headers })).statusCode).toBe(400);

    const got = (await app.inject({ url: `/api/cases/${c.id}`, headers })).json();
    expect(got.roles).toEqual([{ role: 'lead', userId: expect.any(String) }]);
    expect(got.evaluatedNow.trace.length).toBeGreaterThan(0);
    expect((await app.inject({ url: '/api/cases', headers })).json().items).toHaveLength(1);
    expect((await app.inject({ url: '/api/cases/999', headers })).json().code).toBe('CASE_NOT_FOUND');
    expect((await app.inject({ url: '/api/obligations' })).statusCode).toBe(401);
  });
});

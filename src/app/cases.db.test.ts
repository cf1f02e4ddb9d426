import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../domain/advisories/advisory.ts';
import { evaluate } from '../domain/clocks/engine.ts';
import type { CaseFacts } from '../domain/clocks/facts.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { ensureAdmin } from './accounts.ts';
import { deadlineBoard, evaluateCase, factsFromTimeline, fulfilObligation, getCase, markObligationNotApplicable, openCase, setCaseFacts, setCaseRoles, caseDocument } from './cases.ts';
import { runSbomImport, submitSbom } from './import-sbom.ts';
import { ingestBatch } from './ingest-advisories.ts';
import { createProduct, createRelease } from './inventory.ts';
import type { Actor } from './ports.ts';

const fixture = readFileSync(new URL('../../test/fixtures/sbom/pump-firmware.cdx.json', import.meta.url));
const password = 'a long enough password';
const lodash: Advisory = {
  source: 'ghsa', id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'], related: [], summary: 'Prototype pollution in lodash', details: null,
  published: '2020-07-15T00:00:00Z', modified: '2020-07-15T00:00:00Z', withdrawn: null,
  affected: [{ purl: 'pkg:npm/lodash', ecosystem: 'npm', name: 'lodash', ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.19' }] }], versions: [], fixedVersions: ['4.17.19'] }],
  cpeConfigurations: [], csafProducts: [], severities: [], cwes: [], references: [], credits: [],
};

// POST16 case in New York: aware Mon 2026-03-02, day 30 = Wed 04-01 (EDT).
const facts = (events: object = {}): CaseFacts => ({
  schemaVersion: 1,
  timeZone: 'America/New_York',
  product: { markets: ['US'], kind: 'device', cyberDevice: false },
  organisation: { isaoActiveParticipant: true },
  assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
  events: { becameAware: '2026-03-02T10:00', ...events },
});

let t: TestRuntime;
let user: Actor;
let findingId: string;
let releaseId: string;
let productId: string;
let caseA: string;
const deps = () => ({ uow: t.rt.uow, clock: t.clock, ids: t.rt.ids, passwords: t.rt.passwords });
const setNow = (iso: string) => t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
const byKey = async (id: string) => new Map((await getCase(deps(), id)).obligations.map((o) => [o.key, o]));

beforeAll(async () => {
  t = await createTestRuntime();
  await ensureAdmin(t.rt, { email: 'psirt@example.com', password });
  const u = (await t.rt.uow.read((s) => s.users.findByEmail('psirt@example.com')))!;
  user = { kind: 'user', id: u.id, label: u.email, userId: u.id };
  const p = await createProduct(t.rt, user, { name: 'Case Pump', manufacturer: 'Acme' });
  productId = p.id;
  releaseId = (await createRelease(t.rt, user, p.id, { version: '1.0.0' })).id;
  const { sbom } = await submitSbom(t.rt.importDeps, user, { releaseId, label: 'firmware', filename: 'fw.json', bytes: fixture, enqueue: false });
  await runSbomImport(t.rt.importDeps, sbom.id);
  await ingestBatch({ uow: t.rt.uow, clock: t.clock }, 'osv', { advisories: [lodash], watermark: 1 }, { commitWatermark: true });
  const found = await t.rt.uow.read((s) => s.findings.query({ releaseId, active: true, offset: 0, limit: 10 }));
  findingId = found.items.find((f) => f.component.name === 'lodash')!.id;
});
afterAll(() => t.close());

describe('regulatory cases', () => {
  it('opens a case from a finding, with links, a timeline of facts and the stored obligations', async () => {
    setNow('2026-03-15T12:00:00Z');
    const d = await openCase(deps(), user, { title: 'lodash prototype pollution in Case Pump', findingId, facts: facts() });
    caseA = d.case.id;
    expect(d.case).toMatchObject({ kind: 'vulnerability', status: 'open', sourceFindingId: findingId, number: expect.any(Number) });
    expect(d.case.vulnGroupId).toEqual(expect.any(Number));
    expect(d.links).toEqual(expect.arrayContaining([{ type: 'finding', id: findingId }, { type: 'release', id: releaseId }, { type: 'product', id: productId }]));
    // The current facts are the timeline replayed.
    expect(factsFromTimeline(d.timeline)).toEqual(d.case.facts);
    const aware = d.timeline.find((c) => c.path === '/events/becameAware')!;
    expect(aware).toMatchObject({ value: '2026-03-02T10:00', instant: '2026-03-02T15:00:00.000Z', timeZone: 'America/New_York', changedBy: 'user:psirt@example.com', note: 'case opened' });
    // Before day 30 the 806 exemption is still achievable: no 806 report is stored.
    expect(d.obligations.map((o) => `${o.key} ${o.status}`)).toEqual(['fda-post16-customer-communication pending', 'fda-post16-fix-distributed pending']);
    expect(d.obligations[0]).toMatchObject({ dueAt: '2026-04-02T03:59:59.999Z', packId: 'fda-postmarket', provisional: false, timeLeft: { ms: Date.parse('2026-04-02T03:59:59.999Z') - Date.parse('2026-03-15T12:00:00Z') } });
    expect(d.evaluation.trace.length).toBeGreaterThan(0);
  });

  it('opens a case from a vulnerability by any of its identifiers, and refuses unknown sources', async () => {
    const a = await getCase(deps(), caseA);
    const v = await openCase(deps(), user, { title: 'lodash advisory triage', vulnerability: 'GHSA-p6mc-m468-83gw', links: [{ type: 'product', id: productId }] });
    expect(v.case.vulnGroupId).toBe(a.case.vulnGroupId);
    expect(v.links).toEqual([{ type: 'product', id: productId }]);
    // Default facts: UTC, the product's markets (none here), a device.
    expect(v.case.facts).toMatchObject({ schemaVersion: 1, timeZone: 'UTC', product: { name: 'Case Pump', kind: 'device' } });
    await expect(openCase(deps(), user, { title: 'x', vulnerability: 'CVE-1999-0001' })).rejects.toMatchObject({ code: 'CASE_SOURCE_NOT_FOUND' });
    await expect(openCase(deps(), user, { title: 'x', findingId: '987654' })).rejects.toMatchObject({ code: 'CASE_SOURCE_NOT_FOUND' });
    await t.rt.db.query("UPDATE cases SET status = 'closed' WHERE id = $1", [v.case.id]);
  });

  it('rejects invalid facts with their JSON paths and stores nothing', async () => {
    await expect(setCaseFacts(deps(), user, caseA, { events: { becameAware: 'yesterday' } })).rejects.toMatchObject({ code: 'CASE_FACTS_INVALID', details: { errors: [expect.objectContaining({ path: '$.events.becameAware' })] } });
    await expect(setCaseFacts(deps(), user, caseA, { product: { colour: 'red' } })).rejects.toMatchObject({ code: 'CASE_FACTS_INVALID' });
    expect((await getCase(deps(), caseA)).timeline).toHaveLength((await getCase(deps(), caseA)).timeline.length);
  });

  it('recomputes obligations when day 30 passes without customer communication and a correction starts', async () => {
    setNow('2026-04-05T12:00:00Z');
    const before = (await getCase(deps(), caseA)).timeline.length;
    const d = await setCaseFacts(deps(), user, caseA, { events: { correctionInitiated: '2026-03-10T09:00' } }, 'field correction started 10 March');
    expect(d.changed).toBe(1);
    expect(d.timeline).toHaveLength(before + 1);
    expect(d.timeline.at(-1)).toMatchObject({ path: '/events/correctionInitiated', instant: '2026-03-10T13:00:00.000Z', timeZone: 'America/New_York', note: 'field correction started 10 March' });
    const engine = evaluate(d.case.facts as CaseFacts, { now: '2026-04-05T12:00:00Z' });
    const stored = new Map(d.obligations.map((o) => [o.key, o]));
    expect([...stored.keys()].sort()).toEqual(engine.obligations.map((o) => o.id).sort());
    for (const o of engine.obligations) expect(stored.get(o.id)).toMatchObject({ dueAt: o.dueAt, status: o.status, ruleId: o.ruleId, packVersion: o.packVersion });
    expect(stored.get('fda-806-report')).toMatchObject({ dueAt: '2026-03-25T03:59:59.999Z', status: 'overdue', liveStatus: 'overdue', dueLocal: expect.stringContaining('2026-03-24T23:59') });
    expect(stored.get('fda-806-report')!.timeLeft!.ms).toBeLessThan(0);
    expect(stored.get('fda-post16-customer-communication')!.status).toBe('overdue');
  });

  it('fulfils an obligation with a reference and a stored document', async () => {
    const pdf = Buffer.from('%PDF-1.7 806 report for lodash');
    const id = (await byKey(caseA)).get('fda-806-report')!.id;
    const o = await fulfilObligation(deps(), user, caseA, id, { at: '2026-04-05T10:00:00Z', reference: 'FDA-806-2026-0042', document: { name: 'report-806.pdf', bytes: pdf } });
    expect(o).toMatchObject({ status: 'fulfilled', fulfilledAt: '2026-04-05T10:00:00.000Z', late: true, fulfilledBy: 'user:psirt@example.com', reference: 'FDA-806-2026-0042' });
    expect(o.document).toMatchObject({ name: 'report-806.pdf', sha256: createHash('sha256').update(pdf).digest('hex'), byteSize: pdf.length });
    expect(Buffer.from((await caseDocument(deps(), o.document!.id)).bytes).equals(pdf)).toBe(true);
    const d = await getCase(deps(), caseA);
    expect((d.case.facts as CaseFacts).fulfilled).toEqual({ 'fda-806-report': '2026-04-05T10:00:00.000Z' });
    await expect(fulfilObligation(deps(), user, caseA, (await byKey(caseA)).get('fda-post16-fix-distributed')!.id, { at: '2026-04-06T00:00:00Z' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(fulfilObligation(deps(), user, caseA, id, {})).rejects.toMatchObject({ code: 'OBLIGATION_NOT_OPEN' });
    await expect(fulfilObligation(deps(), user, caseA, 'no-such-obligation', {})).rejects.toMatchObject({ code: 'OBLIGATION_NOT_FOUND' });
  });

  it('orders the deadline board by time left across cases', async () => {
    const b = await openCase(deps(), user, { title: 'Second pump incident', kind: 'incident', facts: facts({ becameAware: '2026-03-31T10:00' }) });
    const board = await deadlineBoard(deps(), 'open');
    expect(board.map((o) => `${o.case.number} ${o.key}`)).toEqual([
      `${(await getCase(deps(), caseA)).case.number} fda-post16-customer-communication`,
      `${b.case.number} fda-post16-customer-communication`,
      `${(await getCase(deps(), caseA)).case.number} fda-post16-fix-distributed`,
      `${b.case.number} fda-post16-fix-distributed`,
    ]);
    const left = board.map((o) => o.timeLeft!.ms);
    expect([...left].sort((x, y) => x - y)).toEqual(left);
    expect((await deadlineBoard(deps(), 'overdue')).map((o) => o.key)).toEqual(['fda-post16-customer-communication']);
    expect(await deadlineBoard(deps(), 'due-soon')).toEqual([]);
    setNow('2026-04-30T12:00:00Z');
    expect((await deadlineBoard(deps(), 'due-soon')).map((o) => `${o.case.number} ${o.key}`)).toEqual([`${b.case.number} fda-post16-customer-communication`, `${(await getCase(deps(), caseA)).case.number} fda-post16-fix-distributed`]);
  });

  it('marks an obligation not applicable only with the right password, and keeps it so on re-evaluation', async () => {
    const key = 'fda-post16-customer-communication';
    const id = (await byKey(caseA)).get(key)!.id;
    await expect(markObligationNotApplicable(deps(), user, caseA, id, { justification: 'Customers were informed through the service portal.', password: 'wrong password!' })).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect((await byKey(caseA)).get(key)!.status).toBe('overdue');
    const o = await markObligationNotApplicable(deps(), user, caseA, id, { justification: 'Customers were informed through the service portal.', password });
    expect(o).toMatchObject({ status: 'not-applicable', naSource: 'user', naReason: 'Customers were informed through the service portal.', naBy: expect.stringContaining('psirt@example.com') });
    await evaluateCase(deps(), user, caseA);
    expect((await byKey(caseA)).get(key)).toMatchObject({ status: 'not-applicable', naSource: 'user' });
  });

  it('keeps obligations that no longer apply as not-applicable with the engine reason', async () => {
    const count = (await byKey(caseA)).size;
    await setCaseFacts(deps(), user, caseA, { assessment: { risk: 'controlled' } }, 'risk re-assessed as controlled');
    const after = await byKey(caseA);
    expect(after.size).toBe(count);
    expect(after.get('fda-post16-fix-distributed')).toMatchObject({ status: 'not-applicable', naSource: 'engine', naCode: 'not-triggered', naReason: expect.any(String) });
    expect(after.get('fda-806-report')!.status).toBe('fulfilled');
    expect(after.get('fda-post16-customer-communication')!.naSource).toBe('user');
  });

  it('sets PSIRT roles and audits every step', async () => {
    await expect(setCaseRoles(deps(), user, caseA, [{ role: 'lead', userId: '00000000-0000-4000-8000-000000000999' }])).rejects.toMatchObject({ code: 'CASE_ROLE_USER_NOT_FOUND' });
    const roles = await setCaseRoles(deps(), user, caseA, [{ role: 'regulatory', userId: user.id }, { role: 'lead', userId: user.id }]);
    expect(roles).toEqual([{ role: 'lead', userId: user.id }, { role: 'regulatory', userId: user.id }]);
    const events = await t.rt.uow.read((s) => s.audit.list({ limit: 500 }));
    const obligationIds = new Set((await getCase(deps(), caseA)).obligations.map((o) => o.id));
    const mine = events.filter((e) => e.entityId === caseA || obligationIds.has(e.entityId)).map((e) => e.action).reverse();
    expect(mine).toEqual([
      'case.opened',
      'case.obligations-evaluated',
      'case.facts-changed',
      'case.obligations-evaluated',
      'obligation.fulfilled',
      'case.obligations-evaluated',
      'obligation.not-applicable-refused',
      'obligation.not-applicable',
      'case.obligations-evaluated', // on demand, 25 days later: the fix is now due soon
      'case.facts-changed',
      'case.obligations-evaluated',
      'case.roles-set',
    ]);
    expect((await t.rt.uow.read((s) => s.audit.verify())).broken).toBeNull();
  });
});

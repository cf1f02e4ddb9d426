import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../domain/advisories/advisory.ts';
import { defaultEngineSettings } from '../domain/clocks/engine.ts';
import type { CaseFacts } from '../domain/clocks/facts.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { ensureAdmin } from './accounts.ts';
import { addCaseTask, applyPlaybook, listCaseTasks, portfolioTasks, setCaseSeverity, updateCaseTask } from './case-tasks.ts';
import { addCaseLink, closeCase, evaluateCase, getCase, openCase, removeCaseLink, reopenCase, setCaseRoles } from './cases.ts';
import { getClockSettings, setClockSettings } from './clock-settings.ts';
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
  cpeConfigurations: [], csafProducts: [],
  severities: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, rating: 'CRITICAL', source: null }],
  cwes: [], references: [], credits: [],
};

// POST16 case in New York: aware Mon 2026-03-02.
const usFacts: CaseFacts = {
  schemaVersion: 1,
  timeZone: 'America/New_York',
  product: { markets: ['US'], kind: 'device', cyberDevice: false },
  organisation: { isaoActiveParticipant: true },
  assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
  events: { becameAware: '2026-03-02T10:00' },
};

let t: TestRuntime;
let admin: Actor;
let engineerId: string;
let findingId: string;
let productId: string;
let productSlug: string;
let releaseId: string;
const deps = () => ({ uow: t.rt.uow, clock: t.clock, ids: t.rt.ids, passwords: t.rt.passwords });
const setNow = (iso: string) => t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
const audit = (entityId: string) => t.rt.uow.read((s) => s.audit.list({ entityId, limit: 100 }));

beforeAll(async () => {
  t = await createTestRuntime();
  await ensureAdmin(t.rt, { email: 'psirt@example.com', password });
  const u = (await t.rt.uow.read((s) => s.users.findByEmail('psirt@example.com')))!;
  expect(u.isAdmin).toBe(true);
  admin = { kind: 'user', id: u.id, label: u.email, userId: u.id };
  engineerId = t.rt.ids.uuid();
  const hash = await t.rt.passwords.hash(password);
  await t.rt.uow.write((s) => s.users.insert({ id: engineerId, email: 'eng@example.com', displayName: 'Engineer', passwordHash: hash, mustChangePassword: false, createdAt: t.clock.now() }));
  const p = await createProduct(t.rt, admin, { name: 'Lifecycle Pump', manufacturer: 'Acme' });
  productId = p.id;
  productSlug = p.slug;
  releaseId = (await createRelease(t.rt, admin, p.id, { version: '1.0.0' })).id;
  const { sbom } = await submitSbom(t.rt.importDeps, admin, { releaseId, label: 'firmware', filename: 'fw.json', bytes: fixture, enqueue: false });
  await runSbomImport(t.rt.importDeps, sbom.id);
  await ingestBatch({ uow: t.rt.uow, clock: t.clock }, 'osv', { advisories: [lodash], watermark: 1 }, { commitWatermark: true });
  const found = await t.rt.uow.read((s) => s.findings.query({ releaseId, active: true, offset: 0, limit: 10 }));
  findingId = found.items.find((f) => f.component.name === 'lodash')!.id;
});
afterAll(() => t.close());

describe('organisation clock settings', () => {
  it('are stored, validated, audited, and re-evaluate open cases in the same transaction', async () => {
    setNow('2026-03-15T12:00:00Z');
    expect((await getClockSettings(deps())).document).toEqual({});
    expect((await getClockSettings(deps())).effective.dueSoonHours).toBe(72);
    const open = await openCase(deps(), admin, { title: 'Settings case', facts: usFacts });
    const closed = await openCase(deps(), admin, { title: 'Closed before the change', facts: usFacts });
    await closeCase(deps(), admin, closed.case.id, { resolution: 'Handled elsewhere', force: true, reason: 'Duplicate of the settings case' });
    expect(open.obligations.map((o) => `${o.key} ${o.status}`)).toEqual(['fda-post16-customer-communication pending', 'fda-post16-fix-distributed pending']);

    await expect(setClockSettings(deps(), admin, { packs: { 'fda-postmarket': { enabled: 'no' } }, colour: 'red' })).rejects.toMatchObject({
      code: 'CLOCK_SETTINGS_INVALID',
      details: { errors: expect.arrayContaining([{ path: '$.colour', message: 'unknown key' }, { path: '$.packs["fda-postmarket"].enabled', message: 'must be boolean' }]) },
    });

    const r = await setClockSettings(deps(), admin, { packs: { 'fda-postmarket': { enabled: false } }, dueSoonHours: 24 }, 'FDA handled by the US entity');
    expect(r.reevaluated.map((c) => c.number)).toContain(open.case.number);
    expect(r.reevaluated.map((c) => c.number)).not.toContain(closed.case.number);
    const after = await getCase(deps(), open.case.id);
    for (const o of after.obligations) expect(o).toMatchObject({ status: 'not-applicable', naSource: 'engine', naCode: 'disabled', naReason: 'Disabled by organisation settings.' });
    expect(after.evaluation.packs.find((p) => p.id === 'fda-postmarket')).toMatchObject({ enabled: false });
    // The closed case is left as it was.
    expect((await getCase(deps(), closed.case.id)).obligations.every((o) => o.status === 'pending')).toBe(true);

    const settingsAudit = await audit('clocks.settings');
    expect(settingsAudit[0]).toMatchObject({ action: 'settings.clocks-changed', before: {}, after: { packs: { 'fda-postmarket': { enabled: false } }, dueSoonHours: 24 }, reason: 'FDA handled by the US entity' });
    const history = (await audit(open.case.id)).find((e) => e.action === 'case.obligations-evaluated' && e.reason === 'FDA handled by the US entity');
    expect((history!.after as { changes: Array<{ key: string; to: string }> }).changes.map((c) => `${c.key} ${c.to}`)).toEqual(['fda-post16-customer-communication not-applicable', 'fda-post16-fix-distributed not-applicable']);

    // A rule switch works the same way; the pack comes back, dueSoonHours applies.
    await setClockSettings(deps(), admin, { rules: { 'fda-post16-fix-distributed': { enabled: false } }, dueSoonHours: 24 });
    const back = new Map((await getCase(deps(), open.case.id)).obligations.map((o) => [o.key, o]));
    expect(back.get('fda-post16-customer-communication')).toMatchObject({ status: 'pending', naCode: null, dueAt: '2026-04-02T03:59:59.999Z', dueSoonAt: '2026-04-01T03:59:59.999Z' });
    expect(back.get('fda-post16-fix-distributed')).toMatchObject({ status: 'not-applicable', naCode: 'disabled', naReason: expect.stringMatching(/^Disabled by organisation settings/) });
    // Evaluating later still uses the stored settings.
    await evaluateCase(deps(), admin, open.case.id);
    expect((await getCase(deps(), open.case.id)).obligations.find((o) => o.key === 'fda-post16-fix-distributed')!.status).toBe('not-applicable');
    const view = await getClockSettings(deps());
    expect(view).toMatchObject({ document: { rules: { 'fda-post16-fix-distributed': { enabled: false } } }, updatedBy: 'user:psirt@example.com', effective: { ...defaultEngineSettings, rules: { 'fda-post16-fix-distributed': { enabled: false } }, dueSoonHours: 24 } });
    await setClockSettings(deps(), admin, {});
  });
});

describe('case lifecycle', () => {
  it('closes only with a resolution, refuses while obligations are open unless forced with a reason, and reopens', async () => {
    setNow('2026-03-15T12:00:00Z');
    const c = await openCase(deps(), admin, { title: 'Lifecycle', facts: usFacts });
    await expect(closeCase(deps(), admin, c.case.id, { resolution: '  ' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(closeCase(deps(), admin, c.case.id, { resolution: 'Patched' })).rejects.toMatchObject({
      code: 'CASE_OBLIGATIONS_OPEN',
      details: { errors: [{ path: 'obligations.fda-post16-customer-communication' }, { path: 'obligations.fda-post16-fix-distributed' }] },
    });
    await expect(closeCase(deps(), admin, c.case.id, { resolution: 'Patched', force: true })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ path: '$.reason' }] } });
    expect((await getCase(deps(), c.case.id)).case.status).toBe('open');
    const closed = await closeCase(deps(), admin, c.case.id, { resolution: 'Patched in 1.0.1', force: true, reason: 'Reported through the field action of case 12' });
    expect(closed.case).toMatchObject({ status: 'closed', resolution: 'Patched in 1.0.1', forcedCloseReason: 'Reported through the field action of case 12', closedBy: 'user:psirt@example.com', closedAt: '2026-03-15T12:00:00.000Z' });
    await expect(closeCase(deps(), admin, c.case.id, { resolution: 'again' })).rejects.toMatchObject({ code: 'CASE_NOT_OPEN' });
    const events = await audit(c.case.id);
    expect(events[0]).toMatchObject({ action: 'case.closed', reason: 'Reported through the field action of case 12', after: { status: 'closed', forced: true, openObligations: [{ key: 'fda-post16-customer-communication' }, { key: 'fda-post16-fix-distributed' }] } });

    await expect(reopenCase(deps(), admin, c.case.id, '')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const reopened = await reopenCase(deps(), admin, c.case.id, 'The fix did not cover 1.0.0-eu');
    expect(reopened.case).toMatchObject({ status: 'open', closedAt: null, resolution: null, forcedCloseReason: null });
    await expect(reopenCase(deps(), admin, c.case.id, 'again')).rejects.toMatchObject({ code: 'CASE_NOT_CLOSED' });
    expect((await audit(c.case.id)).find((e) => e.action === 'case.reopened')).toMatchObject({ before: { status: 'closed', resolution: 'Patched in 1.0.1' }, reason: 'The fix did not cover 1.0.0-eu' });

    // Without open obligations a case closes without force.
    const quiet = await openCase(deps(), admin, { title: 'No obligations' });
    expect(quiet.obligations).toEqual([]);
    expect((await closeCase(deps(), admin, quiet.case.number.toString(), { resolution: 'Not affected' })).case).toMatchObject({ status: 'closed', forcedCloseReason: null });
  });

  it('adds and removes links after opening, checking that targets exist, audited', async () => {
    const c = await openCase(deps(), admin, { title: 'Links' });
    expect(c.links).toEqual([]);
    expect(await addCaseLink(deps(), admin, c.case.id, { type: 'product', id: productSlug })).toEqual([{ type: 'product', id: productId }]);
    await addCaseLink(deps(), admin, c.case.id, { type: 'release', id: releaseId }, 'affected release');
    await addCaseLink(deps(), admin, c.case.id, { type: 'finding', id: findingId });
    await expect(addCaseLink(deps(), admin, c.case.id, { type: 'release', id: t.rt.ids.uuid() })).rejects.toMatchObject({ code: 'CASE_SOURCE_NOT_FOUND' });
    await expect(addCaseLink(deps(), admin, c.case.id, { type: 'finding', id: '99999999' })).rejects.toMatchObject({ code: 'CASE_SOURCE_NOT_FOUND' });
    expect((await getCase(deps(), c.case.id)).links).toHaveLength(3);
    expect(await removeCaseLink(deps(), admin, c.case.id, { type: 'product', id: productSlug })).toHaveLength(2);
    await expect(removeCaseLink(deps(), admin, c.case.id, { type: 'product', id: productId })).rejects.toMatchObject({ code: 'CASE_LINK_NOT_FOUND' });
    const actions = (await audit(c.case.id)).map((e) => e.action);
    expect(actions.filter((a) => a === 'case.link-added')).toHaveLength(3);
    expect(actions.filter((a) => a === 'case.link-removed')).toHaveLength(1);
  });
});

describe('playbooks and tasks', () => {
  it('plans tasks by severity, assigns role holders, re-plans on severity change and reassigns on role change', async () => {
    setNow('2026-03-02T15:00:00Z');
    const c = await openCase(deps(), admin, { title: 'lodash in Lifecycle Pump', findingId });
    // Opened from a finding: severity from the vulnerability's highest CVSS (9.8).
    expect(c.case.severity).toBe('critical');
    expect((await openCase(deps(), admin, { title: 'By hand' })).case.severity).toBe('medium');
    expect((await openCase(deps(), admin, { title: 'Stated', findingId, severity: 'low' })).case.severity).toBe('low');

    await setCaseRoles(deps(), admin, c.case.id, [{ role: 'analyst', userId: admin.id }, { role: 'engineer', userId: engineerId }]);
    await expect(applyPlaybook(deps(), admin, c.case.id, 'breach-response')).rejects.toMatchObject({ code: 'PLAYBOOK_NOT_FOUND' });
    const tasks = await applyPlaybook(deps(), admin, c.case.id, 'vulnerability-response');
    const byKey = new Map(tasks.map((x) => [x.templateKey, x]));
    expect(byKey.get('triage')).toMatchObject({ role: 'analyst', assignee: { id: admin.id, email: 'psirt@example.com' }, dueAt: '2026-03-03T15:00:00.000Z', status: 'open', playbook: 'vulnerability-response' });
    expect(byKey.get('fix')).toMatchObject({ role: 'engineer', assignee: { id: engineerId }, dueAt: '2026-03-05T15:00:00.000Z' });
    expect(byKey.get('clinical-impact')).toMatchObject({ role: 'clinical', assignee: null });
    await expect(applyPlaybook(deps(), admin, c.case.id, 'vulnerability-response')).rejects.toMatchObject({ code: 'PLAYBOOK_ALREADY_APPLIED' });
    expect((await getCase(deps(), c.case.id)).tasks).toHaveLength(tasks.length);

    // Done and hand-set tasks keep their dates when the severity changes; the others are re-planned.
    setNow('2026-03-03T09:00:00Z');
    const done = await updateCaseTask(deps(), admin, c.case.id, byKey.get('triage')!.id, { status: 'done', note: 'confirmed' });
    expect(done).toMatchObject({ status: 'done', doneBy: 'user:psirt@example.com', doneAt: '2026-03-03T09:00:00.000Z', note: 'confirmed' });
    await updateCaseTask(deps(), admin, c.case.id, byKey.get('advisory')!.id, { dueAt: '2026-03-20T12:00:00+01:00' });
    const adhoc = await addCaseTask(deps(), admin, c.case.id, { title: 'Ask the supplier for a patched build', role: 'engineer' });
    expect(adhoc).toMatchObject({ assignee: { id: engineerId }, dueAt: null, playbook: null, role: 'engineer' });
    const sev = await setCaseSeverity(deps(), admin, c.case.id, 'high', 'compensating control available');
    expect(sev.case.severity).toBe('high');
    expect(sev.replanned.map((x) => tasks.find((y) => y.id === x.id)!.templateKey).sort()).toEqual(['clinical-impact', 'customer-communication', 'fix', 'mitigation', 'regulatory-assessment']);
    const now = new Map((await listCaseTasks(deps(), c.case.id)).map((x) => [x.templateKey ?? x.title, x]));
    expect(now.get('triage')!.dueAt).toBe('2026-03-03T15:00:00.000Z');
    expect(now.get('fix')!.dueAt).toBe('2026-03-16T15:00:00.000Z');
    expect(now.get('advisory')).toMatchObject({ dueAt: '2026-03-20T11:00:00.000Z', dueManual: true });
    const caseEvents = await audit(c.case.id);
    expect(caseEvents.map((e) => e.action)).toEqual(expect.arrayContaining(['case.playbook-applied', 'case.severity-changed', 'case.tasks-replanned']));
    expect(caseEvents.find((e) => e.action === 'case.severity-changed')).toMatchObject({ before: { severity: 'critical' }, after: { severity: 'high' } });
    expect((await audit(done.id)).map((e) => e.action)).toEqual(['task.done']);

    // Playbook overrides in the settings re-plan open tasks too.
    const r = await setClockSettings(deps(), admin, { playbooks: { 'vulnerability-response': { tasks: { fix: { due: { high: '10d' } } } } } });
    expect(r.replannedTasks).toBe(1);
    expect((await listCaseTasks(deps(), c.case.id)).find((x) => x.templateKey === 'fix')!.dueAt).toBe('2026-03-12T15:00:00.000Z');
    await setClockSettings(deps(), admin, {});

    // My tasks across the portfolio.
    const mine = await portfolioTasks(deps(), { assigneeId: engineerId });
    expect(mine.map((x) => x.templateKey ?? x.title)).toEqual(['mitigation', 'fix', 'Ask the supplier for a patched build']);
    expect(mine[0]!.case).toMatchObject({ id: c.case.id, severity: 'high' });
    expect((await portfolioTasks(deps(), { assigneeId: admin.id, state: 'done' })).map((x) => x.templateKey)).toEqual(['triage']);

    // The engineer role passes to the admin: open engineer tasks held by the engineer follow.
    await setCaseRoles(deps(), admin, c.case.id, [{ role: 'analyst', userId: admin.id }, { role: 'engineer', userId: admin.id }, { role: 'clinical', userId: engineerId }]);
    const after = new Map((await listCaseTasks(deps(), c.case.id)).map((x) => [x.templateKey ?? x.title, x]));
    expect(after.get('fix')!.assignee!.id).toBe(admin.id);
    expect(after.get('Ask the supplier for a patched build')!.assignee!.id).toBe(admin.id);
    expect(after.get('clinical-impact')!.assignee!.id).toBe(engineerId);
    expect((await portfolioTasks(deps(), { assigneeId: engineerId })).map((x) => x.templateKey)).toEqual(['clinical-impact']);
    const rolesEvent = (await audit(c.case.id)).find((e) => e.action === 'case.roles-set');
    expect((rolesEvent!.after as { reassignedTasks: unknown[] }).reassignedTasks).toHaveLength(4);

    // Closed cases take no new tasks and leave "my tasks".
    await expect(updateCaseTask(deps(), admin, c.case.id, t.rt.ids.uuid(), { status: 'done' })).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    await expect(addCaseTask(deps(), admin, c.case.id, { title: 'x', assigneeId: t.rt.ids.uuid() })).rejects.toMatchObject({ code: 'TASK_ASSIGNEE_NOT_FOUND' });
    await closeCase(deps(), admin, c.case.id, { resolution: 'Fixed', force: true, reason: 'Obligations tracked in another case' });
    await expect(applyPlaybook(deps(), admin, c.case.id, 'incident-response')).rejects.toMatchObject({ code: 'CASE_NOT_OPEN' });
    expect(await portfolioTasks(deps(), { assigneeId: engineerId })).toEqual([]);
  });
});

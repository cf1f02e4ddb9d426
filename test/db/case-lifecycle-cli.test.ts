/** `vigil clocks settings`, `vigil case close|reopen|link|severity|document|playbook|tasks|task` on an embedded database. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeJsonFile } from '../support/cli.ts';

let dir: string;

const vigil = (...args: string[]) => runCli([...args, '--data-dir', join(dir, 'data')], { cwd: dir });
const file = (name: string, value: unknown) => writeJsonFile(dir, name, value);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-case-lifecycle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigil clocks settings and the case lifecycle', () => {
  it('stores settings, closes and reopens, links, applies a playbook and completes tasks', async () => {
    const facts = file('facts.json', {
      schemaVersion: 1, timeZone: 'America/New_York', product: { markets: ['US'], kind: 'device', cyberDevice: false },
      organisation: { isaoActiveParticipant: true }, assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
      events: { becameAware: '2026-03-02T10:00' },
    });
    const opened = await vigil('case', 'open', '--title', 'Telemetry exposure', '--facts', facts, '--severity', 'critical', '--json');
    expect(opened.code, opened.err).toBe(0);
    const c = JSON.parse(opened.out).case;
    expect(c.severity).toBe('critical');
    const n = String(c.number);

    const shown = await vigil('clocks', 'settings', 'show');
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain('never set (defaults in force)');
    expect(shown.out).toMatch(/triage\s+analyst\s+24h\s+1w\s+30d\s+30d/);

    const bad = await vigil('clocks', 'settings', 'set', file('bad.json', { rules: { 'fda-999': { enabled: false } }, playbooks: { 'vulnerability-response': { tasks: { triage: { due: { critical: 'soon' } } } } } }));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('error CLOCK_SETTINGS_INVALID');
    expect(bad.err).toContain(`$.rules["fda-999"]: unknown rule 'fda-999'`);
    expect(bad.err).toContain('$.playbooks["vulnerability-response"].tasks.triage.due.critical: must match pattern');

    const set = await vigil('clocks', 'settings', 'set', file('settings.json', { packs: { 'fda-postmarket': { enabled: false } }, playbooks: { 'vulnerability-response': { tasks: { triage: { due: { critical: '12h' } } } } } }), '--reason', 'US entity reports');
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('1 open case(s) with changed obligations');
    // The CLI runs on the real clock: by now the March deadlines have passed.
    expect(set.out).toMatch(new RegExp(`case ${n}: fda-post16-customer-communication (pending|overdue) → not-applicable`));
    const json = JSON.parse((await vigil('clocks', 'settings', 'show', '--json')).out);
    expect(json).toMatchObject({ document: { packs: { 'fda-postmarket': { enabled: false } } }, updatedBy: 'user:cli:tester', effective: { packs: { 'fda-postmarket': { enabled: false } } } });
    expect(json.playbooks[0].tasks[0]).toMatchObject({ key: 'triage', due: { critical: '12h' } });

    // No open obligations now (the pack is off): the case closes without force, and reopens.
    expect((await vigil('case', 'close', n)).code).toBe(2);
    const closed = await vigil('case', 'close', n, '--resolution', 'Not reportable here');
    expect(closed.code, closed.err).toBe(0);
    expect(closed.out).toContain('closed');
    expect(closed.out).toContain('Not reportable here');
    expect((await vigil('case', 'close', n, '--resolution', 'again')).err).toContain('error CASE_NOT_OPEN');
    expect((await vigil('case', 'playbook', n, 'vulnerability-response')).err).toContain('error CASE_NOT_OPEN');
    const reopened = await vigil('case', 'reopen', n, '--reason', 'Settings were wrong');
    expect(reopened.code, reopened.err).toBe(0);

    // With the pack back on, open obligations refuse a close unless forced with a reason.
    expect((await vigil('clocks', 'settings', 'set', file('empty.json', {}))).code).toBe(0);
    const refused = await vigil('case', 'close', n, '--resolution', 'Patched');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('error CASE_OBLIGATIONS_OPEN');
    expect(refused.err).toMatch(/obligations\.fda-post16-customer-communication: (pending|overdue)/);

    // Links, severity, documents.
    expect((await vigil('case', 'link', n, 'release', '00000000-0000-4000-8000-000000000000')).err).toContain('error CASE_SOURCE_NOT_FOUND');
    expect((await vigil('case', 'link', n, 'system', 'x')).code).toBe(2);
    expect((await vigil('case', 'unlink', n, 'finding', '1')).err).toContain('error CASE_LINK_NOT_FOUND');

    const playbook = await vigil('case', 'playbook', n, 'vulnerability-response');
    expect(playbook.code, playbook.err).toBe(0);
    expect(playbook.out).toMatch(/OPEN\s+2026-\d\d-\d\d \d\d:\d\dZ\s+analyst/);
    expect((await vigil('case', 'playbook', n, 'vulnerability-response')).err).toContain('error PLAYBOOK_ALREADY_APPLIED');
    expect((await vigil('case', 'playbook', n, 'breach')).err).toContain('error PLAYBOOK_NOT_FOUND');

    const before = JSON.parse((await vigil('case', 'tasks', n, '--json')).out).items as Array<{ id: string; templateKey: string; dueAt: string }>;
    const sev = await vigil('case', 'severity', n, 'low', '--reason', 'not exploitable in the field');
    expect(sev.code, sev.err).toBe(0);
    expect(sev.out).toContain(`severity low; ${before.length} task(s) re-planned`);
    const triage = JSON.parse((await vigil('case', 'tasks', n, '--json')).out).items.find((x: { templateKey: string }) => x.templateKey === 'triage');
    expect(Date.parse(triage.dueAt) - Date.parse(before.find((x) => x.templateKey === 'triage')!.dueAt)).toBe((30 * 24 - 24) * 3_600_000);

    const done = await vigil('case', 'task', 'done', n, before[0]!.id.slice(0, 8), '--note', 'confirmed');
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('done: Triage');
    expect((await vigil('case', 'task', 'skip', n, 'advisory')).out).toContain('skipped');
    expect((await vigil('case', 'task', 'done', n, 'nope')).code).toBe(2);
    const tasks = await vigil('case', 'tasks', n);
    expect(tasks.out).toMatch(/DONE\s+.*analyst/);
    expect(tasks.out).toMatch(/SKIPPED\s+.*lead/);

    const shownCase = await vigil('case', 'show', n, '--json');
    const detail = JSON.parse(shownCase.out);
    expect(detail.tasks).toHaveLength(before.length);
    expect(detail.documents).toEqual([]);
    expect((await vigil('case', 'document', n, '00000000-0000-4000-8000-000000000000', '--out', 'x.pdf')).err).toContain('error DOCUMENT_NOT_FOUND');

    const forced = await vigil('case', 'close', n, '--resolution', 'Patched', '--force', '--reason', 'Tracked in the field action FA-7');
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toContain('forced with open obligations: Tracked in the field action FA-7');
  }, 240_000); // some twenty CLI runs, each opening the embedded database

  it('saves a stored document byte for byte', async () => {
    // A document is stored by fulfilling an obligation (over the API or by the app); write one through the runtime.
    const { openRuntime } = await import('../../src/runtime/runtime.ts');
    const { loadConfig } = await import('../../src/config/config.ts');
    const { fulfilObligation, openCase } = await import('../../src/app/cases.ts');
    const rt = await openRuntime(loadConfig({ env: {}, cwd: dir, overrides: { dataDir: join(dir, 'data') } }), { queue: false, queueMaintenance: false });
    const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
    let caseNumber = 0;
    let documentId = '';
    try {
      const actor = { kind: 'user' as const, id: 'cli', label: 'cli:tester' };
      const c = await openCase(rt, actor, {
        title: 'Doc', facts: { schemaVersion: 1, timeZone: 'UTC', product: { markets: ['US'], kind: 'device', cyberDevice: false }, organisation: { isaoActiveParticipant: true }, assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' }, events: { becameAware: '2026-03-02T10:00' } },
      });
      caseNumber = c.case.number;
      const o = await fulfilObligation(rt, actor, c.case.id, c.obligations[0]!.key, { document: { name: 'letter.bin', bytes } });
      documentId = o.document!.id;
    } finally {
      await rt.close();
    }
    const saved = await vigil('case', 'document', String(caseNumber), documentId, '--out', 'saved.bin');
    expect(saved.code, saved.err).toBe(0);
    expect(saved.out).toContain(`sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
    expect(readFileSync(join(dir, 'saved.bin')).equals(bytes)).toBe(true);
    expect((await vigil('case', 'show', String(caseNumber))).out).toContain(`${documentId}  letter.bin (7 bytes`);
  });
});

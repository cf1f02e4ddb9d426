/** `vigil case …` and `vigil clocks explain|due` against a temporary embedded database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeJsonFile } from '../support/cli.ts';

let dir: string;

const vigil = (...args: string[]) => runCli([...args, '--data-dir', join(dir, 'data')], { cwd: dir });
const file = (name: string, value: unknown) => writeJsonFile(dir, name, value);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-case-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigil case and vigil clocks due', () => {
  it('opens a case, changes its facts, explains it and fails the board when something is overdue', async () => {
    const empty = await vigil('clocks', 'due');
    expect(empty.code, empty.err).toBe(0);
    expect(empty.out).toContain('No obligations.');

    const facts = file('facts.json', {
      schemaVersion: 1, timeZone: 'America/New_York', product: { markets: ['US'], kind: 'device', cyberDevice: false },
      organisation: { isaoActiveParticipant: true }, assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
      events: { becameAware: '2026-03-02T10:00' },
    });
    const bad = await vigil('case', 'open', '--title', 'Bad', '--facts', file('bad.json', { schemaVersion: 1 }));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('error CASE_FACTS_INVALID');
    expect(bad.err).toContain("$: must have required property 'timeZone'");
    expect((await vigil('case', 'open', '--facts', facts)).code).toBe(2);
    expect((await vigil('case', 'open', '--title', 'x', '--finding', '12345')).err).toContain('CASE_SOURCE_NOT_FOUND');

    const opened = await vigil('case', 'open', '--title', 'Telemetry exposure', '--facts', facts, '--json');
    expect(opened.code, opened.err).toBe(0);
    const c = JSON.parse(opened.out);
    expect(c.case).toMatchObject({ number: expect.any(Number), openedBy: 'user:cli:tester' });

    const changed = await vigil('case', 'facts', String(c.case.number), file('patch.json', { events: { correctionInitiated: '2026-03-10T09:00' } }), '--note', 'correction started');
    expect(changed.code, changed.err).toBe(0);
    expect(changed.out).toContain('1 fact(s) changed.');
    expect(changed.out).toMatch(/OVERDUE\s+2026-03-24 23:59 America\/New_York\s+overdue .*fda-806-report/);
    expect((await vigil('case', 'facts', '999', 'patch.json')).code).toBe(2);

    const explained = await vigil('clocks', 'explain', '--case', String(c.case.number));
    expect(explained.code, explained.err).toBe(0);
    expect(explained.out).toContain(`Case ${c.case.number} — Telemetry exposure`);
    expect(explained.out).toContain('Decision trace:');
    expect(explained.out).toContain('fda-806-report');

    const due = await vigil('clocks', 'due', '--json');
    expect(due.code).toBe(1);
    const board = JSON.parse(due.out);
    expect(board.items.map((o: { key: string }) => o.key)).toEqual(['fda-806-report', 'fda-post16-customer-communication', 'fda-post16-fix-distributed']);
    expect((await vigil('clocks', 'due', '--state', 'late')).code).toBe(2);
    const text = await vigil('clocks', 'due');
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/OVERDUE\s+overdue \d+d/);
  });
});

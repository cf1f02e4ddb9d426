import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command.ts';
import { run } from '../main.ts';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/clocks');

function fakeIo(stdin = ''): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdin: Readable.from([stdin]),
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    env: {},
    cwd: fixtures,
    out: () => out,
    err: () => err,
  };
}

describe('vigil clocks evaluate', () => {
  it('prints obligations ordered by due time with the decision trace', async () => {
    const io = fakeIo();
    const code = await run(['clocks', 'evaluate', 'infusion-pump-case.json', '--now', '2026-04-05T12:00:00Z'], io);
    expect(code).toBe(0);
    const text = io.out();
    const fsca = text.indexOf('eu-mdr-fsca-report');
    const r806 = text.indexOf('fda-806-report —');
    const c2 = text.indexOf('fda-post16-customer-communication —');
    expect(fsca).toBeGreaterThan(0);
    expect(fsca).toBeLessThan(r806);
    expect(r806).toBeLessThan(c2);
    expect(text).toContain('due 2026-03-25T03:59:59.999Z');
    expect(text).toContain('Decision trace:');
    expect(text).toContain('passed without customer communication');
    expect(text).toContain('Disabled: us-circia');
  });

  it('--json gives the evaluation; --fail-on overdue exits 1', async () => {
    const io = fakeIo();
    const code = await run(['clocks', 'evaluate', 'infusion-pump-case.json', '--now', '2026-04-05T12:00:00Z', '--json', '--fail-on', 'overdue'], io);
    expect(code).toBe(1);
    const result = JSON.parse(io.out()) as { obligations: { id: string; dueAt: string | null; status: string }[] };
    expect(result.obligations.map((o) => o.id)).toEqual([
      'eu-mdr-fsca-report',
      'fda-806-report',
      'fda-post16-customer-communication',
      'fda-post16-fix-distributed',
      'fda-524b-out-of-cycle-patch',
    ]);
    expect(result.obligations[1]).toMatchObject({ dueAt: '2026-03-25T03:59:59.999Z', status: 'overdue' });
  });

  it('what-if: an earlier "now" keeps the 806 report pending the exemption', async () => {
    const io = fakeIo();
    const code = await run(['clocks', 'evaluate', 'infusion-pump-case.json', '--now', '2026-03-12T12:00:00Z', '--json', '--fail-on', 'overdue'], io);
    expect(code).toBe(0);
    const result = JSON.parse(io.out()) as { notApplicable: { ruleId: string; code: string }[] };
    expect(result.notApplicable.find((n) => n.ruleId === 'fda-806-report')?.code).toBe('exemption-pending');
  });

  it('applies a settings file (observed holidays) and rejects unknown settings keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-clocks-'));
    const facts = {
      schemaVersion: 1,
      timeZone: 'America/New_York',
      product: { markets: ['US'], kind: 'device' },
      assessment: { adverseEvent: 'serious-injury', remedialActionNeeded: true },
      events: { adverseEventAware: '2026-07-01T10:00' },
    };
    writeFileSync(join(dir, 'facts.json'), JSON.stringify(facts));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ observedHolidays: true }));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ observedHoliday: true, rules: { 'no-such-rule': { enabled: false } } }));
    const io = fakeIo();
    expect(await run(['clocks', 'evaluate', join(dir, 'facts.json'), '--now', '2026-07-01T15:00:00Z', '--settings', join(dir, 'settings.json'), '--json'], io)).toBe(0);
    // Thu 2 (1), Fri 3 observed holiday, Mon 6, Tue 7, Wed 8, Thu 9 (5).
    expect((JSON.parse(io.out()) as { obligations: { dueAt: string }[] }).obligations[0]!.dueAt).toBe('2026-07-10T03:59:59.999Z');
    const bad = fakeIo();
    expect(await run(['clocks', 'evaluate', join(dir, 'facts.json'), '--settings', join(dir, 'bad.json')], bad)).toBe(2);
    expect(bad.err()).toContain('$.observedHoliday: unknown key');
    expect(bad.err()).toContain(`$.rules["no-such-rule"]: unknown rule 'no-such-rule'`);
  });

  it('invalid facts exit 2 with the JSON path of each problem', async () => {
    const io = fakeIo();
    const code = await run(['clocks', 'evaluate', 'invalid-case.json'], io);
    expect(code).toBe(2);
    const err = io.err();
    expect(err).toContain('$.product.kind: must be one of');
    expect(err).toContain('$.assessment.riskScore: unknown key');
    expect(err).toContain('$.events.becameAware: must be an ISO 8601 time');
    expect(err).toContain(`$.fulfilled["fda-806-reprot"]: unknown obligation id`);
  });

  it('reads facts from stdin and reports an unknown time zone by path', async () => {
    const io = fakeIo(JSON.stringify({ schemaVersion: 1, timeZone: 'Mars/Olympus', product: { markets: ['US'], kind: 'device' } }));
    expect(await run(['clocks', 'evaluate', '-', '--now', '2026-01-01T00:00:00Z'], io)).toBe(2);
    expect(io.err()).toContain("$.timeZone: unknown IANA time zone 'Mars/Olympus'");
  });

  it('usage errors exit 2', async () => {
    expect(await run(['clocks', 'evaluate'], fakeIo())).toBe(2);
    expect(await run(['clocks', 'evaluate', 'infusion-pump-case.json', '--now', '2026-04-05T12:00'], fakeIo())).toBe(2);
    expect(await run(['clocks', 'evaluate', 'no-such-file.json'], fakeIo())).toBe(2);
    expect(await run(['clocks', 'evaluate', 'infusion-pump-case.json', '--fail-on', 'soon'], fakeIo())).toBe(2);
  });
});

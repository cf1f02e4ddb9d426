import { describe, expect, it } from 'vitest';
import { evaluate, ORG_DISABLED } from './engine.ts';
import type { CaseFacts } from './facts.ts';
import { engineSettingsOf } from './settings.schema.ts';

const facts: CaseFacts = {
  schemaVersion: 1,
  timeZone: 'America/New_York',
  product: { markets: ['US'], kind: 'device', cyberDevice: false },
  organisation: { isaoActiveParticipant: true },
  assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: false, adverseEvent: 'none' },
  events: { becameAware: '2026-03-02T10:00' },
};

describe('organisation settings in the engine', () => {
  it('gives the organisation reason for a pack or rule it switched off, and the pack reason for a pack off by default', () => {
    const on = evaluate(facts, { now: '2026-03-15T12:00:00Z' });
    expect(on.obligations.map((o) => o.id)).toEqual(['fda-post16-customer-communication', 'fda-post16-fix-distributed']);
    const off = evaluate(facts, { now: '2026-03-15T12:00:00Z', settings: { packs: { 'fda-postmarket': { enabled: false } } } });
    expect(off.obligations).toEqual([]);
    const na = off.notApplicable.filter((n) => n.packId === 'fda-postmarket');
    expect(na.length).toBeGreaterThan(0);
    for (const n of na) expect(n).toMatchObject({ code: 'disabled', reason: ORG_DISABLED });
    const circia = off.notApplicable.find((n) => n.packId === 'us-circia')!;
    expect(circia.code).toBe('disabled');
    expect(circia.reason).toMatch(/final rule/);
    const rule = evaluate(facts, { now: '2026-03-15T12:00:00Z', settings: { rules: { 'fda-post16-fix-distributed': { enabled: false } } } });
    expect(rule.notApplicable.find((n) => n.ruleId === 'fda-post16-fix-distributed')).toMatchObject({ code: 'disabled', reason: expect.stringMatching(/^Disabled by organisation settings/) });
  });

  it('separates the engine settings from the playbooks section of a settings document', () => {
    expect(engineSettingsOf({ dueSoonHours: 24, packs: {}, playbooks: { 'incident-response': { tasks: { triage: { enabled: false } } } } })).toEqual({ dueSoonHours: 24, packs: {} });
  });
});

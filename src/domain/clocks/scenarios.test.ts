import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.ts';
import { validateFacts } from './facts.schema.ts';
import { builtInRulePacks, obligationIds } from './rule-packs.ts';
import type { Scenario } from './scenarios/scenario.ts';
import { fdaPostmarketScenarios } from './scenarios/fda-postmarket.scenarios.ts';
import { usCalendarScenarios } from './scenarios/us-calendar.scenarios.ts';
import { hipaaScenarios, mdrScenarios } from './scenarios/mdr-hipaa.scenarios.ts';
import { craScenarios, euMdrScenarios, nis2AndCirciaScenarios } from './scenarios/eu-and-hours.scenarios.ts';
import { combinedScenarios } from './scenarios/combined.scenarios.ts';

const groups: Record<string, Scenario[]> = {
  'FDA postmarket / Part 806 / 524B': fdaPostmarketScenarios,
  'US calendars, holidays and time zones': usCalendarScenarios,
  '21 CFR 803': mdrScenarios,
  HIPAA: hipaaScenarios,
  'EU MDR Art 87': euMdrScenarios,
  'CRA Art 14': craScenarios,
  'NIS2, CIRCIA and hour periods': nis2AndCirciaScenarios,
  'combined cases': combinedScenarios,
};

const all = Object.values(groups).flat();
const allRuleIds = builtInRulePacks.flatMap((p) => p.rules.map((r) => r.id));

describe('clock scenarios (expected values computed by hand)', () => {
  it('has at least 60 scenarios with unique names', () => {
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((s) => s.name)).size).toBe(all.length);
  });

  for (const [group, scenarios] of Object.entries(groups)) {
    describe(group, () => {
      for (const s of scenarios) {
        it(s.name, () => {
          const valid = validateFacts(s.facts, obligationIds());
          expect(valid.ok ? [] : valid.problems).toEqual([]);
          const result = evaluate(s.facts, { now: s.now, ...(s.settings ? { settings: s.settings } : {}) });

          const byId = new Map(result.obligations.map((o) => [o.id, o]));
          expect([...byId.keys()].sort()).toEqual(Object.keys(s.obligations).sort());
          for (const [id, want] of Object.entries(s.obligations)) {
            const got = byId.get(id)!;
            const picked: Record<string, unknown> = {};
            for (const key of Object.keys(want)) picked[key] = got[key as keyof typeof got];
            expect({ id, ...picked }).toEqual({ id, ...want });
          }

          for (const [ruleId, code] of Object.entries(s.notApplicable ?? {})) {
            const entry = result.notApplicable.find((n) => n.ruleId === ruleId);
            expect({ ruleId, code: entry?.code }).toEqual({ ruleId, code });
          }
          expect(result.missingFacts.map((m) => m.path).sort()).toEqual([...(s.missingFacts ?? [])].sort());
          const traceText = result.trace.map((t) => t.text).join('\n');
          for (const text of s.traceIncludes ?? []) expect(traceText).toContain(text);

          // Every rule is accounted for: applicable or not applicable with a reason, never silently dropped.
          const seen = new Set([...result.obligations.map((o) => o.ruleId), ...result.notApplicable.map((n) => n.ruleId)]);
          expect(allRuleIds.filter((id) => !seen.has(id))).toEqual([]);
          // Obligations are ordered by due instant, those without one last.
          const dues = result.obligations.map((o) => o.dueAt ?? '9999');
          expect(dues).toEqual([...dues].sort());
        });
      }
    });
  }
});

/**
 * Property tests of the clock engine (fast-check): deadlines move only forward when a period grows
 * or a day stops being a working day, never backward; and a deadline is a fact of the case, not of
 * the moment it is computed — evaluating the same facts at any "now" gives the same due instants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addUsWorkDays, computeDeadline, defaultCalendarSettings, isUsWorkDay, type CalendarSettings, type Period } from './calendars.ts';
import { evaluate } from './engine.ts';
import { combinedScenarios } from './scenarios/combined.scenarios.ts';
import { craScenarios, euMdrScenarios, nis2AndCirciaScenarios } from './scenarios/eu-and-hours.scenarios.ts';
import { fdaPostmarketScenarios } from './scenarios/fda-postmarket.scenarios.ts';
import { hipaaScenarios, mdrScenarios } from './scenarios/mdr-hipaa.scenarios.ts';
import { usCalendarScenarios } from './scenarios/us-calendar.scenarios.ts';
import { fromEpochDay, epochDay } from './zoned-time.ts';

const DAY = 86_400_000;
const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'] as const;
/** 2019-01-01 … 2032-12-31 as epoch days: spans leap years, year ends and every DST change. */
const epochDays = fc.integer({ min: epochDay({ year: 2019, month: 1, day: 1 }), max: epochDay({ year: 2032, month: 12, day: 31 }) });
const instants = fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2032, 11, 31) });
const settingsArb: fc.Arbitrary<CalendarSettings> = fc.record({
  observedHolidays: fc.boolean(),
  inaugurationDay: fc.boolean(),
  euWeekendExtension: fc.boolean(),
  extraUsClosures: fc.constant([] as string[]),
  euPublicHolidays: fc.constant([] as string[]),
}).map((s) => ({ ...defaultCalendarSettings, ...s }));
const periodArb: fc.Arbitrary<Period> = fc.oneof(
  fc.record({ unit: fc.constant('hours' as const), amount: fc.integer({ min: 0, max: 2000 }) }),
  fc.record({ unit: fc.constant('calendar-days' as const), amount: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ unit: fc.constant('us-work-days' as const), amount: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ unit: fc.constant('eu-days' as const), amount: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ unit: fc.constant('eu-months' as const), amount: fc.integer({ min: 0, max: 24 }) }),
  fc.record({ unit: fc.constant('days-after-year-end' as const), amount: fc.integer({ min: 0, max: 120 }) }),
);
const grown = (p: Period): Period => ('amount' in p ? { ...p, amount: p.amount + 1 } as Period : p);
const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('calendar properties', () => {
  it('one more work day moves the deadline to a later work day, never earlier', () => {
    fc.assert(
      fc.property(epochDays, fc.integer({ min: 0, max: 250 }), settingsArb, (day, n, settings) => {
        const start = fromEpochDay(day);
        const a = addUsWorkDays(start, n, settings);
        const b = addUsWorkDays(start, n + 1, settings);
        expect(epochDay(b)).toBeGreaterThan(epochDay(a));
        expect(isUsWorkDay(b, settings)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('a day that stops being a working day (an extra closure) never moves a deadline earlier', () => {
    fc.assert(
      fc.property(epochDays, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 90 }), settingsArb, (day, n, closureOffset, settings) => {
        const start = fromEpochDay(day);
        const closed: CalendarSettings = { ...settings, extraUsClosures: [iso(fromEpochDay(day + closureOffset))] };
        expect(epochDay(addUsWorkDays(start, n, closed))).toBeGreaterThanOrEqual(epochDay(addUsWorkDays(start, n, settings)));
        const eu: CalendarSettings = { ...settings, euWeekendExtension: true, euPublicHolidays: [iso(fromEpochDay(day + closureOffset))] };
        for (const period of [{ unit: 'eu-days', amount: n } as const, { unit: 'eu-months', amount: 1 + (n % 12) } as const]) {
          const trigger = day * DAY + 12 * 3_600_000;
          const withHoliday = computeDeadline(period, trigger, 'Europe/Berlin', eu)!;
          const without = computeDeadline(period, trigger, 'Europe/Berlin', { ...eu, euPublicHolidays: [] })!;
          expect(withHoliday.dueMs).toBeGreaterThanOrEqual(without.dueMs);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a longer period or a later trigger never gives an earlier deadline; the deadline is never before the trigger', () => {
    fc.assert(
      fc.property(periodArb, instants, fc.integer({ min: 0, max: 40 * DAY }), fc.constantFrom(...zones), settingsArb, (period, trigger, later, zone, settings) => {
        const base = computeDeadline(period, trigger, zone, settings)!;
        expect(base.dueMs).toBeGreaterThanOrEqual(trigger);
        expect(computeDeadline(grown(period), trigger, zone, settings)!.dueMs).toBeGreaterThanOrEqual(base.dueMs);
        expect(computeDeadline(period, trigger + later, zone, settings)!.dueMs).toBeGreaterThanOrEqual(base.dueMs);
      }),
      { numRuns: 500 },
    );
  });
});

describe('engine properties', () => {
  const scenarios = [
    ...fdaPostmarketScenarios,
    ...mdrScenarios,
    ...hipaaScenarios,
    ...euMdrScenarios,
    ...craScenarios,
    ...nis2AndCirciaScenarios,
    ...usCalendarScenarios,
    ...combinedScenarios,
  ];

  it('has scenarios to draw from', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(60);
  });

  it('a deadline computed at any "now" is the same instant', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.constantFrom(...scenarios), instants, instants, (scenario, nowA, nowB) => {
        const options = (now: number) => ({ now, ...(scenario.settings ? { settings: scenario.settings } : {}) });
        const a = evaluate(scenario.facts, options(nowA));
        const b = evaluate(scenario.facts, options(nowB));
        const dueB = new Map(b.obligations.map((o) => [o.id, o]));
        for (const o of a.obligations) {
          const other = dueB.get(o.id);
          // An obligation may exist at one "now" and not the other (time passing can start or end
          // an exemption); where both know it and neither is provisional, the instant is the same.
          if (!other || o.provisional || other.provisional) continue;
          expect(other.dueAt, `${scenario.name}: ${o.id}`).toBe(o.dueAt);
          if (o.dueAt !== null) compared += 1;
        }
      }),
      { numRuns: 600 },
    );
    // The property must have had something to compare.
    expect(compared).toBeGreaterThan(300);
  });
});

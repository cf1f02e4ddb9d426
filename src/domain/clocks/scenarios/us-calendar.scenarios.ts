/**
 * US work days and calendar days, exercised through 21 CFR 803 (5 work days / 30 calendar days).
 * Holidays per 5 U.S.C. 6103(a); observed substitutes (6103(b)) only when the setting is on.
 * New York: EST = UTC−5 (end of day D → D+1 04:59:59.999Z), EDT = UTC−4 (→ D+1 03:59:59.999Z).
 */
import type { CaseFacts } from '../facts.ts';
import type { Scenario } from './scenario.ts';

/** A US device MDR case needing a 5-day report (remedial action), aware at `at`. */
function fiveDay(at: string, extra: Partial<CaseFacts> = {}): CaseFacts {
  return {
    schemaVersion: 1,
    timeZone: 'America/New_York',
    product: { markets: ['US'], kind: 'device' },
    assessment: { adverseEvent: 'serious-injury', remedialActionNeeded: true },
    events: { adverseEventAware: at },
    ...extra,
  };
}

function thirtyDay(at: string | { at: string; zone: string }): CaseFacts {
  return {
    schemaVersion: 1,
    timeZone: 'America/New_York',
    product: { markets: ['US'], kind: 'device' },
    assessment: { adverseEvent: 'death', remedialActionNeeded: false },
    events: { adverseEventAware: at },
  };
}

const observed = { observedHolidays: true };

export const usCalendarScenarios: Scenario[] = [
  {
    // Fri 03-06 → Mon 9, Tue 10, Wed 11, Thu 12, Fri 13. DST starts Sun 03-08: due in EDT.
    name: '5 work days from a Friday skip the weekend (and the DST change)',
    facts: fiveDay('2026-03-06T14:00'),
    now: '2026-03-07T00:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2026-03-14T03:59:59.999Z', status: 'pending' } },
    notApplicable: { 'fda-803-30-day': 'superseded' },
  },
  {
    // Day 0 is Saturday 03-07; work days Mon 9 … Fri 13.
    name: '5 work days from a Saturday: day 0 on a weekend',
    facts: fiveDay('2026-03-07T11:00'),
    now: '2026-03-07T18:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2026-03-14T03:59:59.999Z' } },
  },
  {
    // Thu 01-15 → Fri 16 (1), Mon 19 = MLK Day, Tue 20 (2), 21, 22, Fri 23 (5). EST.
    name: '5 work days over Martin Luther King Jr. Day',
    facts: fiveDay('2026-01-15T10:00'),
    now: '2026-01-16T00:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2026-01-24T04:59:59.999Z' } },
  },
  {
    // Jul 4 2026 is a Saturday; Fri Jul 3 is only the observed day → a work day by default.
    // Wed 07-01 → Thu 2 (1), Fri 3 (2), Mon 6, Tue 7, Wed 8 (5).
    name: 'Saturday holiday (Jul 4 2026), default: observed Friday counts as a work day',
    facts: fiveDay('2026-07-01T10:00'),
    now: '2026-07-01T15:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2026-07-09T03:59:59.999Z' } },
  },
  {
    // Observed days as holidays: Thu 2 (1), Fri 3 skipped, Mon 6 (2), 7, 8, Thu 9 (5).
    name: 'Saturday holiday (Jul 4 2026), observed Friday as a holiday: one day later',
    facts: fiveDay('2026-07-01T10:00'),
    now: '2026-07-01T15:00:00Z',
    settings: observed,
    obligations: { 'fda-803-5-day': { dueAt: '2026-07-10T03:59:59.999Z' } },
  },
  {
    // Jul 4 2027 is a Sunday; observed Mon Jul 5. Thu 07-01 → Fri 2 (1), Mon 5 (2), 6, 7, Thu 8 (5).
    name: 'Sunday holiday (Jul 4 2027), default: observed Monday counts as a work day',
    facts: fiveDay('2027-07-01T10:00'),
    now: '2027-07-01T15:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2027-07-09T03:59:59.999Z' } },
  },
  {
    // Fri 2 (1), Mon 5 skipped, Tue 6 (2), 7, 8, Fri 9 (5).
    name: 'Sunday holiday (Jul 4 2027), observed Monday as a holiday',
    facts: fiveDay('2027-07-01T10:00'),
    now: '2027-07-01T15:00:00Z',
    settings: observed,
    obligations: { 'fda-803-5-day': { dueAt: '2027-07-10T03:59:59.999Z' } },
  },
  {
    // Christmas 2027 is a Saturday (observed Fri Dec 24). Wed 12-22 → Thu 23 (1), Fri 24 (2), Mon 27, 28, Wed 29 (5). EST.
    name: 'Christmas on a Saturday (2027), default settings',
    facts: fiveDay('2027-12-22T10:00'),
    now: '2027-12-22T16:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2027-12-30T04:59:59.999Z' } },
  },
  {
    // Thu 23 (1), Fri 24 skipped, Mon 27 (2), 28, 29, Thu 30 (5).
    name: 'Christmas on a Saturday (2027), observed Friday as a holiday',
    facts: fiveDay('2027-12-22T10:00'),
    now: '2027-12-22T16:00:00Z',
    settings: observed,
    obligations: { 'fda-803-5-day': { dueAt: '2027-12-31T04:59:59.999Z' } },
  },
  {
    // New Year 2028 is a Saturday; its observed day is Fri Dec 31 2027 (previous year).
    // Default: Thu 30 (1), Fri 31 (2), Mon 1-3 (3), Tue 4, Wed 5 (5).
    name: 'New Year 2028 on a Saturday, default: Dec 31 2027 is a work day',
    facts: fiveDay('2027-12-29T10:00'),
    now: '2027-12-29T16:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2028-01-06T04:59:59.999Z' } },
  },
  {
    // Observed: Thu 30 (1), Fri 31 skipped (observed New Year 2028), Mon 3 (2), 4, 5, Thu 6 (5).
    name: 'New Year 2028 on a Saturday, observed setting: Dec 31 2027 is a holiday',
    facts: fiveDay('2027-12-29T10:00'),
    now: '2027-12-29T16:00:00Z',
    settings: observed,
    obligations: { 'fda-803-5-day': { dueAt: '2028-01-07T04:59:59.999Z' } },
  },
  {
    // Jan 20 2033 (Thu) is Inauguration Day; MLK Day is Jan 17. Tue 01-18 → Wed 19, Thu 20, Fri 21, Mon 24, Tue 25.
    name: 'Inauguration Day 2033, default: a work day (DC-area only holiday)',
    facts: fiveDay('2033-01-18T10:00'),
    now: '2033-01-18T16:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2033-01-26T04:59:59.999Z' } },
  },
  {
    // Wed 19 (1), Thu 20 skipped, Fri 21 (2), Mon 24, Tue 25, Wed 26 (5).
    name: 'Inauguration Day 2033 counted as a holiday (setting)',
    facts: fiveDay('2033-01-18T10:00'),
    now: '2033-01-18T16:00:00Z',
    settings: { inaugurationDay: true },
    obligations: { 'fda-803-5-day': { dueAt: '2033-01-27T04:59:59.999Z' } },
  },
  {
    // Tue 2025-12-23 → Wed 24 (1), Thu 25 Christmas, Fri 26 (2), Mon 29, Tue 30, Wed 31 (5).
    name: 'Executive-order closures (Dec 24/26 2025) are work days by default',
    facts: fiveDay('2025-12-23T10:00'),
    now: '2025-12-23T16:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2026-01-01T04:59:59.999Z' } },
  },
  {
    // With both closures: 24, 25, 26 off; Mon 29 (1), 30, 31 (3), Thu Jan 1 holiday, Fri 2 (4), Mon 5 (5).
    name: 'Executive-order closures configured as extra non-work days',
    facts: fiveDay('2025-12-23T10:00'),
    now: '2025-12-23T16:00:00Z',
    settings: { extraUsClosures: ['2025-12-24', '2025-12-26'] },
    obligations: { 'fda-803-5-day': { dueAt: '2026-01-06T04:59:59.999Z' } },
  },
  {
    // 30 calendar days: Fri 04-03 + 30 = Sun 05-03; US calendar days are not extended over weekends.
    name: '803 30 calendar days ending on a Sunday: no weekend extension',
    facts: thirtyDay('2026-04-03T10:00'),
    now: '2026-04-04T00:00:00Z',
    obligations: { 'fda-803-30-day': { dueAt: '2026-05-04T03:59:59.999Z', status: 'pending' } },
    notApplicable: { 'fda-803-5-day': 'not-triggered' },
  },
  {
    // Aware 02-20 in EST; + 30 = 03-22, after the DST change → end of day in EDT.
    name: '803 30 days across the start of DST: due at local midnight in EDT',
    facts: thirtyDay('2026-02-20T10:00'),
    now: '2026-02-21T00:00:00Z',
    obligations: { 'fda-803-30-day': { dueAt: '2026-03-23T03:59:59.999Z' } },
  },
  {
    // 23:30 in Los Angeles on 06-10 is already 06-11 in New York and UTC. The trigger's own zone
    // decides day 0: 06-10 + 30 = 07-10, end of day PDT (UTC−7).
    name: 'late-evening awareness in Los Angeles: day 0 is the Los Angeles date',
    facts: thirtyDay({ at: '2026-06-10T23:30', zone: 'America/Los_Angeles' }),
    now: '2026-06-12T00:00:00Z',
    obligations: { 'fda-803-30-day': { dueAt: '2026-07-11T06:59:59.999Z' } },
  },
];

/**
 * EU MDR Art 87 (B7), CRA Art 14 (B8), NIS2 Art 23 (B9), CIRCIA (B5) and hour-based periods.
 * Berlin: CET = UTC+1 until 2026-03-29 01:00Z and from 2026-10-25 01:00Z; CEST = UTC+2 between.
 * End of a Berlin day D is D 21:59:59.999Z in CEST and D 22:59:59.999Z in CET.
 */
import type { CaseFacts } from '../facts.ts';
import { euDevice, euProduct, type Scenario } from './scenario.ts';

function nis2Case(events: CaseFacts['events'], extra: Partial<CaseFacts> = {}): CaseFacts {
  return {
    schemaVersion: 1,
    timeZone: 'Europe/Berlin',
    product: { markets: ['US'], kind: 'non-device' },
    organisation: { nis2Entity: true },
    assessment: { significantIncident: true },
    events,
    ...extra,
  };
}

export const euMdrScenarios: Scenario[] = [
  {
    // Thu 05-07 + 2 days = Sat 05-09; no Art 3(4) extension by default.
    name: 'EU MDR: serious public health threat → 2 days, ending on a Saturday (no extension by default)',
    facts: euDevice({ assessment: { euIncident: 'serious-public-health-threat', fscaPlanned: false }, events: { becameAware: '2026-05-07T16:00' } }),
    now: '2026-05-08T00:00:00Z',
    // 46 h left of a 56 h period: more than a quarter left → pending.
    obligations: { 'eu-mdr-serious-incident-2-day': { dueAt: '2026-05-09T21:59:59.999Z', status: 'pending' } },
    notApplicable: { 'eu-mdr-serious-incident-10-day': 'superseded', 'eu-mdr-serious-incident-15-day': 'superseded', 'eu-mdr-fsca-report': 'not-triggered', 'cra-aev-early-warning': 'out-of-scope' },
  },
  {
    // Same, Art 3(4) on: Saturday → next working day Mon 05-11.
    name: 'EU MDR: 2 days with the Reg. 1182/71 Art 3(4) extension → next Monday',
    facts: euDevice({ assessment: { euIncident: 'serious-public-health-threat', fscaPlanned: false }, events: { becameAware: '2026-05-07T16:00' } }),
    now: '2026-05-08T00:00:00Z',
    settings: { euWeekendExtension: true },
    obligations: { 'eu-mdr-serious-incident-2-day': { dueAt: '2026-05-11T21:59:59.999Z' } },
  },
  {
    // 05-07 + 10 = Sun 05-17.
    name: 'EU MDR: death → 10 days',
    facts: euDevice({ assessment: { euIncident: 'death-or-unanticipated-serious-deterioration', fscaPlanned: false }, events: { becameAware: '2026-05-07T16:00' } }),
    now: '2026-05-08T00:00:00Z',
    obligations: { 'eu-mdr-serious-incident-10-day': { dueAt: '2026-05-17T21:59:59.999Z', status: 'pending' } },
    notApplicable: { 'eu-mdr-serious-incident-2-day': 'superseded', 'eu-mdr-serious-incident-15-day': 'superseded' },
  },
  {
    // 12-20 + 15 = Mon 2027-01-04 (CET).
    name: 'EU MDR: other serious incident → 15 days, across the year end',
    facts: euDevice({ assessment: { euIncident: 'serious-incident', fscaPlanned: false }, events: { becameAware: '2026-12-20T10:00' } }),
    now: '2026-12-21T00:00:00Z',
    obligations: { 'eu-mdr-serious-incident-15-day': { dueAt: '2027-01-04T22:59:59.999Z' } },
  },
  {
    // 23:30Z on 03-28 is 00:30 CET on 03-29 in Berlin: day 0 = 03-29; + 15 = 04-13 (CEST).
    name: 'EU MDR: UTC instant just before midnight is the next day in Berlin',
    facts: euDevice({ assessment: { euIncident: 'serious-incident', fscaPlanned: false }, events: { becameAware: '2026-03-28T23:30:00Z' } }),
    now: '2026-03-30T00:00:00Z',
    obligations: { 'eu-mdr-serious-incident-15-day': { dueAt: '2026-04-13T21:59:59.999Z' } },
  },
  {
    // 03-22 + 15 = Mon 04-06 (Easter Monday, a public holiday listed in the settings) → Tue 04-07.
    name: 'EU MDR: 15 days ending on a listed public holiday, with Art 3(4) extension',
    facts: euDevice({ assessment: { euIncident: 'serious-incident', fscaPlanned: false }, events: { becameAware: '2026-03-22T10:00' } }),
    now: '2026-03-23T00:00:00Z',
    settings: { euWeekendExtension: true, euPublicHolidays: ['2026-04-03', '2026-04-06'] },
    obligations: { 'eu-mdr-serious-incident-15-day': { dueAt: '2026-04-07T21:59:59.999Z' } },
  },
  {
    name: 'EU MDR: incident not serious → no Art 87 report',
    facts: euDevice({ assessment: { euIncident: 'not-serious', fscaPlanned: false }, events: { becameAware: '2026-05-07T16:00' } }),
    now: '2026-05-08T00:00:00Z',
    obligations: {},
    notApplicable: { 'eu-mdr-serious-incident-2-day': 'not-triggered', 'eu-mdr-serious-incident-10-day': 'not-triggered', 'eu-mdr-serious-incident-15-day': 'not-triggered' },
  },
  {
    // FSCA starts 06-15 08:00 CEST = 06:00Z → report due before it. Incident 06-01 + 15 = 06-16.
    name: 'EU MDR: FSCA reported before the action starts, plus the 15-day incident report',
    facts: euDevice({
      assessment: { euIncident: 'serious-incident', fscaPlanned: true },
      events: { becameAware: '2026-06-01T09:00', fscaStart: '2026-06-15T08:00' },
    }),
    now: '2026-06-02T00:00:00Z',
    obligations: {
      'eu-mdr-fsca-report': { dueAt: '2026-06-15T05:59:59.999Z' },
      'eu-mdr-serious-incident-15-day': { dueAt: '2026-06-16T21:59:59.999Z' },
    },
  },
  {
    name: 'EU MDR: incident not classified → provisional 2-day report, classification missing',
    facts: euDevice({ assessment: { fscaPlanned: false }, events: { becameAware: '2026-05-07T16:00' } }),
    now: '2026-05-08T00:00:00Z',
    obligations: { 'eu-mdr-serious-incident-2-day': { dueAt: '2026-05-09T21:59:59.999Z', provisional: true } },
    missingFacts: ['$.assessment.euIncident'],
  },
];

export const craScenarios: Scenario[] = [
  {
    // Aware Mon 09-14 09:30 CEST = 07:30Z → 24 h 09-15 07:30Z, 72 h 09-17 07:30Z.
    // Fix available Sun 09-20 → + 14 = Sun 10-04 (CEST).
    name: 'CRA: actively exploited vulnerability → 24 h, 72 h, final report 14 days after the fix',
    facts: euProduct({ assessment: { activelyExploited: true, severeIncident: false }, events: { becameAware: '2026-09-14T09:30', fixAvailable: '2026-09-20T12:00' } }),
    now: '2026-09-14T12:00:00Z',
    obligations: {
      'cra-aev-early-warning': { dueAt: '2026-09-15T07:30:00.000Z', status: 'pending' },
      'cra-aev-notification': { dueAt: '2026-09-17T07:30:00.000Z', status: 'pending' },
      'cra-aev-final-report': { dueAt: '2026-10-04T21:59:59.999Z' },
      'cra-inform-users': { dueAt: null },
    },
    notApplicable: { 'cra-incident-early-warning': 'not-triggered', 'eu-mdr-serious-incident-15-day': 'out-of-scope' },
  },
  {
    // At 09-15 02:00Z the 24 h early warning has 5 h 30 m left ≤ 6 h (a quarter of 24 h) → due soon.
    name: 'CRA: early warning due soon within the last quarter of its 24 hours',
    facts: euProduct({ assessment: { activelyExploited: true, severeIncident: false }, events: { becameAware: '2026-09-14T09:30', fixAvailable: '2026-09-20T12:00' } }),
    now: '2026-09-15T02:00:00Z',
    obligations: {
      'cra-aev-early-warning': { dueAt: '2026-09-15T07:30:00.000Z', status: 'due-soon' },
      'cra-aev-notification': { dueAt: '2026-09-17T07:30:00.000Z', status: 'pending' },
      'cra-aev-final-report': { dueAt: '2026-10-04T21:59:59.999Z' },
      'cra-inform-users': {},
    },
  },
  {
    name: 'CRA: awareness before 11 Sep 2026 → Art 14 does not apply yet',
    facts: euProduct({ assessment: { activelyExploited: true, severeIncident: false }, events: { becameAware: '2026-09-10T23:30' } }),
    now: '2026-09-12T00:00:00Z',
    obligations: {},
    notApplicable: { 'cra-aev-early-warning': 'not-triggered', 'cra-aev-final-report': 'not-triggered' },
  },
  {
    // 23:30Z on 09-10 is 01:30 CEST on 09-11 in Berlin: Art 14 applies. 24 h → 09-11 23:30Z. No fix yet.
    name: 'CRA: 23:30 UTC on Sep 10 is Sep 11 in Berlin → applies; final report waits for the fix',
    facts: euProduct({ assessment: { activelyExploited: true, severeIncident: false }, events: { becameAware: '2026-09-10T23:30:00Z' } }),
    now: '2026-09-11T06:00:00Z',
    obligations: {
      'cra-aev-early-warning': { dueAt: '2026-09-11T23:30:00.000Z' },
      'cra-aev-notification': { dueAt: '2026-09-13T23:30:00.000Z' },
      'cra-aev-final-report': { dueAt: null, status: 'pending' },
      'cra-inform-users': {},
    },
    missingFacts: ['$.events.fixAvailable'],
  },
  {
    // Aware 10-01 10:00 CEST = 08:00Z → 24 h 10-02 08:00Z (missed), 72 h 10-04 08:00Z (submitted 10-03 07:00Z).
    // Final report: one month after 10-03 → 11-03 (CET).
    name: 'CRA: severe incident → final report one month after the 72 h notification was submitted',
    facts: euProduct({
      assessment: { activelyExploited: false, severeIncident: true },
      events: { becameAware: '2026-10-01T10:00' },
      fulfilled: { 'cra-incident-notification': '2026-10-03T09:00' },
    }),
    now: '2026-10-05T00:00:00Z',
    obligations: {
      'cra-incident-early-warning': { dueAt: '2026-10-02T08:00:00.000Z', status: 'overdue' },
      'cra-incident-notification': { dueAt: '2026-10-04T08:00:00.000Z', status: 'fulfilled' },
      'cra-incident-final-report': { dueAt: '2026-11-03T22:59:59.999Z', status: 'pending' },
      'cra-inform-users': {},
    },
  },
  {
    // Aware 10-24 20:00 CEST = 18:00Z; the clocks go back on 10-25, but 24 h are 24 elapsed hours.
    // Fix available 10-30 10:00 CET → + 14 = 11-13 (CET).
    name: 'CRA: 24 hours across the end of summer time are elapsed hours',
    facts: euProduct({ assessment: { activelyExploited: true, severeIncident: false }, events: { becameAware: '2026-10-24T20:00', fixAvailable: '2026-10-30T10:00' } }),
    now: '2026-10-25T00:00:00Z',
    obligations: {
      'cra-aev-early-warning': { dueAt: '2026-10-25T18:00:00.000Z' },
      'cra-aev-notification': { dueAt: '2026-10-27T18:00:00.000Z' },
      'cra-aev-final-report': { dueAt: '2026-11-13T22:59:59.999Z' },
      'cra-inform-users': {},
    },
  },
  {
    // Notification submitted 2027-01-31 → one month = 02-28 (Feb has no 31st).
    name: 'CRA: one month from Jan 31 ends on Feb 28 (Reg. 1182/71 Art 3(2)(c))',
    facts: euProduct({
      assessment: { activelyExploited: false, severeIncident: true },
      events: { becameAware: '2027-01-29T10:00' },
      fulfilled: { 'cra-incident-early-warning': '2027-01-29T18:00', 'cra-incident-notification': '2027-01-31T10:00' },
    }),
    now: '2027-02-01T00:00:00Z',
    obligations: {
      'cra-incident-early-warning': { status: 'fulfilled' },
      'cra-incident-notification': { status: 'fulfilled' },
      'cra-incident-final-report': { dueAt: '2027-02-28T22:59:59.999Z' },
      'cra-inform-users': {},
    },
  },
  {
    name: 'CRA: not in scope for a non-device product declared out of scope',
    facts: { ...euProduct({ assessment: { activelyExploited: true }, events: { becameAware: '2026-10-01T10:00' } }), product: { markets: ['EU'], kind: 'non-device', craInScope: false } },
    now: '2026-10-02T00:00:00Z',
    obligations: {},
    notApplicable: { 'cra-aev-early-warning': 'out-of-scope', 'cra-inform-users': 'out-of-scope' },
  },
  {
    name: 'CRA: exploitation and severity not assessed → all Art 14 reports provisional',
    facts: euProduct({ events: { becameAware: '2026-10-01T10:00' } }),
    now: '2026-10-01T12:00:00Z',
    obligations: {
      'cra-aev-early-warning': { dueAt: '2026-10-02T08:00:00.000Z', provisional: true },
      'cra-aev-notification': { dueAt: '2026-10-04T08:00:00.000Z', provisional: true },
      'cra-aev-final-report': { dueAt: null, provisional: true },
      'cra-incident-early-warning': { dueAt: '2026-10-02T08:00:00.000Z', provisional: true },
      'cra-incident-notification': { dueAt: '2026-10-04T08:00:00.000Z', provisional: true },
      'cra-incident-final-report': { dueAt: null, provisional: true },
      'cra-inform-users': {},
    },
    missingFacts: ['$.assessment.activelyExploited', '$.assessment.severeIncident', '$.events.fixAvailable', '$.fulfilled["cra-incident-notification"]'],
  },
];

export const nis2AndCirciaScenarios: Scenario[] = [
  {
    // Aware 11-10 14:00 CET = 13:00Z → 24 h 11-11 13:00Z, 72 h 11-13 13:00Z.
    // Notification submitted 11-12 09:00 CET → final report 12-12 (CET).
    name: 'NIS2: 24 h / 72 h / final report one month after the notification',
    facts: nis2Case({ becameAware: '2026-11-10T14:00' }, { fulfilled: { 'nis2-incident-notification': '2026-11-12T09:00' } }),
    now: '2026-11-12T12:00:00Z',
    obligations: {
      'nis2-early-warning': { dueAt: '2026-11-11T13:00:00.000Z', status: 'overdue' },
      'nis2-incident-notification': { dueAt: '2026-11-13T13:00:00.000Z', status: 'fulfilled' },
      'nis2-final-report': { dueAt: '2026-12-12T22:59:59.999Z', status: 'pending' },
    },
  },
  {
    // At 11-11 08:00Z: early warning 5 h left (≤ 6 h) → due soon; notification 53 h left (> 18 h) → pending.
    name: 'NIS2: before the notification is sent the final report has no date yet',
    facts: nis2Case({ becameAware: '2026-11-10T14:00' }),
    now: '2026-11-11T08:00:00Z',
    obligations: {
      'nis2-early-warning': { dueAt: '2026-11-11T13:00:00.000Z', status: 'due-soon' },
      'nis2-incident-notification': { dueAt: '2026-11-13T13:00:00.000Z', status: 'pending' },
      'nis2-final-report': { dueAt: null, status: 'pending' },
    },
    missingFacts: ['$.fulfilled["nis2-incident-notification"]'],
  },
  {
    // Notification submitted Sun 2027-01-31 → one month = Sun 02-28 → with Art 3(4): Mon 03-01 (CET).
    name: 'NIS2: one month ending on a Sunday, extended to Monday when Art 3(4) is enabled',
    facts: nis2Case({ becameAware: '2027-01-29T10:00' }, { fulfilled: { 'nis2-early-warning': '2027-01-29T20:00', 'nis2-incident-notification': '2027-01-31T10:00' } }),
    now: '2027-02-01T00:00:00Z',
    settings: { euWeekendExtension: true },
    obligations: {
      'nis2-early-warning': { status: 'fulfilled' },
      'nis2-incident-notification': { status: 'fulfilled' },
      'nis2-final-report': { dueAt: '2027-03-01T22:59:59.999Z' },
    },
  },
  {
    name: 'NIS2: organisation is not an essential or important entity',
    facts: { ...nis2Case({ becameAware: '2026-11-10T14:00' }), organisation: { nis2Entity: false } },
    now: '2026-11-11T08:00:00Z',
    obligations: {},
    notApplicable: { 'nis2-early-warning': 'out-of-scope', 'nis2-final-report': 'out-of-scope' },
  },
  {
    // 02:30 on 2026-03-08 does not exist in New York (02:00 → 03:00): read as 03:30 EDT = 07:30Z.
    name: 'hours from a wall time inside the spring-forward gap (New York)',
    facts: { ...nis2Case({ becameAware: '2026-03-08T02:30' }), timeZone: 'America/New_York' },
    now: '2026-03-08T12:00:00Z',
    obligations: {
      'nis2-early-warning': { dueAt: '2026-03-09T07:30:00.000Z' },
      'nis2-incident-notification': { dueAt: '2026-03-11T07:30:00.000Z' },
      'nis2-final-report': { dueAt: null },
    },
    missingFacts: ['$.fulfilled["nis2-incident-notification"]'],
  },
  {
    // 01:30 on 2026-11-01 happens twice in New York; the earlier (EDT, 05:30Z) is used.
    name: 'hours from an ambiguous wall time in the fall-back overlap (New York)',
    facts: { ...nis2Case({ becameAware: '2026-11-01T01:30' }), timeZone: 'America/New_York' },
    now: '2026-11-01T12:00:00Z',
    obligations: {
      'nis2-early-warning': { dueAt: '2026-11-02T05:30:00.000Z' },
      'nis2-incident-notification': { dueAt: '2026-11-04T05:30:00.000Z' },
      'nis2-final-report': { dueAt: null },
    },
    missingFacts: ['$.fulfilled["nis2-incident-notification"]'],
  },
  {
    name: 'CIRCIA: disabled by default, with the reason shown',
    facts: {
      schemaVersion: 1,
      timeZone: 'America/New_York',
      product: { markets: ['US'], kind: 'non-device' },
      organisation: { circiaCoveredEntity: true },
      assessment: { substantialCyberIncident: true },
      events: { becameAware: '2026-05-04T08:00', ransomPaid: '2026-05-05T13:00' },
    },
    now: '2026-05-05T18:00:00Z',
    obligations: {},
    notApplicable: { 'circia-incident-report': 'disabled', 'circia-ransom-payment-report': 'disabled' },
    traceIncludes: ['no final rule had been published'],
  },
  {
    // Enabled: aware 05-04 08:00 EDT = 12:00Z → 72 h 05-07 12:00Z; ransom 05-05 13:00 EDT = 17:00Z → 24 h 05-06 17:00Z.
    name: 'CIRCIA: enabled once a final rule is in force → 72 h incident and 24 h ransom reports',
    facts: {
      schemaVersion: 1,
      timeZone: 'America/New_York',
      product: { markets: ['US'], kind: 'non-device' },
      organisation: { circiaCoveredEntity: true },
      assessment: { substantialCyberIncident: true },
      events: { becameAware: '2026-05-04T08:00', ransomPaid: '2026-05-05T13:00' },
    },
    now: '2026-05-05T18:00:00Z',
    settings: { packs: { 'us-circia': { enabled: true } } },
    obligations: {
      'circia-ransom-payment-report': { dueAt: '2026-05-06T17:00:00.000Z', status: 'pending' },
      'circia-incident-report': { dueAt: '2026-05-07T12:00:00.000Z', status: 'pending' },
    },
  },
];

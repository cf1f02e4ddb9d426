/**
 * 21 CFR 803 (B4) and HIPAA (B6). New York unless stated: EST = UTC−5, EDT = UTC−4
 * (2026-03-08 … 2026-11-01, 2027-03-14 … 2027-11-07).
 */
import type { CaseFacts } from '../facts.ts';
import type { Scenario } from './scenario.ts';

function mdr(assessment: CaseFacts['assessment'], events: CaseFacts['events'], extra: Partial<CaseFacts> = {}): CaseFacts {
  return { schemaVersion: 1, timeZone: 'America/New_York', product: { markets: ['US'], kind: 'device' }, assessment, events, ...extra };
}

function breach(org: CaseFacts['organisation'], phi: CaseFacts['phiBreach'], discovered: CaseFacts['events']): CaseFacts {
  return { schemaVersion: 1, timeZone: 'America/New_York', product: { markets: ['US'], kind: 'device' }, organisation: org, phiBreach: phi, events: discovered };
}

export const mdrScenarios: Scenario[] = [
  {
    // Mon 05-04 + 30 = Wed 06-03 (EDT).
    name: '803: serious injury without remedial action → 30 calendar days',
    facts: mdr({ adverseEvent: 'serious-injury', remedialActionNeeded: false }, { adverseEventAware: '2026-05-04T10:00' }),
    now: '2026-05-05T00:00:00Z',
    obligations: { 'fda-803-30-day': { dueAt: '2026-06-04T03:59:59.999Z', status: 'pending' } },
    notApplicable: { 'fda-803-5-day': 'not-triggered', 'fda-803-supplement': 'not-triggered' },
  },
  {
    name: '803: the same 30-day report is overdue the day after',
    facts: mdr({ adverseEvent: 'serious-injury', remedialActionNeeded: false }, { adverseEventAware: '2026-05-04T10:00' }),
    now: '2026-06-05T00:00:00Z',
    obligations: { 'fda-803-30-day': { dueAt: '2026-06-04T03:59:59.999Z', status: 'overdue' } },
  },
  {
    // Mon 05-18 → Tue 19, Wed 20, Thu 21, Fri 22, (Mon 25 Memorial Day), Tue 26 (5).
    name: '803: remedial action needed → 5 work days instead of 30 days, over Memorial Day',
    facts: mdr({ adverseEvent: 'reportable-malfunction', remedialActionNeeded: true }, { adverseEventAware: '2026-05-18T10:00' }),
    now: '2026-05-19T00:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2026-05-27T03:59:59.999Z' } },
    notApplicable: { 'fda-803-30-day': 'superseded' },
  },
  {
    // Remedial-action awareness Thu 05-07 15:00 → Fri 8, Mon 11, 12, 13, Thu 14 (5).
    name: '803: 5 work days count from awareness of the need for remedial action',
    facts: mdr({ adverseEvent: 'death', remedialActionNeeded: true }, { adverseEventAware: '2026-05-04T10:00', remedialActionAware: '2026-05-07T15:00' }),
    now: '2026-05-08T00:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2026-05-15T03:59:59.999Z' } },
  },
  {
    // Request Mon 02-02; event aware Thu 02-12 → Fri 13 (1), (Mon 16 Washington's Birthday), Tue 17 … Fri 20 (5). EST.
    name: "803: FDA written request → 5 work days, over Washington's Birthday",
    facts: mdr({ adverseEvent: 'serious-injury', remedialActionNeeded: false }, { adverseEventAware: '2026-02-12T09:00', fdaWrittenRequest: '2026-02-02T09:00' }),
    now: '2026-02-13T00:00:00Z',
    obligations: { 'fda-803-5-day': { dueAt: '2026-02-21T04:59:59.999Z' } },
    notApplicable: { 'fda-803-30-day': 'superseded' },
  },
  {
    // Mon 05-04: 5 WD → Mon 05-11; 30 CD → Wed 06-03.
    name: '803: remedial action not assessed → both the 5-day and 30-day reports shown provisionally',
    facts: mdr({ adverseEvent: 'serious-injury' }, { adverseEventAware: '2026-05-04T10:00' }),
    now: '2026-05-05T00:00:00Z',
    obligations: {
      'fda-803-5-day': { dueAt: '2026-05-12T03:59:59.999Z', provisional: true },
      'fda-803-30-day': { dueAt: '2026-06-04T03:59:59.999Z', provisional: false },
    },
    missingFacts: ['$.assessment.remedialActionNeeded'],
  },
  {
    // New information 06-10 → 07-10; 07-01 → 07-31 (EDT).
    name: '803: each piece of new information starts a 30-day supplemental report',
    facts: mdr(
      { adverseEvent: 'serious-injury', remedialActionNeeded: false },
      { adverseEventAware: '2026-05-04T10:00', mdrNewInformation: ['2026-06-10T10:00', '2026-07-01T10:00'] },
      { fulfilled: { 'fda-803-30-day': '2026-05-20T12:00' } },
    ),
    now: '2026-07-05T00:00:00Z',
    obligations: {
      'fda-803-30-day': { status: 'fulfilled' },
      'fda-803-supplement#1': { dueAt: '2026-07-11T03:59:59.999Z', status: 'pending' },
      'fda-803-supplement#2': { dueAt: '2026-08-01T03:59:59.999Z', status: 'pending' },
    },
  },
  {
    name: '803: a vulnerability with no event or malfunction is not an MDR event',
    facts: mdr({ adverseEvent: 'none' }, { adverseEventAware: '2026-05-04T10:00' }),
    now: '2026-05-05T00:00:00Z',
    obligations: {},
    notApplicable: { 'fda-803-30-day': 'not-triggered', 'fda-803-5-day': 'not-triggered' },
  },
];

export const hipaaScenarios: Scenario[] = [
  {
    // Discovered Tue 02-10 + 60 = Sat 04-11 (EDT).
    name: 'HIPAA: 632 individuals, 620 in California → individuals, media and HHS within 60 days',
    facts: breach({ hipaaRole: 'covered-entity' }, { unsecured: true, individualsByState: { CA: 620, NV: 12 } }, { phiBreachDiscovered: '2026-02-10T09:00' }),
    now: '2026-02-11T00:00:00Z',
    obligations: {
      'hipaa-individual-notice': { dueAt: '2026-04-12T03:59:59.999Z' },
      'hipaa-media-notice': { dueAt: '2026-04-12T03:59:59.999Z' },
      'hipaa-hhs-notice': { dueAt: '2026-04-12T03:59:59.999Z' },
    },
    notApplicable: { 'hipaa-hhs-annual-log': 'superseded', 'hipaa-ba-notice': 'out-of-scope' },
  },
  {
    // 500 in one State is not "more than 500" (164.406), but 500 in total is "500 or more" (164.408(b)).
    name: 'HIPAA: exactly 500 residents of one State → HHS now, but no media notice',
    facts: breach({ hipaaRole: 'covered-entity' }, { unsecured: true, individualsByState: { CA: 500 } }, { phiBreachDiscovered: '2026-02-10T09:00' }),
    now: '2026-02-11T00:00:00Z',
    obligations: {
      'hipaa-individual-notice': { dueAt: '2026-04-12T03:59:59.999Z' },
      'hipaa-hhs-notice': { dueAt: '2026-04-12T03:59:59.999Z' },
    },
    notApplicable: { 'hipaa-media-notice': 'not-triggered', 'hipaa-hhs-annual-log': 'superseded' },
  },
  {
    name: 'HIPAA: 501 residents of one State → media notice',
    facts: breach({ hipaaRole: 'covered-entity' }, { unsecured: true, individualsByState: { TX: 501 } }, { phiBreachDiscovered: '2026-02-10T09:00' }),
    now: '2026-02-11T00:00:00Z',
    obligations: {
      'hipaa-individual-notice': { dueAt: '2026-04-12T03:59:59.999Z' },
      'hipaa-media-notice': { dueAt: '2026-04-12T03:59:59.999Z' },
      'hipaa-hhs-notice': { dueAt: '2026-04-12T03:59:59.999Z' },
    },
  },
  {
    // 480 in total spread over States, none above 500: no media, no immediate HHS; annual log.
    // Discovered 07-15 + 60 = 09-13 (EDT). Log: 2026-12-31 + 60 = 2027-03-01 (EST).
    name: 'HIPAA: fewer than 500 individuals → annual log due 60 days after year end (Mar 1)',
    facts: breach({ hipaaRole: 'covered-entity' }, { unsecured: true, individualsByState: { NY: 300, NJ: 180 } }, { phiBreachDiscovered: '2026-07-15T09:00' }),
    now: '2026-07-16T00:00:00Z',
    obligations: {
      'hipaa-individual-notice': { dueAt: '2026-09-14T03:59:59.999Z' },
      'hipaa-hhs-annual-log': { dueAt: '2027-03-02T04:59:59.999Z', status: 'pending' },
    },
    notApplicable: { 'hipaa-media-notice': 'not-triggered', 'hipaa-hhs-notice': 'not-triggered' },
  },
  {
    // 2027 breach: log due 2027-12-31 + 60 = 2028-02-29 (leap year). Individuals: 08-01 + 60 = 09-30 (EDT).
    name: 'HIPAA: annual log for a 2027 breach is due Feb 29 2028 (leap year)',
    facts: breach({ hipaaRole: 'covered-entity' }, { unsecured: true, individualsByState: { MA: 40 } }, { phiBreachDiscovered: '2027-08-01T09:00' }),
    now: '2027-08-02T00:00:00Z',
    obligations: {
      'hipaa-individual-notice': { dueAt: '2027-10-01T03:59:59.999Z' },
      'hipaa-hhs-annual-log': { dueAt: '2028-03-01T04:59:59.999Z' },
    },
  },
  {
    // 22:00 on Dec 31 in Los Angeles is already 2027 in New York: the discovery belongs to 2026.
    // Individuals: 12-31 + 60 = 2027-03-01; log 2027-03-01 as well; end of day PST (UTC−8).
    name: 'HIPAA: discovery late on Dec 31 in Los Angeles counts for that calendar year',
    facts: breach({ hipaaRole: 'covered-entity' }, { unsecured: true, individualsByState: { CA: 12 } }, { phiBreachDiscovered: { at: '2026-12-31T22:00', zone: 'America/Los_Angeles' } }),
    now: '2027-01-01T12:00:00Z',
    obligations: {
      'hipaa-individual-notice': { dueAt: '2027-03-02T07:59:59.999Z' },
      'hipaa-hhs-annual-log': { dueAt: '2027-03-02T07:59:59.999Z' },
    },
  },
  {
    // 04-01 + 60 = 05-31 (EDT).
    name: 'HIPAA: business associate notifies the covered entity within 60 days',
    facts: breach({ hipaaRole: 'business-associate' }, { unsecured: true, individualsByState: { FL: 2000 } }, { phiBreachDiscovered: '2026-04-01T10:00' }),
    now: '2026-04-02T00:00:00Z',
    obligations: { 'hipaa-ba-notice': { dueAt: '2026-06-01T03:59:59.999Z' } },
    notApplicable: { 'hipaa-individual-notice': 'out-of-scope', 'hipaa-media-notice': 'out-of-scope', 'hipaa-hhs-notice': 'out-of-scope' },
  },
  {
    name: 'HIPAA: encrypted (secured) PHI is not a breach of unsecured PHI',
    facts: breach({ hipaaRole: 'covered-entity' }, { unsecured: false, individualsByState: { FL: 2000 } }, { phiBreachDiscovered: '2026-04-01T10:00' }),
    now: '2026-04-02T00:00:00Z',
    obligations: {},
    notApplicable: { 'hipaa-individual-notice': 'not-triggered', 'hipaa-hhs-notice': 'not-triggered' },
  },
  {
    name: 'HIPAA: role, security and counts unknown → conservative provisional notices and missing facts',
    facts: breach(undefined, undefined, { phiBreachDiscovered: '2026-04-01T10:00' }),
    now: '2026-04-02T00:00:00Z',
    obligations: {
      'hipaa-individual-notice': { dueAt: '2026-06-01T03:59:59.999Z', provisional: true },
      'hipaa-media-notice': { dueAt: '2026-06-01T03:59:59.999Z', provisional: true },
      'hipaa-hhs-notice': { dueAt: '2026-06-01T03:59:59.999Z', provisional: true },
    },
    missingFacts: ['$.organisation.hipaaRole', '$.phiBreach.individualsByState', '$.phiBreach.unsecured'],
  },
  {
    name: 'HIPAA: neither covered entity nor business associate → not applicable',
    facts: breach({ hipaaRole: 'none' }, { unsecured: true, individualsByState: { FL: 2000 } }, { phiBreachDiscovered: '2026-04-01T10:00' }),
    now: '2026-04-02T00:00:00Z',
    obligations: {},
    notApplicable: { 'hipaa-individual-notice': 'out-of-scope', 'hipaa-ba-notice': 'out-of-scope' },
  },
];

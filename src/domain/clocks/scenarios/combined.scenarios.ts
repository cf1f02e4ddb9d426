/**
 * Whole cases that touch several regimes at once, and the "nothing recorded yet" cases.
 */
import type { Scenario } from './scenario.ts';

export const combinedScenarios: Scenario[] = [
  {
    name: 'product only, no events: nothing applies and nothing is missing',
    facts: { schemaVersion: 1, timeZone: 'America/New_York', product: { markets: ['US', 'EU'], kind: 'device', cyberDevice: true } },
    now: '2026-05-01T00:00:00Z',
    obligations: {},
    notApplicable: { 'fda-806-report': 'no-facts', 'fda-803-30-day': 'no-facts', 'hipaa-individual-notice': 'no-facts', 'eu-mdr-serious-incident-15-day': 'no-facts', 'cra-aev-early-warning': 'out-of-scope', 'circia-incident-report': 'disabled' },
  },
  {
    // Only awareness known (Mon 2026-03-02 10:00 EST) for a US+EU device: every decision is
    // provisional. US: day 30/60 → 04-01/05-01 (EDT); 803 5 WD → 3,4,5,6,9 → Mon 03-09 (EDT);
    // 30 CD → 04-01. EU: assumed public health threat, counted in the trigger's zone (New York):
    // 03-02 + 2 = 03-04, end of day EST = 03-05 04:59:59.999Z.
    name: 'US+EU cyber device, only awareness known: conservative provisional deadlines and the facts to decide',
    facts: {
      schemaVersion: 1,
      timeZone: 'America/New_York',
      product: { markets: ['US', 'EU'], kind: 'device' },
      events: { becameAware: '2026-03-02T10:00' },
    },
    now: '2026-03-02T16:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { dueAt: '2026-04-02T03:59:59.999Z', provisional: true },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z', provisional: true },
      'fda-806-report': { dueAt: null, provisional: true },
      'fda-803-5-day': { dueAt: '2026-03-10T03:59:59.999Z', provisional: true },
      'fda-803-30-day': { dueAt: '2026-04-02T03:59:59.999Z', provisional: true },
      'fda-524b-out-of-cycle-patch': { dueAt: null, provisional: true },
      'eu-mdr-serious-incident-2-day': { dueAt: '2026-03-05T04:59:59.999Z', provisional: true },
    },
    missingFacts: [
      '$.assessment.adverseEvent',
      '$.assessment.euIncident',
      '$.assessment.fscaPlanned',
      '$.assessment.knownSeriousAdverseEvents',
      '$.assessment.remedialActionNeeded',
      '$.assessment.risk',
      '$.events.correctionInitiated',
      '$.organisation.isaoActiveParticipant',
      '$.product.cyberDevice',
    ],
  },
  {
    // Berlin manufacturer, device sold in the US and EU. Aware Tue 2026-06-02 09:00 CEST.
    // US day counts use the Berlin date too (the trigger's zone): 30 days → 07-02, 60 → 08-01 (CEST).
    // 806 initiated Mon 06-08: 9,10,11,12,15,16,17,18,(19 Juneteenth),22,23 → Tue 06-23 (CEST).
    // EU: death → 06-02 + 10 = 06-12 (CEST).
    name: 'Berlin manufacturer, US+EU device, death linked to the exploit: 806, MDR 5-day and EU 10-day reports',
    facts: {
      schemaVersion: 1,
      timeZone: 'Europe/Berlin',
      product: { markets: ['US', 'EU'], kind: 'device', cyberDevice: true },
      organisation: { isaoActiveParticipant: true },
      assessment: {
        risk: 'uncontrolled',
        knownSeriousAdverseEvents: true,
        adverseEvent: 'death',
        remedialActionNeeded: true,
        euIncident: 'death-or-unanticipated-serious-deterioration',
        fscaPlanned: false,
      },
      events: { becameAware: '2026-06-02T09:00', correctionInitiated: '2026-06-08T09:00' },
    },
    now: '2026-06-03T00:00:00Z',
    obligations: {
      // 803 5 WD from Tue 06-02: 3,4,5,8,9 → Tue 06-09 (CEST).
      'fda-803-5-day': { dueAt: '2026-06-09T21:59:59.999Z' },
      'eu-mdr-serious-incident-10-day': { dueAt: '2026-06-12T21:59:59.999Z' },
      'fda-806-report': { dueAt: '2026-06-23T21:59:59.999Z' },
      'fda-post16-customer-communication': { dueAt: '2026-07-02T21:59:59.999Z' },
      'fda-post16-fix-distributed': { dueAt: '2026-08-01T21:59:59.999Z' },
      'fda-524b-out-of-cycle-patch': { dueAt: null },
    },
    notApplicable: { 'fda-803-30-day': 'superseded', 'cra-aev-early-warning': 'out-of-scope' },
  },
];

/**
 * POST16 conditions and Part 806 (B2/B3). Zone America/New_York: EST (UTC−5) until
 * 2026-03-08 02:00 and from 2026-11-01 02:00; EDT (UTC−4) in between. The end of a local day D is
 * D+1 03:59:59.999Z in EDT and D+1 04:59:59.999Z in EST.
 */
import { usDevice, type Scenario } from './scenario.ts';

const uncontrolled = { risk: 'uncontrolled', knownSeriousAdverseEvents: false } as const;

export const fdaPostmarketScenarios: Scenario[] = [
  {
    // Aware Mon 2026-03-02; day 30 = Wed 04-01; day 60 = Fri 05-01 (both EDT).
    name: '806 exemption still achievable before day 30: report not yet required',
    facts: usDevice({ organisation: { isaoActiveParticipant: true }, assessment: uncontrolled, events: { becameAware: '2026-03-02T10:00' } }),
    now: '2026-03-15T12:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { dueAt: '2026-04-02T03:59:59.999Z', status: 'pending' },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z', status: 'pending' },
    },
    notApplicable: { 'fda-806-report': 'exemption-pending', 'fda-806-amendment': 'exemption-pending', 'fda-806-20-record': 'exemption-pending', 'fda-524b-out-of-cycle-patch': 'out-of-scope' },
  },
  {
    // Initiated Tue 03-10; 10 WD: 11,12,13,16,17,18,19,20,23,24 → Tue 03-24 (EDT). Day 30 (04-01) passed on 04-05.
    name: 'day 30 passes without customer communication: exemption lost, 806 report already overdue',
    facts: usDevice({
      organisation: { isaoActiveParticipant: true },
      assessment: uncontrolled,
      events: { becameAware: '2026-03-02T10:00', correctionInitiated: '2026-03-10T09:00' },
    }),
    now: '2026-04-05T12:00:00Z',
    obligations: {
      'fda-806-report': { dueAt: '2026-03-25T03:59:59.999Z', status: 'overdue' },
      'fda-post16-customer-communication': { dueAt: '2026-04-02T03:59:59.999Z', status: 'overdue' },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z', status: 'pending' },
    },
    notApplicable: { 'fda-806-20-record': 'superseded', 'fda-806-amendment': 'not-triggered' },
    traceIncludes: ['passed without customer communication', 'exemption lost'],
  },
  {
    // Same facts on day 29: 1 d 16 h left of a 30-day period → within the 72 h due-soon window.
    name: 'same case on day 29: customer communication due soon, 806 still pending the exemption',
    facts: usDevice({
      organisation: { isaoActiveParticipant: true },
      assessment: uncontrolled,
      events: { becameAware: '2026-03-02T10:00', correctionInitiated: '2026-03-10T09:00' },
    }),
    now: '2026-03-31T12:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { dueAt: '2026-04-02T03:59:59.999Z', status: 'due-soon' },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z', status: 'pending' },
    },
    notApplicable: { 'fda-806-report': 'exemption-pending' },
  },
  {
    name: 'all four conditions met: no 806 report, keep an 806.20 record',
    facts: usDevice({
      organisation: { isaoActiveParticipant: true },
      assessment: uncontrolled,
      events: {
        becameAware: '2026-03-02T10:00',
        customersNotified: '2026-03-20T10:00',
        correctionInitiated: '2026-03-20T10:00',
        fixDistributed: '2026-04-20T10:00',
      },
    }),
    now: '2026-05-10T00:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { dueAt: '2026-04-02T03:59:59.999Z', status: 'fulfilled', late: false },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z', status: 'fulfilled', late: false },
      'fda-806-20-record': { dueAt: null, status: 'pending' },
    },
    notApplicable: { 'fda-806-report': 'exempt', 'fda-806-amendment': 'exempt' },
  },
  {
    // Fix distributed Sat 05-02, day 61 (day 60 = 05-01). Initiated Fri 03-20; 10 WD: 23,24,25,26,27,30,31,4/1,4/2,4/3 → Fri 04-03.
    name: 'fix distributed on day 61: exemption lost at day 60, 806 report overdue',
    facts: usDevice({
      organisation: { isaoActiveParticipant: true },
      assessment: uncontrolled,
      events: {
        becameAware: '2026-03-02T10:00',
        customersNotified: '2026-03-20T10:00',
        correctionInitiated: '2026-03-20T10:00',
        fixDistributed: '2026-05-02T10:00',
      },
    }),
    now: '2026-05-05T12:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { status: 'fulfilled' },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z', status: 'fulfilled', late: true },
      'fda-806-report': { dueAt: '2026-04-04T03:59:59.999Z', status: 'overdue' },
    },
    traceIncludes: ['after day 60'],
  },
  {
    // POST16 example: not an ISAO member → 806 from intake. Initiated Fri 03-20 → due Fri 04-03.
    name: 'not an ISAO participant: 806 report required even with timely communication',
    facts: usDevice({
      organisation: { isaoActiveParticipant: false },
      assessment: uncontrolled,
      events: { becameAware: '2026-03-02T10:00', customersNotified: '2026-03-20T10:00', correctionInitiated: '2026-03-20T10:00' },
    }),
    now: '2026-03-25T12:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { status: 'fulfilled' },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z', status: 'pending' },
      'fda-806-report': { dueAt: '2026-04-04T03:59:59.999Z', status: 'pending' },
    },
    traceIncludes: ['not an active ISAO participant'],
  },
  {
    // C1 fails. Initiated Wed 03-04; 10 WD: 5,6,9,10,11,12,13,16,17,18 → Wed 03-18 (EDT).
    // 803: adverse event aware Tue 03-03 + 30 calendar days = Thu 04-02 (EDT).
    name: 'serious adverse event known: 806 report and 803 30-day report both apply',
    facts: usDevice({
      organisation: { isaoActiveParticipant: true },
      assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: true, adverseEvent: 'serious-injury', remedialActionNeeded: false },
      events: { becameAware: '2026-03-02T10:00', adverseEventAware: '2026-03-03T09:00', correctionInitiated: '2026-03-04T15:00' },
    }),
    now: '2026-03-06T00:00:00Z',
    obligations: {
      'fda-806-report': { dueAt: '2026-03-19T03:59:59.999Z', status: 'pending' },
      'fda-post16-customer-communication': { dueAt: '2026-04-02T03:59:59.999Z' },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z' },
      'fda-803-30-day': { dueAt: '2026-04-03T03:59:59.999Z', status: 'pending' },
    },
    notApplicable: { 'fda-803-5-day': 'not-triggered' },
  },
  {
    name: 'controlled risk: routine update, no 806 and no POST16 conditions',
    facts: usDevice({ organisation: { isaoActiveParticipant: true }, assessment: { risk: 'controlled' }, events: { becameAware: '2026-03-02T10:00' } }),
    now: '2026-03-15T12:00:00Z',
    obligations: {},
    notApplicable: { 'fda-806-report': 'not-triggered', 'fda-post16-customer-communication': 'not-triggered', 'fda-803-30-day': 'not-triggered' },
  },
  {
    name: 'already reported under Part 803: no separate 806 report (806.10(f))',
    facts: usDevice({
      organisation: { isaoActiveParticipant: false },
      assessment: { ...uncontrolled, reportedUnder803Or1004: true },
      events: { becameAware: '2026-03-02T10:00', correctionInitiated: '2026-03-10T09:00' },
    }),
    now: '2026-03-15T12:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { dueAt: '2026-04-02T03:59:59.999Z' },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z' },
    },
    notApplicable: { 'fda-806-report': 'exempt', 'fda-806-amendment': 'exempt' },
  },
  {
    // Aware Thu 05-28: day 30 = Sat 06-27, day 60 = Mon 07-27. Initiated Mon 06-01: 2,3,4,5,8,9,10,11,12,15 → Mon 06-15.
    // Extended Mon 06-15: 16,17,18,(19 Juneteenth),22,23,24,25,26,29,30 → Tue 06-30.
    name: 'correction extended to more versions: 806 amendment 10 working days later, skipping Juneteenth',
    facts: usDevice({
      organisation: { isaoActiveParticipant: false },
      assessment: uncontrolled,
      events: { becameAware: '2026-05-28T09:00', correctionInitiated: '2026-06-01T09:00', correctionExtended: ['2026-06-15T09:00'] },
    }),
    now: '2026-06-10T12:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { dueAt: '2026-06-28T03:59:59.999Z' },
      'fda-post16-fix-distributed': { dueAt: '2026-07-28T03:59:59.999Z' },
      'fda-806-report': { dueAt: '2026-06-16T03:59:59.999Z', status: 'pending' },
      'fda-806-amendment#1': { dueAt: '2026-07-01T03:59:59.999Z', status: 'pending' },
    },
  },
  {
    name: 'risk not determined: conditions shown provisionally, 806 report undetermined and missing facts listed',
    facts: usDevice({ events: { becameAware: '2026-03-02T10:00' } }),
    now: '2026-03-05T00:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { dueAt: '2026-04-02T03:59:59.999Z', provisional: true },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z', provisional: true },
      'fda-806-report': { dueAt: null, provisional: true, status: 'pending' },
    },
    missingFacts: ['$.assessment.knownSeriousAdverseEvents', '$.assessment.risk', '$.events.correctionInitiated', '$.organisation.isaoActiveParticipant'],
  },
  {
    // No initiation recorded: the earliest external communication (Thu 03-12) starts the 10 WD:
    // 13,16,17,18,19,20,23,24,25,26 → Thu 03-26.
    name: 'initiation date missing: 806 clock starts at the first customer communication (open question 4)',
    facts: usDevice({
      organisation: { isaoActiveParticipant: false },
      assessment: uncontrolled,
      events: { becameAware: '2026-03-02T10:00', customersNotified: '2026-03-12T16:00' },
    }),
    now: '2026-03-13T00:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { status: 'fulfilled' },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z' },
      'fda-806-report': { dueAt: '2026-03-27T03:59:59.999Z', provisional: true },
    },
    missingFacts: ['$.events.correctionInitiated'],
  },
  {
    // What-if: initiate on Mon 11-23. 10 WD: 24,25,(26 Thanksgiving),27,30,12/1,2,3,4,7,8 → Tue 12-08 (EST).
    // Aware Mon 11-02 (EST): day 30 = Wed 12-02, day 60 = Fri 2027-01-01.
    name: 'what-if: correction initiated next Monday, Thanksgiving skipped in the 10 working days',
    facts: usDevice({
      organisation: { isaoActiveParticipant: false },
      assessment: uncontrolled,
      events: { becameAware: '2026-11-02T10:00', correctionInitiated: '2026-11-23T09:00' },
    }),
    now: '2026-11-20T12:00:00Z',
    obligations: {
      'fda-post16-customer-communication': { dueAt: '2026-12-03T04:59:59.999Z' },
      'fda-post16-fix-distributed': { dueAt: '2027-01-02T04:59:59.999Z' },
      'fda-806-report': { dueAt: '2026-12-09T04:59:59.999Z', status: 'pending' },
    },
  },
  {
    name: 'cyber device with uncontrolled risk: 524B out-of-cycle patch (no fixed number) until the fix is distributed',
    facts: usDevice({
      product: { markets: ['US'], kind: 'device', cyberDevice: true },
      organisation: { isaoActiveParticipant: true },
      assessment: uncontrolled,
      events: { becameAware: '2026-03-02T10:00', fixDistributed: '2026-03-30T10:00', customersNotified: '2026-03-09T10:00' },
    }),
    now: '2026-04-01T00:00:00Z',
    obligations: {
      'fda-524b-out-of-cycle-patch': { dueAt: null, status: 'fulfilled' },
      'fda-post16-customer-communication': { status: 'fulfilled' },
      'fda-post16-fix-distributed': { status: 'fulfilled' },
      'fda-806-20-record': { dueAt: null },
    },
    notApplicable: { 'fda-806-report': 'exempt' },
  },
  {
    name: '806 report rule switched off in the organisation settings',
    facts: usDevice({
      organisation: { isaoActiveParticipant: false },
      assessment: uncontrolled,
      events: { becameAware: '2026-03-02T10:00', correctionInitiated: '2026-03-10T09:00' },
    }),
    now: '2026-03-15T12:00:00Z',
    settings: { rules: { 'fda-806-report': { enabled: false } } },
    obligations: {
      'fda-post16-customer-communication': { dueAt: '2026-04-02T03:59:59.999Z' },
      'fda-post16-fix-distributed': { dueAt: '2026-05-02T03:59:59.999Z' },
    },
    notApplicable: { 'fda-806-report': 'disabled' },
  },
  {
    // 806 due Tue 03-24 (see above); submitted Mon 03-23 → fulfilled on time.
    name: '806 report recorded as submitted on time',
    facts: usDevice({
      organisation: { isaoActiveParticipant: false },
      assessment: uncontrolled,
      events: { becameAware: '2026-03-02T10:00', correctionInitiated: '2026-03-10T09:00', customersNotified: '2026-03-10T09:00' },
      fulfilled: { 'fda-806-report': '2026-03-23T15:00' },
    }),
    now: '2026-03-26T00:00:00Z',
    obligations: {
      'fda-806-report': { dueAt: '2026-03-25T03:59:59.999Z', status: 'fulfilled', late: false },
      'fda-post16-customer-communication': { status: 'fulfilled' },
      'fda-post16-fix-distributed': { status: 'pending' },
    },
  },
  {
    // A fulfilment dated after now is a plan, not a fact: the report stays open.
    name: 'planned submission after now does not count as fulfilled',
    facts: usDevice({
      organisation: { isaoActiveParticipant: false },
      assessment: uncontrolled,
      events: { becameAware: '2026-03-02T10:00', correctionInitiated: '2026-03-10T09:00' },
      fulfilled: { 'fda-806-report': '2026-03-23T15:00' },
    }),
    now: '2026-03-20T12:00:00Z',
    obligations: {
      'fda-806-report': { dueAt: '2026-03-25T03:59:59.999Z', status: 'pending' },
      'fda-post16-customer-communication': { status: 'pending' },
      'fda-post16-fix-distributed': { status: 'pending' },
    },
  },
];

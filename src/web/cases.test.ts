import { describe, it, expect } from 'vitest';
import type { BoardObligation, CaseFacts, Finding } from './api.ts';
import {
  buildFactsPatch,
  bytesToBase64,
  caseTitleForFinding,
  changedFields,
  deadlinesByCase,
  factErrorsByField,
  factLabel,
  formFromFacts,
  formatFactValue,
  formatInZone,
  formatSpan,
  formatTimeLeft,
  parseBoardState,
  parseCaseStatusFilter,
  rebaseForm,
  sortByTimeLeft,
  statusAt,
  timeValueOf,
  wallNow,
  zoneOptions,
  zonedToInstant,
} from './cases.ts';
import type { FactsForm, TimeValue } from './cases.ts';

const facts: CaseFacts = {
  schemaVersion: 1,
  timeZone: 'America/New_York',
  title: 'CVE-2021-44228 in log4j-core',
  product: { name: 'Lumen', markets: ['US'], kind: 'device' },
  assessment: { risk: 'controlled', knownSeriousAdverseEvents: false },
  events: { becameAware: { at: '2026-11-28T09:00', zone: 'Europe/Berlin' }, customersNotified: '2026-11-28T15:00:00Z' },
};

describe('durations and time left', () => {
  it('formats spans as days+hours, hours+minutes or minutes', () => {
    expect(formatSpan(0)).toBe('0m');
    expect(formatSpan(59_999)).toBe('0m');
    expect(formatSpan(12 * 60_000)).toBe('12m');
    expect(formatSpan((5 * 60 + 12) * 60_000)).toBe('5h 12m');
    expect(formatSpan(((3 * 24 + 4) * 60 + 59) * 60_000)).toBe('3d 4h');
    expect(formatTimeLeft(2 * 3_600_000)).toBe('2h 0m left');
    expect(formatTimeLeft(-(26 * 3_600_000))).toBe('1d 2h overdue');
  });

  it('works out the live status from the due and due-soon instants', () => {
    const o = { status: 'pending' as const, dueAt: '2026-12-05T04:59:59.999Z', dueSoonAt: '2026-12-02T04:59:59.999Z' };
    expect(statusAt(o, Date.parse('2026-12-01T00:00:00Z'))).toBe('pending');
    expect(statusAt(o, Date.parse('2026-12-03T00:00:00Z'))).toBe('due-soon');
    expect(statusAt(o, Date.parse('2026-12-05T05:00:00Z'))).toBe('overdue');
    expect(statusAt({ ...o, status: 'fulfilled' }, Date.parse('2027-01-01T00:00:00Z'))).toBe('fulfilled');
    expect(statusAt({ ...o, dueAt: null }, Date.parse('2027-01-01T00:00:00Z'))).toBe('pending');
  });
});

describe('time zones', () => {
  it('shows an instant on the wall clock of a zone, with the zone name', () => {
    expect(formatInZone('2026-12-05T04:59:59.999Z', 'America/New_York')).toBe('2026-12-04 23:59 EST');
    expect(formatInZone('2026-12-05T04:59:59.999Z', 'UTC')).toBe('2026-12-05 04:59 UTC');
    expect(formatInZone('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-07-01 14:00 GMT+2');
    expect(formatInZone(null, 'UTC')).toBe('—');
  });

  it('turns a wall time in a zone into its instant, across DST changes', () => {
    expect(zonedToInstant('2026-11-28T09:00', 'America/New_York')).toBe('2026-11-28T14:00:00.000Z');
    expect(zonedToInstant('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T13:00:00.000Z');
    expect(zonedToInstant('2026-03-01T12:30', 'UTC')).toBe('2026-03-01T12:30:00.000Z');
    // Spring-forward gap (New York, 8 Mar 2026 02:00 → 03:00): 02:30 does not exist and moves forward.
    expect(zonedToInstant('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    // Fall-back overlap (1 Nov 2026 01:30 happens twice): the earlier instant.
    expect(zonedToInstant('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedToInstant('2026-11-28T09:00', 'Asia/Kolkata')).toBe('2026-11-28T03:30:00.000Z');
    expect(zonedToInstant('2026-11-28T09:00', 'Pacific/Chatham')).toBe('2026-11-27T19:15:00.000Z');
    expect(zonedToInstant('28.11.2026 09:00', 'UTC')).toBeNull();
  });

  it('gives now as a wall time for datetime inputs, and offers the preferred zones first', () => {
    expect(wallNow(Date.parse('2026-11-29T13:44:25Z'), 'Asia/Tokyo')).toBe('2026-11-29T22:44');
    expect(zoneOptions(['Africa/Abidjan', 'Europe/Berlin', 'UTC'], 'Europe/Berlin', null, 'America/New_York')).toEqual(['Europe/Berlin', 'America/New_York', 'UTC', 'Africa/Abidjan']);
  });
});

describe('the facts form', () => {
  it('reads the facts into flat form values; instants show in their zone, unset fields are empty', () => {
    const form = formFromFacts(facts);
    expect(form.timeZone).toBe('America/New_York');
    expect(form.values['product.kind']).toBe('device');
    expect(form.values['product.markets']).toEqual(['US']);
    expect(form.values['assessment.risk']).toBe('controlled');
    expect(form.values['assessment.knownSeriousAdverseEvents']).toBe('false');
    expect(form.values['assessment.remedialActionNeeded']).toBe('');
    expect(form.values['events.becameAware']).toEqual({ at: '2026-11-28T09:00', zone: 'Europe/Berlin' });
    expect(form.values['events.customersNotified']).toEqual({ at: '2026-11-28T10:00', zone: 'America/New_York' });
    expect(form.values['events.correctionInitiated']).toEqual({ at: '', zone: 'America/New_York' });
    expect(formFromFacts(facts, 'Asia/Tokyo').values['events.fixAvailable']).toEqual({ at: '', zone: 'Asia/Tokyo' });
    expect(formFromFacts(facts, 'Asia/Tokyo').values['events.becameAware']).toEqual({ at: '2026-11-28T09:00', zone: 'Europe/Berlin' });
    expect(timeValueOf('2026-11-28T09:00', 'Europe/Paris')).toEqual({ at: '2026-11-28T09:00', zone: 'Europe/Paris' });
  });

  it('builds a merge patch of only the changed facts, null for a cleared one', () => {
    const before = formFromFacts(facts);
    expect(buildFactsPatch(before, before)).toEqual({});
    const after: FactsForm = {
      timeZone: before.timeZone,
      values: {
        ...before.values,
        'assessment.risk': 'uncontrolled',
        'assessment.knownSeriousAdverseEvents': '',
        'assessment.adverseEvent': 'serious-injury',
        'product.markets': ['US', 'EU'],
        'events.correctionInitiated': { at: '2026-11-29T08:00', zone: 'America/Chicago' },
        'events.customersNotified': { at: '', zone: 'America/New_York' },
      },
    };
    expect(buildFactsPatch(before, after)).toEqual({
      product: { markets: ['EU', 'US'] },
      assessment: { risk: 'uncontrolled', knownSeriousAdverseEvents: null, adverseEvent: 'serious-injury' },
      events: { correctionInitiated: { at: '2026-11-29T08:00', zone: 'America/Chicago' }, customersNotified: null },
    });
    expect(changedFields(before, after)).toHaveLength(6);
  });

  it('leaves a time alone when only its zone select moved without a value, and sends a zone change of a set time', () => {
    const before = formFromFacts(facts);
    const moved = { ...before, values: { ...before.values, 'events.fixAvailable': { at: '', zone: 'Asia/Tokyo' } } };
    expect(buildFactsPatch(before, moved)).toEqual({});
    const rezoned = { ...before, values: { ...before.values, 'events.becameAware': { ...(before.values['events.becameAware'] as TimeValue), zone: 'UTC' } } };
    expect(buildFactsPatch(before, rezoned)).toEqual({ events: { becameAware: { at: '2026-11-28T09:00', zone: 'UTC' } } });
    expect(buildFactsPatch(before, { ...before, timeZone: 'Europe/Berlin' })).toEqual({ timeZone: 'Europe/Berlin' });
  });

  it('keeps unsaved edits when new facts arrive from the server', () => {
    const before = formFromFacts(facts);
    const edited: FactsForm = { ...before, values: { ...before.values, 'assessment.adverseEvent': 'death' } };
    const next = formFromFacts({ ...facts, assessment: { risk: 'uncontrolled' } });
    const rebased = rebaseForm(before, edited, next);
    expect(rebased.values['assessment.adverseEvent']).toBe('death');
    expect(rebased.values['assessment.risk']).toBe('uncontrolled');
    expect(buildFactsPatch(next, rebased)).toEqual({ assessment: { adverseEvent: 'death' } });
    expect(rebaseForm(before, before, next)).toEqual(next);
  });

  it('puts the server errors on the form fields they belong to', () => {
    expect(
      factErrorsByField([
        { path: '$.events.becameAware.at', message: 'not a real date' },
        { path: '$.events.becameAware.zone', message: 'unknown zone' },
        { path: '$.assessment.risk', message: 'must be controlled or uncontrolled' },
        { path: '$.timeZone', message: "unknown IANA time zone 'Mars/Olympus'" },
        { path: '$.events.mdrNewInformation[0]', message: 'bad' },
        { path: '$', message: 'must be an object' },
      ]),
    ).toEqual({
      'events.becameAware': 'not a real date',
      'assessment.risk': 'must be controlled or uncontrolled',
      timeZone: "unknown IANA time zone 'Mars/Olympus'",
    });
    expect(factErrorsByField(undefined)).toEqual({});
  });

  it('labels fact paths and timeline values for people', () => {
    expect(factLabel('$.events.correctionInitiated')).toBe('Events · Correction initiated');
    expect(factLabel('/assessment/risk')).toBe('Assessment · Risk of patient harm');
    expect(factLabel('/fulfilled/fda-806-report')).toBe('Fulfilled · fda-806-report');
    expect(factLabel('/timeZone')).toBe('Case time zone');
    expect(factLabel('/product/name')).toBe('Product · Name');
    expect(factLabel('/events/mdrNewInformation')).toBe('events.mdrNewInformation');
    expect(formatFactValue({ at: '2026-11-28T09:00', zone: 'Europe/Berlin' }, 'Europe/Berlin')).toBe('2026-11-28 09:00 (Europe/Berlin)');
    expect(formatFactValue('2026-11-28T09:00', 'UTC')).toBe('2026-11-28 09:00 (UTC)');
    expect(formatFactValue('2026-11-28T09:00:00Z', 'UTC')).toBe('2026-11-28T09:00:00Z');
    expect(formatFactValue(true, null)).toBe('yes');
    expect(formatFactValue(null, null)).toBe('removed');
    expect(formatFactValue(['US', 'EU'], null)).toBe('US, EU');
  });
});

function boardItem(caseId: string, number: number, key: string, dueAt: string | null, status: BoardObligation['status'] = 'pending', dueSoonAt: string | null = null): BoardObligation {
  return {
    id: `${caseId}-${key}`, caseId, key, ruleId: key, packId: 'p', title: key, citation: '', period: '', trigger: null, dueAt, dueLocal: null, timeZone: 'UTC', dueSoonAt,
    status, liveStatus: status, timeLeft: null, provisional: false, assumptions: [], missingFacts: [], naSource: null, naCode: null, naReason: null, naBy: null, naAt: null,
    fulfilledAt: null, fulfilledBy: null, late: false, reference: null, document: null,
    case: { id: caseId, number, title: `Case ${number}`, kind: 'vulnerability' },
  };
}

describe('board summaries', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  const items = [
    boardItem('a', 1, 'x', null),
    boardItem('a', 1, 'y', '2026-12-10T00:00:00Z', 'pending', '2026-12-07T00:00:00Z'),
    boardItem('a', 1, 'z', '2026-11-30T00:00:00Z'),
    boardItem('b', 2, 'w', '2026-12-02T00:00:00Z', 'pending', '2026-11-29T00:00:00Z'),
    boardItem('b', 2, 'v', '2026-11-01T00:00:00Z', 'fulfilled'),
  ];

  it('counts overdue and due-soon obligations per case and finds the nearest deadline', () => {
    const byCase = deadlinesByCase(items, now);
    expect(byCase.get('a')).toMatchObject({ overdue: 1, dueSoon: 0, open: 3 });
    expect(byCase.get('a')!.nearest!.key).toBe('z');
    expect(byCase.get('b')).toMatchObject({ overdue: 0, dueSoon: 1, open: 1 });
    expect(byCase.get('b')!.nearest!.key).toBe('w');
    expect(byCase.get('c')).toBeUndefined();
  });

  it('orders by time left, those without a due instant last', () => {
    expect(sortByTimeLeft(items).map((o) => o.key)).toEqual(['v', 'z', 'w', 'y', 'x']);
  });

  it('reads the filters from the query string', () => {
    expect(parseBoardState('?state=overdue')).toBe('overdue');
    expect(parseBoardState('?state=due-soon')).toBe('due-soon');
    expect(parseBoardState('?state=bogus')).toBe('open');
    expect(parseCaseStatusFilter('')).toBe('open');
    expect(parseCaseStatusFilter('?status=closed')).toBe('closed');
    expect(parseCaseStatusFilter('?status=all')).toBe('all');
  });
});

describe('a case from a finding', () => {
  it('titles it with the CVE, the component and the product release', () => {
    const finding = {
      vulnerability: { primaryId: 'GHSA-jfh8-c2jp-5v3q', identifiers: ['GHSA-jfh8-c2jp-5v3q', 'CVE-2021-44228'] },
      component: { name: 'log4j-core', group: 'org.apache.logging.log4j', version: '2.14.1' },
      product: { name: 'Lumen Imaging Workstation' },
      release: { version: '5.0.3', variant: null },
    } as unknown as Finding;
    expect(caseTitleForFinding(finding)).toBe('CVE-2021-44228 in org.apache.logging.log4j/log4j-core@2.14.1 (Lumen Imaging Workstation 5.0.3)');
    const noCve = { ...finding, vulnerability: { ...finding.vulnerability, identifiers: ['GHSA-jfh8-c2jp-5v3q'] } } as Finding;
    expect(caseTitleForFinding(noCve)).toMatch(/^GHSA-jfh8-c2jp-5v3q in /);
  });
});

describe('document upload encoding', () => {
  it('encodes bytes as base64, also past one chunk', () => {
    expect(bytesToBase64(new TextEncoder().encode('806 report'))).toBe('ODA2IHJlcG9ydA==');
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(Buffer.from(bytesToBase64(big), 'base64').equals(Buffer.from(big))).toBe(true);
  });
});

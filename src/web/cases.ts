// Pure helpers for the case pages and the deadline board (no React), unit-tested in cases.test.ts:
// time-zone formatting, time left, the facts form model (groups, state, merge patch), board summaries.
import type { BoardObligation, BoardState, CaseFacts, CaseKind, CaseObligation, Finding, ObligationStatus, TimeFact } from './api.ts';
import { componentLabel, releaseLabel } from './findings.ts';

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  vulnerability: 'Vulnerability',
  incident: 'Incident',
  complaint: 'Complaint',
  'cvd-report': 'CVD report',
  other: 'Other',
};

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = {
  pending: 'Pending',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
  fulfilled: 'Fulfilled',
  'not-applicable': 'N/A',
};

export const OBLIGATION_STATUS_TONES: Record<ObligationStatus, 'neutral' | 'ok' | 'warn' | 'danger' | 'accent'> = {
  pending: 'neutral',
  'due-soon': 'warn',
  overdue: 'danger',
  fulfilled: 'ok',
  'not-applicable': 'neutral',
};

export const BOARD_STATES: readonly BoardState[] = ['open', 'due-soon', 'overdue'];
export const BOARD_STATE_LABELS: Record<BoardState, string> = { open: 'All open', 'due-soon': 'Due soon', overdue: 'Overdue', all: 'All' };

/** `?state=overdue` → 'overdue'; anything else → 'open'. */
export function parseBoardState(search: string): BoardState {
  const state = new URLSearchParams(search).get('state');
  return state === 'due-soon' || state === 'overdue' ? state : 'open';
}

/** `?status=closed|all` → that; anything else → 'open'. */
export function parseCaseStatusFilter(search: string): 'open' | 'closed' | 'all' {
  const status = new URLSearchParams(search).get('status');
  return status === 'closed' || status === 'all' ? status : 'open';
}

/** "3d 4h", "5h 12m", "12m" for a span (sign ignored). */
export function formatSpan(ms: number): string {
  let minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  return days ? `${days}d ${hours}h` : hours ? `${hours}h ${minutes}m` : `${minutes}m`;
}

/** "3d 4h left" or "5h 12m overdue". */
export function formatTimeLeft(ms: number): string {
  return ms < 0 ? `${formatSpan(ms)} overdue` : `${formatSpan(ms)} left`;
}

/** The status an open obligation has at `nowMs` (the server's status for closed ones). */
export function statusAt(o: Pick<CaseObligation, 'status' | 'dueAt' | 'dueSoonAt'>, nowMs: number): ObligationStatus {
  const open = o.status === 'pending' || o.status === 'due-soon' || o.status === 'overdue';
  if (!open || !o.dueAt) return o.status;
  if (Date.parse(o.dueAt) - nowMs < 0) return 'overdue';
  if (o.dueSoonAt && nowMs >= Date.parse(o.dueSoonAt)) return 'due-soon';
  return 'pending';
}

export function isOpenStatus(status: ObligationStatus): boolean {
  return status === 'pending' || status === 'due-soon' || status === 'overdue';
}

function partsIn(ms: number, timeZone: string): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** An instant as "2026-12-04 23:59" on the wall clock of `timeZone`. */
export function wallTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = partsIn(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The short name of a zone's offset at an instant: "EST", "GMT+1", "UTC". */
export function zoneAbbreviation(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return timeZone;
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "2026-12-04 23:59 EST": an instant in a zone, with the zone's name. */
export function formatInZone(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  if (Number.isNaN(Date.parse(iso))) return iso;
  return `${wallTime(iso, timeZone)} ${zoneAbbreviation(iso, timeZone)}`;
}

/** Offset of `timeZone` from UTC at the instant `ms`, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const p = partsIn(ms, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant of a wall time (`YYYY-MM-DDTHH:mm`) in `timeZone`, as an ISO string with Z, or null
 * when the text is no wall time. In a DST gap the time moves forward; in an overlap the earlier instant wins.
 */
export function zonedToInstant(wall: string, timeZone: string): string | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // Try the offsets in force a day either side; the earliest consistent answer is the earlier instant of an overlap.
  const candidates = [...new Set([offsetAt(naive - 86_400_000, timeZone), offsetAt(naive, timeZone), offsetAt(naive + 86_400_000, timeZone)])]
    .map((off) => naive - off)
    .filter((ms) => naive - offsetAt(ms, timeZone) === ms)
    .sort((a, b) => a - b);
  const ms = candidates[0] ?? naive - offsetAt(naive - 86_400_000, timeZone);
  return new Date(ms).toISOString();
}

/** Now as a wall time `YYYY-MM-DDTHH:mm` in `timeZone` (for a datetime-local input's default). */
export function wallNow(nowMs: number, timeZone: string): string {
  return wallTime(new Date(nowMs).toISOString(), timeZone).replace(' ', 'T');
}

// ── The facts form ────────────────────────────────────────────────────────────────────────────

export type FactFieldKind = 'choice' | 'flag' | 'time' | 'markets';

export interface FactField {
  /** Path in the facts, e.g. ['events', 'becameAware']. */
  path: readonly [string, string];
  label: string;
  kind: FactFieldKind;
  hint?: string;
  options?: ReadonlyArray<{ value: string; label: string }>;
}

export interface FactGroup {
  id: string;
  label: string;
  fields: readonly FactField[];
}

const flag = (group: string, key: string, label: string, hint?: string): FactField => ({ path: [group, key], label, kind: 'flag', ...(hint ? { hint } : {}) });
const time = (key: string, label: string, hint?: string): FactField => ({ path: ['events', key], label, kind: 'time', ...(hint ? { hint } : {}) });

/** The facts form, grouped as in the facts format (docs/clocks.md). Lists of times (806 extensions, 803 new information) and PHI counts are left to the API. */
export const FACT_GROUPS: readonly FactGroup[] = [
  {
    id: 'product',
    label: 'Product',
    fields: [
      { path: ['product', 'kind'], label: 'Kind', kind: 'choice', options: [{ value: 'device', label: 'Medical device' }, { value: 'non-device', label: 'Not a device' }] },
      { path: ['product', 'markets'], label: 'Markets', kind: 'markets' },
      flag('product', 'cyberDevice', 'Cyber device', 'FD&C Act §524B(c)'),
      flag('product', 'craInScope', 'In CRA scope', 'Non-device product with digital elements'),
    ],
  },
  {
    id: 'assessment',
    label: 'Assessment',
    fields: [
      { path: ['assessment', 'risk'], label: 'Risk of patient harm', kind: 'choice', hint: 'POST16 determination', options: [{ value: 'controlled', label: 'Controlled' }, { value: 'uncontrolled', label: 'Uncontrolled' }] },
      {
        path: ['assessment', 'adverseEvent'],
        label: 'Adverse event',
        kind: 'choice',
        hint: '803.50(a)',
        options: [
          { value: 'death', label: 'Death' },
          { value: 'serious-injury', label: 'Serious injury' },
          { value: 'reportable-malfunction', label: 'Reportable malfunction' },
          { value: 'none', label: 'None' },
        ],
      },
      flag('assessment', 'knownSeriousAdverseEvents', 'Known serious adverse events', 'POST16 condition 1'),
      flag('assessment', 'remedialActionNeeded', 'Remedial action needed', '803.53(a)'),
      flag('assessment', 'reportedUnder803Or1004', 'Already reported under 803/1004', '806.10(f)'),
      {
        path: ['assessment', 'euIncident'],
        label: 'EU incident',
        kind: 'choice',
        hint: 'MDR Art 87',
        options: [
          { value: 'serious-public-health-threat', label: 'Serious public health threat' },
          { value: 'death-or-unanticipated-serious-deterioration', label: 'Death / unanticipated serious deterioration' },
          { value: 'serious-incident', label: 'Serious incident' },
          { value: 'not-serious', label: 'Not serious' },
          { value: 'none', label: 'None' },
        ],
      },
      flag('assessment', 'fscaPlanned', 'FSCA planned', 'MDR Art 2(68)'),
      flag('assessment', 'activelyExploited', 'Actively exploited', 'CRA Art 14(1)'),
      flag('assessment', 'severeIncident', 'Severe incident', 'CRA Art 14(3)'),
      flag('assessment', 'significantIncident', 'Significant incident', 'NIS2 Art 23(3)'),
      flag('assessment', 'substantialCyberIncident', 'Substantial cyber incident', 'CIRCIA'),
    ],
  },
  {
    id: 'events',
    label: 'Events',
    fields: [
      time('becameAware', 'Became aware', 'Learned of the vulnerability or incident'),
      time('riskDetermined', 'Risk determined'),
      time('adverseEventAware', 'Aware of adverse event', '803.50'),
      time('remedialActionAware', 'Aware remedial action needed', '803.53(a)'),
      time('fdaWrittenRequest', 'FDA written request', '803.53(b)'),
      time('correctionInitiated', 'Correction initiated', '806.10(b)'),
      time('customersNotified', 'Customers notified', 'POST16 condition 2'),
      time('fixAvailable', 'Fix available', 'CRA Art 14(2)(c)'),
      time('fixDistributed', 'Fix distributed', 'POST16 condition 3'),
      time('fscaStart', 'FSCA start', 'MDR Art 87(1)(b)'),
      time('phiBreachDiscovered', 'PHI breach discovered', 'HIPAA 164.404(a)(2)'),
      time('ransomPaid', 'Ransom paid', 'CIRCIA'),
    ],
  },
  {
    id: 'organisation',
    label: 'Organisation',
    fields: [
      flag('organisation', 'isaoActiveParticipant', 'Active ISAO participant', 'POST16 condition 4'),
      {
        path: ['organisation', 'hipaaRole'],
        label: 'HIPAA role',
        kind: 'choice',
        options: [
          { value: 'covered-entity', label: 'Covered entity' },
          { value: 'business-associate', label: 'Business associate' },
          { value: 'none', label: 'None' },
        ],
      },
      flag('organisation', 'nis2Entity', 'NIS2 entity'),
      flag('organisation', 'circiaCoveredEntity', 'CIRCIA covered entity'),
    ],
  },
  {
    id: 'phiBreach',
    label: 'PHI breach',
    fields: [flag('phiBreach', 'unsecured', 'PHI unsecured', 'False when encrypted per HHS guidance')],
  },
];

export const MARKETS = ['US', 'EU'] as const;

export function fieldKey(path: readonly string[]): string {
  return path.join('.');
}

/** The form field for a fact path (`$.events.becameAware`, `/events/becameAware`, `events.becameAware`). */
export function fieldOfFactPath(path: string): FactField | null {
  const key = path.replace(/^\$\./, '').replace(/^\//, '').replace(/\//g, '.');
  for (const g of FACT_GROUPS) for (const f of g.fields) if (fieldKey(f.path) === key) return f;
  return null;
}

/** "Events · Became aware" for a fact path; the path itself when the form does not know it. */
export function factLabel(path: string): string {
  const field = fieldOfFactPath(path);
  if (field) return `${FACT_GROUPS.find((g) => g.id === field.path[0])!.label} · ${field.label}`;
  const key = path.replace(/^\$\./, '').replace(/^\//, '').replace(/\//g, '.');
  const named: Record<string, string> = { timeZone: 'Case time zone', title: 'Case title', schemaVersion: 'Facts format version', 'product.name': 'Product · Name', 'organisation.name': 'Organisation · Name' };
  if (named[key]) return named[key];
  if (key.startsWith('fulfilled.')) return `Fulfilled · ${key.slice('fulfilled.'.length)}`;
  return key;
}

/** Problem errors (`$.events.becameAware.at: …`) by form field key; errors on facts the form does not show are left out. */
export function factErrorsByField(errors: ReadonlyArray<{ path: string; message: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const m = /^\$\.(\w+)\.(\w+)/.exec(e.path) ?? /^\/(\w+)\/(\w+)/.exec(e.path);
    const key = m ? `${m[1]}.${m[2]}` : e.path === '$.timeZone' ? 'timeZone' : null;
    if (!key || out[key]) continue;
    if (key === 'timeZone' || fieldOfFactPath(key)) out[key] = e.message;
  }
  return out;
}

export interface TimeValue {
  /** Wall time `YYYY-MM-DDTHH:mm`, '' when unset. */
  at: string;
  zone: string;
}

export type FieldValue = string | TimeValue | string[];

/** The form: flat, keyed by `group.key`; '' is "not recorded"; flags are 'true' / 'false' / ''. */
export interface FactsForm {
  timeZone: string;
  values: Record<string, FieldValue>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** A time fact as the form shows it: a wall time in its zone (an instant is shown in the case zone). */
export function timeValueOf(fact: unknown, caseZone: string): TimeValue {
  const at = typeof fact === 'string' ? fact : isRecord(fact) && typeof fact.at === 'string' ? fact.at : null;
  const zone = isRecord(fact) && typeof fact.zone === 'string' ? fact.zone : caseZone;
  if (at === null) return { at: '', zone: caseZone };
  if (HAS_OFFSET.test(at) && !Number.isNaN(Date.parse(at))) return { at: wallTime(at, zone).replace(' ', 'T'), zone };
  return { at: at.slice(0, 16), zone };
}

/** The form state for the current facts; a time not recorded yet offers `entryZone` (the browser's) for its zone. */
export function formFromFacts(facts: CaseFacts, entryZone?: string): FactsForm {
  const values: Record<string, FieldValue> = {};
  const caseZone = facts.timeZone || 'UTC';
  for (const g of FACT_GROUPS) {
    const section = (facts as Record<string, unknown>)[g.id];
    for (const f of g.fields) {
      const raw = isRecord(section) ? section[f.path[1]] : undefined;
      const key = fieldKey(f.path);
      if (f.kind === 'time') {
        const t = timeValueOf(raw, caseZone);
        values[key] = t.at ? t : { at: '', zone: entryZone ?? caseZone };
      }
      else if (f.kind === 'markets') values[key] = Array.isArray(raw) ? raw.filter((m): m is string => typeof m === 'string') : [];
      else if (f.kind === 'flag') values[key] = raw === true ? 'true' : raw === false ? 'false' : '';
      else values[key] = typeof raw === 'string' ? raw : '';
    }
  }
  return { timeZone: caseZone, values };
}

function factValueOf(field: FactField, value: FieldValue): unknown {
  if (field.kind === 'time') {
    const t = value as TimeValue;
    return t.at ? { at: t.at, zone: t.zone } : null;
  }
  if (field.kind === 'markets') return [...(value as string[])].sort();
  if (field.kind === 'flag') return value === 'true' ? true : value === 'false' ? false : null;
  return value === '' ? null : value;
}

function sameValue(field: FactField, a: FieldValue, b: FieldValue): boolean {
  return JSON.stringify(factValueOf(field, a)) === JSON.stringify(factValueOf(field, b));
}

/**
 * The JSON merge patch (RFC 7396) that takes the facts shown in `before` to `after`: only the fields
 * that changed; null removes a fact. Empty object when nothing changed.
 */
export function buildFactsPatch(before: FactsForm, after: FactsForm): Record<string, unknown> {
  const patch: Record<string, Record<string, unknown> | unknown> = {};
  if (after.timeZone !== before.timeZone) patch.timeZone = after.timeZone;
  for (const g of FACT_GROUPS) {
    for (const f of g.fields) {
      const key = fieldKey(f.path);
      const a = before.values[key];
      const b = after.values[key];
      if (a === undefined || b === undefined || sameValue(f, a, b)) continue;
      const section = (patch[g.id] ??= {}) as Record<string, unknown>;
      section[f.path[1]] = factValueOf(f, b);
    }
  }
  return patch as Record<string, unknown>;
}

/** The fields whose value differs between two form states (for "n unsaved changes"). */
export function changedFields(before: FactsForm, after: FactsForm): string[] {
  const out: string[] = [];
  if (before.timeZone !== after.timeZone) out.push('timeZone');
  for (const g of FACT_GROUPS) {
    for (const f of g.fields) {
      const key = fieldKey(f.path);
      const a = before.values[key];
      const b = after.values[key];
      if (a !== undefined && b !== undefined && !sameValue(f, a, b)) out.push(key);
    }
  }
  return out;
}

/** The edits of `edited` (relative to `before`) applied on top of `next`: new facts from the server keep unsaved edits. */
export function rebaseForm(before: FactsForm, edited: FactsForm, next: FactsForm): FactsForm {
  const changed = changedFields(before, edited);
  const values = { ...next.values };
  for (const key of changed) if (key !== 'timeZone') values[key] = edited.values[key]!;
  return { timeZone: changed.includes('timeZone') ? edited.timeZone : next.timeZone, values };
}

/** A timeline value for people: times as "2026-11-28 09:00 (America/New_York)", lists joined, null as "removed". */
export function formatFactValue(value: unknown, timeZone: string | null): string {
  if (value === null || value === undefined) return 'removed';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    // A wall time counts in the zone the timeline recorded; an instant carries its own offset.
    const wall = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !HAS_OFFSET.test(value);
    return wall && timeZone ? `${value.slice(0, 16).replace('T', ' ')} (${timeZone})` : value;
  }
  if (isRecord(value) && typeof value.at === 'string') {
    const zone = typeof value.zone === 'string' ? value.zone : timeZone;
    return `${value.at.slice(0, 16).replace('T', ' ')}${zone ? ` (${zone})` : ''}`;
  }
  if (Array.isArray(value)) return value.map((v) => formatFactValue(v, timeZone)).join(', ') || '[]';
  return JSON.stringify(value);
}

// ── Cases from findings, and per-case board summaries ───────────────────────────────────────────

/** "CVE-2021-44228 in org.apache.logging.log4j/log4j-core@2.14.1 (Lumen Imaging Workstation 5.0.3)": prefers a CVE id. */
export function caseTitleForFinding(f: Pick<Finding, 'vulnerability' | 'component' | 'product' | 'release'>): string {
  const cve = f.vulnerability.identifiers.find((id) => /^CVE-\d{4}-\d+$/i.test(id));
  const vuln = cve ?? f.vulnerability.primaryId;
  return `${vuln} in ${componentLabel(f.component)} (${f.product.name} ${releaseLabel(f.release)})`;
}

export interface CaseDeadlines {
  /** The open obligation due first (obligations without a due instant come after). */
  nearest: BoardObligation | null;
  overdue: number;
  dueSoon: number;
  open: number;
}

/** Per case: the nearest deadline and the counts of overdue and due-soon obligations, at `nowMs`. */
export function deadlinesByCase(items: readonly BoardObligation[], nowMs: number): Map<string, CaseDeadlines> {
  const out = new Map<string, CaseDeadlines>();
  for (const o of items) {
    const status = statusAt(o, nowMs);
    if (!isOpenStatus(status)) continue;
    const d = out.get(o.case.id) ?? { nearest: null, overdue: 0, dueSoon: 0, open: 0 };
    d.open += 1;
    if (status === 'overdue') d.overdue += 1;
    if (status === 'due-soon') d.dueSoon += 1;
    if (!d.nearest || (o.dueAt && (!d.nearest.dueAt || o.dueAt < d.nearest.dueAt))) d.nearest = o;
    out.set(o.case.id, d);
  }
  return out;
}

/** Board rows in order of time left (overdue first), those without a due instant last. */
export function sortByTimeLeft<T extends Pick<CaseObligation, 'dueAt' | 'key'> & { case: { number: number } }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.dueAt && b.dueAt && a.dueAt !== b.dueAt) return a.dueAt < b.dueAt ? -1 : 1;
    if (a.dueAt && !b.dueAt) return -1;
    if (!a.dueAt && b.dueAt) return 1;
    return a.case.number - b.case.number || a.key.localeCompare(b.key);
  });
}

/** The time zones offered in the selects: the browser's and the case's first, then every IANA zone. */
export function zoneOptions(supported: readonly string[], ...first: ReadonlyArray<string | null | undefined>): string[] {
  const head = first.filter((z): z is string => !!z);
  return [...new Set([...head, 'UTC', ...supported])];
}

/** Reads a TimeFact's wall time for display ("—" when absent). */
export function timeFactText(fact: TimeFact | undefined, caseZone: string): string {
  if (!fact) return '—';
  const v = timeValueOf(fact, caseZone);
  return v.at ? `${v.at.replace('T', ' ')} ${v.zone}` : '—';
}

/** Base64 of bytes (for the fulfil document upload), in chunks so large files do not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

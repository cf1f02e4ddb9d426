// Pure display helpers for findings (no React), unit-tested in findings.test.ts.
import { FINDING_CONFIDENCES, FINDING_STATES, FINDING_STATUSES } from './api.ts';
import type { EvidenceCriterion, Evidence, Finding, FindingConfidence, FindingQuery, FindingState, FindingStatus } from './api.ts';

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  affected: 'Affected',
  indeterminate: 'Needs a look',
};

/** Why an indeterminate finding is shown at all: it is an open question, never a "not affected". */
export const INDETERMINATE_TITLE =
  'Indeterminate: a version or range could not be evaluated. Someone needs to look — this is not "not affected".';

export const FINDING_STATE_LABELS: Record<FindingState, string> = {
  active: 'Active',
  inactive: 'Retracted',
  all: 'All',
};

export const CONFIDENCE_LABELS: Record<FindingConfidence, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** What each confidence level means, for a tooltip. */
export const CONFIDENCE_TITLES: Record<FindingConfidence, string> = {
  high: 'High confidence: matched by package URL (purl) or file hash',
  medium: 'Medium confidence: matched by a CSAF product entry (name, model number or SKU)',
  low: 'Low confidence: matched by CPE, which often over-matches — check the evidence',
};

const METHOD_LABELS: Record<string, string> = {
  purl: 'Package URL',
  cpe: 'CPE',
  csaf: 'CSAF product',
  name: 'Vendor + name',
};

/** "purl" → "Package URL"; unknown methods are shown as given. */
export function methodLabel(method: string): string {
  return METHOD_LABELS[method] ?? method;
}

/** Minimum-severity filter choices: the lower bound of each CVSS band. */
/** EPSS thresholds offered in the filter (probability of exploitation in the next 30 days). */
export const MIN_EPSS_OPTIONS: ReadonlyArray<{ value: number; label: string }> = [
  { value: 0.5, label: 'EPSS ≥ 50 %' },
  { value: 0.1, label: 'EPSS ≥ 10 %' },
  { value: 0.01, label: 'EPSS ≥ 1 %' },
];

export const MIN_SEVERITY_OPTIONS: ReadonlyArray<{ value: number; label: string }> = [
  { value: 9, label: 'Critical' },
  { value: 7, label: 'High +' },
  { value: 4, label: 'Medium +' },
  { value: 0.1, label: 'Low +' },
];

/** "log4j-core@2.17.1", with the group when there is one ("org.apache.logging.log4j/log4j-core@2.17.1"). */
export function componentLabel(c: Pick<Finding['component'], 'name' | 'group' | 'version'>): string {
  const name = c.group ? `${c.group}/${c.name}` : c.name;
  return c.version ? `${name}@${c.version}` : name;
}

/** "3.2.0 (US)" */
export function releaseLabel(r: Pick<Finding['release'], 'version' | 'variant'>): string {
  return r.variant ? `${r.version} (${r.variant})` : r.version;
}

/** The version scheme of a comparison: "semver · declared"; generic comparisons say they are a guess. */
export function schemeText(scheme: Evidence['scheme']): string {
  if (!scheme) return 'no version comparison';
  if (scheme.origin === 'generic') return `${scheme.id} · generic comparison (no scheme known)`;
  if (scheme.origin === 'product') return `${scheme.id} · the product's own scheme`;
  return `${scheme.id} · declared`;
}

/** The advisory's side of a match in one line. */
export function describeCriterion(c: EvidenceCriterion): string {
  if (c.kind === 'package') {
    const where = c.purl ?? (c.ecosystem ? `${c.ecosystem}/${c.name}` : c.name);
    return `Affected package ${where}`;
  }
  if (c.kind === 'cpe') {
    const bounds: string[] = [];
    if (c.versionStartIncluding) bounds.push(`≥ ${c.versionStartIncluding}`);
    if (c.versionStartExcluding) bounds.push(`> ${c.versionStartExcluding}`);
    if (c.versionEndIncluding) bounds.push(`≤ ${c.versionEndIncluding}`);
    if (c.versionEndExcluding) bounds.push(`< ${c.versionEndExcluding}`);
    return `CPE ${c.criteria}${bounds.length ? ` (${bounds.join(', ')})` : ''}`;
  }
  const label = [c.vendor, c.product].filter(Boolean).join(' / ') || c.name;
  const version = c.versionRange ?? c.version;
  return `CSAF product ${c.productId}: ${label}${version ? ` ${version}` : ''}${c.status ? ` — ${c.status.replace(/_/g, ' ')}` : ''}${c.via ? ` (identified by ${c.via})` : ''}`;
}

/** True when any evidence compared versions without a known scheme. */
export function hasGenericComparison(evidence: readonly Evidence[]): boolean {
  return evidence.some((e) => e.scheme?.origin === 'generic');
}

/** Fixed versions in one short line ("2.4.1, 3.0.0"), or null when none is known. */
export function fixedText(versions: readonly string[], max = 3): string | null {
  const unique = [...new Set(versions)];
  if (unique.length === 0) return null;
  if (unique.length <= max) return unique.join(', ');
  return `${unique.slice(0, max).join(', ')} +${unique.length - max}`;
}

// --- filters in the URL ---------------------------------------------------------------------------

export const FINDING_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_FINDING_PAGE_SIZE = 50;

export interface FindingFilters {
  state: FindingState;
  status: FindingStatus | '';
  confidence: FindingConfidence | '';
  kev: boolean;
  minCvss: number | null;
  /** Highest EPSS probability (0–1) at least this. */
  minEpss: number | null;
  /** Product id ('' = every product). */
  product: string;
  q: string;
  offset: number;
  limit: number;
}

export const DEFAULT_FINDING_FILTERS: FindingFilters = {
  state: 'active',
  status: '',
  confidence: '',
  kev: false,
  minCvss: null,
  minEpss: null,
  product: '',
  q: '',
  offset: 0,
  limit: DEFAULT_FINDING_PAGE_SIZE,
};

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function nonNegativeInt(value: string | null, fallback: number): number {
  if (value === null || !/^\d{1,9}$/.test(value)) return fallback;
  return Number(value);
}

/** Reads findings filters from a query string; anything unreadable takes its default. */
export function parseFindingFilters(search: string): FindingFilters {
  const p = new URLSearchParams(search);
  const limit = nonNegativeInt(p.get('limit'), DEFAULT_FINDING_PAGE_SIZE);
  const min = p.get('minCvss');
  const minCvss = min !== null && /^\d{1,2}(\.\d)?$/.test(min) && Number(min) > 0 && Number(min) <= 10 ? Number(min) : null;
  const epss = p.get('minEpss');
  const minEpss = epss !== null && MIN_EPSS_OPTIONS.some((o) => String(o.value) === epss) ? Number(epss) : null;
  const product = p.get('product') ?? '';
  return {
    state: oneOf(p.get('state'), FINDING_STATES) ?? 'active',
    status: oneOf(p.get('status'), FINDING_STATUSES) ?? '',
    confidence: oneOf(p.get('confidence'), FINDING_CONFIDENCES) ?? '',
    kev: p.get('kev') === 'true',
    minCvss,
    minEpss,
    product: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(product) ? product.toLowerCase() : '',
    q: p.get('q') ?? '',
    offset: nonNegativeInt(p.get('offset'), 0),
    limit: (FINDING_PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_FINDING_PAGE_SIZE,
  };
}

/** The query string for filters (defaults left out, so the plain list is just `/findings`). */
export function findingFiltersToSearch(f: FindingFilters): string {
  const p = new URLSearchParams();
  if (f.state !== 'active') p.set('state', f.state);
  if (f.status) p.set('status', f.status);
  if (f.confidence) p.set('confidence', f.confidence);
  if (f.kev) p.set('kev', 'true');
  if (f.minCvss !== null) p.set('minCvss', String(f.minCvss));
  if (f.minEpss !== null) p.set('minEpss', String(f.minEpss));
  if (f.product) p.set('product', f.product);
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.offset > 0) p.set('offset', String(f.offset));
  if (f.limit !== DEFAULT_FINDING_PAGE_SIZE) p.set('limit', String(f.limit));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The API query for filters. */
export function findingQueryOf(f: FindingFilters): FindingQuery {
  return {
    state: f.state,
    ...(f.status ? { status: f.status } : {}),
    ...(f.confidence ? { confidence: f.confidence } : {}),
    ...(f.kev ? { kev: true } : {}),
    ...(f.minCvss !== null ? { minCvss: f.minCvss } : {}),
    ...(f.minEpss !== null ? { minEpss: f.minEpss } : {}),
    ...(f.product ? { product: f.product } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    offset: f.offset,
    limit: f.limit,
  };
}

/** True when anything but the state and paging narrows the list. */
export function isNarrowed(f: FindingFilters): boolean {
  return f.status !== '' || f.confidence !== '' || f.kev || f.minCvss !== null || f.minEpss !== null || f.product !== '' || f.q.trim() !== '';
}

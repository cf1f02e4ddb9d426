// Pure display helpers for vulnerability intelligence (no React), unit-tested in intel.test.ts.
import type { AffectedRange, CpeMatchCriterion, RangeEvent } from './api.ts';
import { formatCount } from './format.ts';

export type SeverityLevel = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** CVSS qualitative rating of a base score: 0 none, 0.1–3.9 low, 4–6.9 medium, 7–8.9 high, 9–10 critical; null when unscored. */
export function severityOf(score: number | null | undefined): SeverityLevel | null {
  if (score === null || score === undefined || !Number.isFinite(score) || score < 0 || score > 10) return null;
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

export const SEVERITY_LABELS: Record<SeverityLevel, string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** "9.8" — CVSS scores always carry one decimal. */
export function formatCvss(score: number): string {
  return score.toFixed(1);
}

/** An EPSS probability (0–1) as a percentage with sensible precision: "97.2%", "1.35%", "0.043%". */
export function formatEpss(epss: number): string {
  if (!Number.isFinite(epss)) return '—';
  const pct = epss * 100;
  if (pct >= 10) return `${pct.toFixed(1)}%`;
  if (pct >= 0.1) return `${pct.toFixed(2)}%`;
  return `${pct.toFixed(3)}%`;
}

/** An EPSS percentile (0–1) as an ordinal: 0.9934 → "99th", 0.021 → "2nd", 0.001 → "0th". */
export function formatPercentile(percentile: number): string {
  const n = Math.max(0, Math.min(100, Math.floor(percentile * 100)));
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function eventVersion(event: RangeEvent, git: boolean): string {
  const value = Object.values(event)[0] as string;
  // Git ranges name commits: a short hash reads better and is still unambiguous in practice.
  return git && /^[0-9a-f]{20,}$/i.test(value) ? value.slice(0, 12) : value;
}

/**
 * One OSV range made readable: events in order, each `introduced` starting a new interval.
 * `introduced 0, fixed 4.17.21` → "≥ 0, fixed 4.17.21"; `last_affected` → "≤ v"; `limit` → "< v".
 */
export function formatRange(range: Pick<AffectedRange, 'type' | 'events'>): string {
  const git = range.type === 'GIT';
  const intervals: string[][] = [];
  for (const event of range.events) {
    const v = eventVersion(event, git);
    if ('introduced' in event) {
      intervals.push([`≥ ${v}`]);
      continue;
    }
    if (intervals.length === 0) intervals.push([]);
    const current = intervals[intervals.length - 1]!;
    if ('fixed' in event) current.push(`fixed ${v}`);
    else if ('last_affected' in event) current.push(`≤ ${v}`);
    else if ('limit' in event) current.push(`< ${v}`);
  }
  return intervals.map((parts) => parts.join(', ')).filter(Boolean).join('; ');
}

/** The version bounds of an NVD CPE match ("≥ 2.0, < 2.4.1"), or '' when it names no range. */
export function formatCpeRange(c: Pick<CpeMatchCriterion, 'versionStartIncluding' | 'versionStartExcluding' | 'versionEndIncluding' | 'versionEndExcluding'>): string {
  const parts: string[] = [];
  if (c.versionStartIncluding) parts.push(`≥ ${c.versionStartIncluding}`);
  if (c.versionStartExcluding) parts.push(`> ${c.versionStartExcluding}`);
  if (c.versionEndIncluding) parts.push(`≤ ${c.versionEndIncluding}`);
  if (c.versionEndExcluding) parts.push(`< ${c.versionEndExcluding}`);
  return parts.join(', ');
}

/**
 * SVG path ("M x y L x y …") drawing `values` left to right in a width × height box, the highest
 * value at the top (pad pixels from the edges). One value draws a flat line; none draws nothing.
 */
export function sparklinePath(values: readonly number[], width: number, height: number, pad = 2): string {
  const points = values.filter((v) => Number.isFinite(v));
  if (points.length === 0) return '';
  const round = (n: number) => Math.round(n * 100) / 100;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const innerH = height - 2 * pad;
  const y = (v: number) => (max === min ? height / 2 : pad + ((max - v) / (max - min)) * innerH);
  if (points.length === 1) return `M ${round(pad)} ${round(y(points[0]!))} L ${round(width - pad)} ${round(y(points[0]!))}`;
  const step = (width - 2 * pad) / (points.length - 1);
  return points.map((v, i) => `${i === 0 ? 'M' : 'L'} ${round(pad + i * step)} ${round(y(v))}`).join(' ');
}

/** A duration in seconds, short: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** How long ago (or until) an ISO timestamp is, seen from `now`: "just now", "5 min ago", "in 2 h". */
export function formatRelative(iso: string | null | undefined, now: Date): string {
  if (!iso) return 'never';
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const diff = (now.getTime() - at) / 1000;
  if (Math.abs(diff) < 45) return 'just now';
  const text = formatDuration(Math.abs(diff)).replace(/ \d+ (min|h)$/, '');
  return diff > 0 ? `${text} ago` : `in ${text}`;
}

/** Feed throughput: "1,234 records/s" (one decimal below 10). */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate < 0) return '—';
  return `${rate < 10 ? rate.toFixed(1) : formatCount(Math.round(rate))} records/s`;
}

/** A feed's watermark (its position in the source) in one short line: strings as they are, objects as compact JSON cut at `max`. */
export function formatWatermark(watermark: unknown, max = 60): string | null {
  if (watermark === null || watermark === undefined || watermark === '') return null;
  const text = typeof watermark === 'string' ? watermark : JSON.stringify(watermark);
  if (text === undefined || text === '{}' || text === '[]') return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const SOURCE_LABELS: Record<string, string> = {
  osv: 'OSV',
  ghsa: 'GitHub',
  nvd: 'NVD',
  cve: 'CVE',
  csaf: 'CSAF',
  internal: 'Internal',
  kev: 'CISA KEV',
  epss: 'EPSS',
};

/** Display name of an advisory source or feed ("ghsa" → "GitHub"); unknown names are shown as given. */
export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

// --- list filters in the URL ------------------------------------------------------------------------

export const VULN_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_VULN_PAGE_SIZE = 50;

export interface VulnFilters {
  q: string;
  source: string;
  kev: boolean;
  withdrawn: boolean;
  offset: number;
  limit: number;
}

function nonNegativeInt(value: string | null, fallback: number): number {
  if (value === null || !/^\d{1,9}$/.test(value)) return fallback;
  return Number(value);
}

/** Reads the vulnerability list filters from a query string; anything unreadable takes its default. */
export function parseVulnFilters(search: string): VulnFilters {
  const p = new URLSearchParams(search);
  const limit = nonNegativeInt(p.get('limit'), DEFAULT_VULN_PAGE_SIZE);
  return {
    q: p.get('q') ?? '',
    source: p.get('source') ?? '',
    kev: p.get('kev') === 'true',
    withdrawn: p.get('withdrawn') === 'true',
    offset: nonNegativeInt(p.get('offset'), 0),
    limit: (VULN_PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_VULN_PAGE_SIZE,
  };
}

/** The query string for filters (defaults left out, so the plain list is just `/vulnerabilities`). */
export function vulnFiltersToSearch(f: VulnFilters): string {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.source) p.set('source', f.source);
  if (f.kev) p.set('kev', 'true');
  if (f.withdrawn) p.set('withdrawn', 'true');
  if (f.offset > 0) p.set('offset', String(f.offset));
  if (f.limit !== DEFAULT_VULN_PAGE_SIZE) p.set('limit', String(f.limit));
  const s = p.toString();
  return s ? `?${s}` : '';
}

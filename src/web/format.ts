// Pure display helpers (no React), unit-tested in format.test.ts.
import type { Component, Problem, RegulatoryPathway, SbomLabel, SupportStatus } from './api.ts';

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1–50 of 1,234" (or "0 of 0"). */
export function pageRange(offset: number, count: number, total: number): string {
  if (total === 0 || count === 0) return `0 of ${formatCount(total)}`;
  return `${formatCount(offset + 1)}–${formatCount(offset + count)} of ${formatCount(total)}`;
}

/** Formats a YYYY-MM-DD date or ISO timestamp as "12 Mar 2025" (UTC, so it never shifts a day). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${day} ${time}`;
}

/** Today as YYYY-MM-DD in UTC. */
export function todayIso(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** True when a date-ish string (YYYY-MM-DD or ISO timestamp) lies before `today` (YYYY-MM-DD). */
export function isPastDate(value: string | null | undefined, today: string): boolean {
  if (!value) return false;
  const day = value.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && day < today;
}

const UNMAINTAINED = /no[\s_-]*longer[\s_-]*maintained|abandoned|unmaintained|end[\s_-]*of[\s_-]*life|\beol\b/i;

/** Why a component's support deserves attention, or null when it does not. */
export function supportConcern(component: Pick<Component, 'levelOfSupport' | 'endOfSupport'>, today: string): string | null {
  if (component.levelOfSupport && UNMAINTAINED.test(component.levelOfSupport)) return 'No longer maintained';
  if (isPastDate(component.endOfSupport, today)) return 'Support has ended';
  return null;
}

export const PATHWAY_LABELS: Record<RegulatoryPathway, string> = {
  '510k': '510(k)',
  'de-novo': 'De Novo',
  pma: 'PMA',
  hde: 'HDE',
  exempt: 'Exempt',
};

export function pathwayLabel(pathway: RegulatoryPathway | null): string {
  return pathway ? PATHWAY_LABELS[pathway] : '—';
}

export function deviceClassLabel(deviceClass: string | null): string {
  return deviceClass ? `Class ${deviceClass}` : '—';
}

export const SUPPORT_STATUS_LABELS: Record<SupportStatus, string> = {
  'in-development': 'In development',
  supported: 'Supported',
  limited: 'Limited support',
  'end-of-support': 'End of support',
};

/** Badge tone for each release support status. */
export const SUPPORT_TONES: Record<SupportStatus, 'neutral' | 'ok' | 'warn' | 'danger'> = {
  'in-development': 'neutral',
  supported: 'ok',
  limited: 'warn',
  'end-of-support': 'danger',
};

export const SBOM_LABEL_NAMES: Record<SbomLabel, string> = {
  firmware: 'Firmware',
  'operating-system': 'Operating system',
  application: 'Application',
  other: 'Other',
};

/** Percentage (0–100) of a done/total pair; null when the total is unknown. */
export function percent(done: number, total: number): number | null {
  if (!Number.isFinite(total) || total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

/** Splits a comma/semicolon/whitespace separated list of market codes into upper-case codes, deduplicated. */
export function parseMarkets(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const code = part.trim().toUpperCase();
    if (code) seen.add(code);
  }
  return [...seen];
}

/** A problem's errors[] path made readable: "/components/3/purl" and "$.components[3].purl" stay as given, "" becomes "(document)". */
export function displayPath(path: string): string {
  const p = withoutRequestPart(path.trim());
  return p === '' || p === '/' || p === '$' ? '(document)' : p;
}

/** errors[] without exact repeats (schema validators often report one mistake several times). */
export function uniqueErrors<T extends { path: string; message: string }>(errors: readonly T[]): T[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Strips the request-part prefix a server puts before a path ("body:$.name" → "$.name"). */
function withoutRequestPart(path: string): string {
  return path.replace(/^(body|querystring|query|params|headers):/, '');
}

/** The form field an errors[] path points at: "/name", "$.name", "body:$.name", "body/name", "/cyberDeviceCriteria/x" → first property. */
export function fieldOf(path: string): string {
  const parts = withoutRequestPart(path)
    .replace(/^[$#]/, '')
    .split(/[./[\]]/)
    .filter(Boolean);
  return (parts[0] === 'body' ? parts[1] : parts[0]) ?? '';
}

/** Field-level messages from a validation problem, keyed by the top-level property they concern. */
export function fieldErrors(problem: Problem | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of problem?.errors ?? []) {
    const key = fieldOf(error.path);
    if (key && !(key in out)) out[key] = error.message;
  }
  return out;
}

/** True when every error of the problem belongs to one of `fields` (so it is shown next to that field). */
export function allErrorsOnFields(problem: Problem | null, fields: readonly string[]): boolean {
  const errors = problem?.errors ?? [];
  return errors.length > 0 && errors.every((e) => fields.includes(fieldOf(e.path)));
}

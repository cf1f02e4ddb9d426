/**
 * NVD CVE API 2.0 (`/rest/json/cves/2.0`) → Advisory (source `nvd`, id = the CVE id).
 *
 * Accepts one `cve` object, one `vulnerabilities[]` item (`{ cve: {...} }`), or a whole response
 * page / legacy 2.0 feed file (`{ resultsPerPage, startIndex, totalResults, vulnerabilities }`).
 * NVD publishes no JSON schema for API 2.0 responses that Vigil could bundle, so records are
 * checked by hand here: a record whose required fields are missing or of the wrong type is
 * reported as a RecordProblem and skipped, the rest of the page is kept.
 *
 * Kept: English description, published/lastModified (NVD writes UTC without a zone; a `Z` is
 * added), `vulnStatus: Rejected` → withdrawn, CPE configurations as written (operator, negate,
 * cpeMatch with version bounds), every CVSS metric (v2, v3.0, v3.1, v4.0; Primary first, then
 * Secondary, each with its source), CWE ids from `weaknesses`, references. Everything else
 * (`cisaExploitAdd`, `cveTags`, `vendorComments`, the new `affected` block…) stays in the raw
 * record, which the source hands on beside the advisory.
 */
import type { Advisory, CpeConfiguration, CpeMatchCriterion, RecordProblem, Reference, Severity } from '../../domain/advisories/advisory.ts';

export const CVE_ID = /^CVE-\d{4}-\d{4,}$/u;

export class RecordError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'RecordError';
  }
}

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new RecordError(`${path}.${key}`, `${key} must be a non-empty string`);
  return v;
}

function optStr(o: Json, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new RecordError(`${path}.${key}`, `${key} must be a string`);
  return v;
}

function arr(o: Json, key: string, path: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new RecordError(`${path}.${key}`, `${key} must be an array`);
  return v;
}

const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/u;

/** NVD timestamps are UTC without a zone ("2024-03-29T17:15:21.150"): made explicit with `Z`. */
export function utcTimestamp(value: string, path: string): string {
  const withZone = ZONED.test(value) ? value : `${value}Z`;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/u.test(withZone) || Number.isNaN(Date.parse(withZone)))
    throw new RecordError(path, `not an ISO 8601 timestamp: ${JSON.stringify(value)}`);
  return withZone;
}

const CWE_ID = /^CWE-\d+$/u;

/** NVD reference tags → OSV reference types. */
export function referenceType(tags: readonly string[]): string {
  const t = new Set(tags.map((x) => x.toLowerCase()));
  if (t.has('patch')) return 'FIX';
  if (t.has('vendor advisory') || t.has('third party advisory') || t.has('us government resource')) return 'ADVISORY';
  if (t.has('exploit')) return 'EVIDENCE';
  if (t.has('issue tracking')) return 'REPORT';
  if (t.has('mailing list') || t.has('press/media coverage')) return 'ARTICLE';
  if (t.has('product') || t.has('release notes')) return 'PACKAGE';
  return 'WEB';
}

const METRIC_KEYS = [
  ['cvssMetricV40', 'CVSS_V4'],
  ['cvssMetricV31', 'CVSS_V3'],
  ['cvssMetricV30', 'CVSS_V3'],
  ['cvssMetricV2', 'CVSS_V2'],
] as const;

/** The CVSS metric arrays NVD may carry, in the order Vigil lists them. */
export const NVD_METRIC_KEYS: readonly string[] = METRIC_KEYS.map(([k]) => k);

function severities(metrics: unknown, path: string): Severity[] {
  if (metrics === undefined || metrics === null) return [];
  if (!isObject(metrics)) throw new RecordError(path, 'metrics must be an object');
  const primary: Severity[] = [];
  const secondary: Severity[] = [];
  for (const [key, type] of METRIC_KEYS) {
    arr(metrics, key, path).forEach((m, i) => {
      const p = `${path}.${key}[${i}]`;
      if (!isObject(m) || !isObject(m.cvssData)) throw new RecordError(p, 'CVSS metric without cvssData');
      const data = m.cvssData;
      const vector = str(data, 'vectorString', `${p}.cvssData`);
      const score = data.baseScore;
      if (typeof score !== 'number' || score < 0 || score > 10) throw new RecordError(`${p}.cvssData.baseScore`, 'baseScore must be a number 0–10');
      // v2 keeps baseSeverity beside cvssData, v3/v4 inside it
      const rating = (typeof data.baseSeverity === 'string' ? data.baseSeverity : typeof m.baseSeverity === 'string' ? m.baseSeverity : null) as string | null;
      const sev: Severity = { type, vector, score, rating, source: typeof m.source === 'string' ? m.source : null };
      (m.type === 'Secondary' ? secondary : primary).push(sev);
    });
  }
  return [...primary, ...secondary];
}

function criterion(m: unknown, path: string): CpeMatchCriterion {
  if (!isObject(m)) throw new RecordError(path, 'cpeMatch entry must be an object');
  const criteria = str(m, 'criteria', path);
  if (typeof m.vulnerable !== 'boolean') throw new RecordError(`${path}.vulnerable`, 'vulnerable must be a boolean');
  const out: { -readonly [K in keyof CpeMatchCriterion]: CpeMatchCriterion[K] } = { criteria, vulnerable: m.vulnerable };
  for (const k of ['versionStartIncluding', 'versionStartExcluding', 'versionEndIncluding', 'versionEndExcluding', 'matchCriteriaId'] as const) {
    const v = optStr(m, k, path);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function operator(v: unknown, path: string, fallback: 'AND' | 'OR' | null): 'AND' | 'OR' {
  if (v === 'AND' || v === 'OR') return v;
  if ((v === undefined || v === null) && fallback) return fallback;
  throw new RecordError(path, `operator must be AND or OR, not ${JSON.stringify(v)}`);
}

/** NVD `configurations` (also CVE 5 `cpeApplicability`, same shape) → CpeConfiguration[]. */
export function cpeConfigurations(list: unknown[], path: string): CpeConfiguration[] {
  return list.map((c, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(c)) throw new RecordError(p, 'configuration must be an object');
    const nodes = arr(c, 'nodes', p).map((n, j) => {
      const np = `${p}.nodes[${j}]`;
      if (!isObject(n)) throw new RecordError(np, 'node must be an object');
      return {
        operator: operator(n.operator, `${np}.operator`, 'OR'),
        negate: n.negate === true,
        cpeMatch: arr(n, 'cpeMatch', np).map((m, k) => criterion(m, `${np}.cpeMatch[${k}]`)),
      };
    });
    return { operator: operator(c.operator, `${p}.operator`, 'OR'), nodes };
  });
}

function cwes(weaknesses: unknown[], path: string): string[] {
  const out = new Set<string>();
  weaknesses.forEach((w, i) => {
    if (!isObject(w)) throw new RecordError(`${path}[${i}]`, 'weakness must be an object');
    for (const d of arr(w, 'description', `${path}[${i}]`)) {
      // NVD-CWE-Other / NVD-CWE-noinfo are placeholders, not weaknesses
      if (isObject(d) && typeof d.value === 'string' && CWE_ID.test(d.value)) out.add(d.value);
    }
  });
  return [...out];
}

function references(list: unknown[], path: string): Reference[] {
  const seen = new Set<string>();
  const out: Reference[] = [];
  list.forEach((r, i) => {
    if (!isObject(r)) throw new RecordError(`${path}[${i}]`, 'reference must be an object');
    const url = str(r, 'url', `${path}[${i}]`);
    if (seen.has(url)) return;
    seen.add(url);
    const tags = Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === 'string') : [];
    out.push({ type: referenceType(tags), url });
  });
  return out;
}

/** One NVD `cve` object → Advisory; throws RecordError (with a JSON path) when malformed. */
export function parseNvdCve(cve: unknown, path = '$'): Advisory {
  if (!isObject(cve)) throw new RecordError(path, 'cve must be an object');
  const id = str(cve, 'id', path);
  if (!CVE_ID.test(id)) throw new RecordError(`${path}.id`, `not a CVE id: ${JSON.stringify(id)}`);
  const modified = utcTimestamp(str(cve, 'lastModified', path), `${path}.lastModified`);
  const publishedRaw = optStr(cve, 'published', path);
  const published = publishedRaw ? utcTimestamp(publishedRaw, `${path}.published`) : null;
  const status = optStr(cve, 'vulnStatus', path);
  const descriptions = arr(cve, 'descriptions', path);
  const en = descriptions.find((d): d is Json => isObject(d) && d.lang === 'en' && typeof d.value === 'string');
  return {
    source: 'nvd',
    id,
    aliases: [],
    related: [],
    summary: null,
    details: en ? (en.value as string) : null,
    published,
    modified,
    withdrawn: status === 'Rejected' ? modified : null,
    affected: [],
    cpeConfigurations: cpeConfigurations(arr(cve, 'configurations', path), `${path}.configurations`),
    csafProducts: [],
    severities: severities(cve.metrics, `${path}.metrics`),
    cwes: cwes(arr(cve, 'weaknesses', path), `${path}.weaknesses`),
    references: references(arr(cve, 'references', path), `${path}.references`),
    credits: [],
  };
}

export interface NvdDocument {
  readonly advisories: Advisory[];
  /** The raw `cve` object of each advisory, by CVE id. */
  readonly raw: Map<string, unknown>;
  readonly problems: RecordProblem[];
  /** Page position when the document is an API page / feed file. */
  readonly page: { readonly startIndex: number; readonly resultsPerPage: number; readonly totalResults: number } | null;
}

/** True for an API page / feed file: an object with a `vulnerabilities` array. */
export function isNvdPage(doc: unknown): doc is Json & { vulnerabilities: unknown[] } {
  return isObject(doc) && Array.isArray(doc.vulnerabilities);
}

/**
 * A parsed JSON value that is an NVD API page, a legacy 2.0 feed file, a `{ cve }` item or a bare
 * `cve` object → advisories + raw records + problems. Malformed records are skipped and reported.
 */
export function parseNvdDocument(doc: unknown, location = 'nvd'): NvdDocument {
  const advisories: Advisory[] = [];
  const raw = new Map<string, unknown>();
  const problems: RecordProblem[] = [];
  const one = (cve: unknown, path: string): void => {
    try {
      const a = parseNvdCve(cve, path);
      advisories.push(a);
      raw.set(a.id, cve);
    } catch (err) {
      const id = isObject(cve) && typeof cve.id === 'string' ? cve.id : null;
      const where = err instanceof RecordError ? err.path : path;
      problems.push({ source: 'nvd', id, location: `${location}:${where}`, reason: err instanceof Error ? err.message : String(err) });
    }
  };
  if (isNvdPage(doc)) {
    doc.vulnerabilities.forEach((v, i) => one(isObject(v) ? v.cve : v, `$.vulnerabilities[${i}].cve`));
    const n = (k: string, d: number): number => (typeof doc[k] === 'number' ? (doc[k] as number) : d);
    return { advisories, raw, problems, page: { startIndex: n('startIndex', 0), resultsPerPage: n('resultsPerPage', doc.vulnerabilities.length), totalResults: n('totalResults', doc.vulnerabilities.length) } };
  }
  if (isObject(doc) && isObject(doc.cve)) one(doc.cve, '$.cve');
  else if (isObject(doc) && typeof doc.id === 'string' && 'lastModified' in doc) one(doc, '$');
  else problems.push({ source: 'nvd', id: null, location, reason: 'not an NVD CVE API 2.0 document (no vulnerabilities[] and no cve object)' });
  return { advisories, raw, problems, page: null };
}

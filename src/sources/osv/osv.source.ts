/**
 * OSV (osv.dev) as a vulnerability source.
 *
 * Per configured ecosystem:
 * - first sync (no watermark for the ecosystem): the `<base>/<ecosystem>/all.zip` dump, streamed
 *   and inflated entry by entry under the `SourceLimits`; batches of `batchSize` records.
 *   Intermediate batches keep the ecosystem's watermark unset (an interrupted dump restarts;
 *   re-sending records is harmless because the store keys them by id and modified), and the last
 *   batch sets it to the newest `modified` seen in the dump.
 * - later syncs: `<base>/<ecosystem>/modified_id.csv`, rows `<iso-modified>,<id>` or
 *   `<iso-modified>,<ecosystem>/<id>`, newest first. Rows are read until the first one not newer
 *   than the watermark (the download is then cancelled), and each changed record is fetched from
 *   `<base>/<ecosystem>/<id>.json`, oldest change first. A batch never splits rows with the same
 *   timestamp, so its watermark (the newest timestamp in it) is exact.
 * Watermark: `{ ecosystems: { [ecosystem]: newest committed modified } }`.
 *
 * `queryOsv` looks up one id (`GET /v1/vulns/{id}`) or one package/version (`POST /v1/query`,
 * following `next_page_token`) against the OSV API.
 *
 * Base URLs are options; the defaults are the public ones. Tests never use them.
 */
import type { Advisory, RecordProblem } from '../../domain/advisories/advisory.ts';
import { parseOsvDocument, parseOsvRecord } from '../../formats/osv/osv.parser.ts';
import { defaultSourceLimits, type HttpDeps, type SourceAdapter, type SourceBatch, type SourceLimits } from '../source.ts';
import { bodyChunks, bodyLines, readBody } from '../http.ts';
import { defaultRetryPolicy, fetchWithRetry, type RetryPolicy } from './osv.http.ts';
import { ArchiveError, zipEntries } from './osv.zip.ts';

export const OSV_DEFAULT_BASE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';
export const OSV_DEFAULT_API_URL = 'https://api.osv.dev';

export interface OsvSourceOptions {
  /** OSV ecosystem names as used in the bucket (`npm`, `PyPI`, `Maven`, `Debian`, …). */
  readonly ecosystems: readonly string[];
  readonly baseUrl?: string;
  readonly batchSize?: number;
  readonly limits?: SourceLimits;
  readonly retry?: Partial<RetryPolicy>;
  /** Parallel record downloads during incremental syncs. */
  readonly concurrency?: number;
}

export interface OsvWatermark {
  readonly ecosystems: Readonly<Record<string, string>>;
}

/** Orders OSV/RFC 3339 UTC timestamps whatever their fractional precision ("…05Z" < "…05.1Z"). */
export function compareTimestamps(a: string, b: string): number {
  const na = normaliseTimestamp(a);
  const nb = normaliseTimestamp(b);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function normaliseTimestamp(t: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/u.exec(t);
  if (m) return `${m[1]!}.${(m[2] ?? '').padEnd(9, '0').slice(0, 9)}`;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : `${new Date(ms).toISOString().slice(0, 19)}.${String(ms % 1000).padStart(3, '0').padEnd(9, '0')}`;
}

function readWatermark(w: unknown): Record<string, string> {
  if (typeof w !== 'object' || w === null) return {};
  const eco = (w as { ecosystems?: unknown }).ecosystems;
  if (typeof eco !== 'object' || eco === null) return {};
  return Object.fromEntries(Object.entries(eco as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function ecosystemUrl(base: string, ecosystem: string, file: string): string {
  return `${base.replace(/\/+$/u, '')}/${encodeURIComponent(ecosystem)}/${file}`;
}

interface Pending {
  advisories: Advisory[];
  problems: RecordProblem[];
  raw: Map<string, unknown>;
}

const empty = (): Pending => ({ advisories: [], problems: [], raw: new Map() });

function batchOf(p: Pending, marks: Record<string, string>, done: number, total: number | null): SourceBatch {
  return { advisories: p.advisories, problems: p.problems, raw: p.raw, watermark: { ecosystems: { ...marks } } satisfies OsvWatermark, progress: { done, total } };
}

async function* syncDump(ecosystem: string, marks: Record<string, string>, options: Required<Pick<OsvSourceOptions, 'baseUrl' | 'batchSize'>> & { limits: SourceLimits; retry: RetryPolicy }, deps: HttpDeps): AsyncGenerator<SourceBatch> {
  const url = ecosystemUrl(options.baseUrl, ecosystem, 'all.zip');
  const res = await fetchWithRetry(url, {}, deps, { ...options.retry, timeoutMs: 0 });
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    yield batchOf({ ...empty(), problems: [{ source: 'osv', id: null, location: url, reason: `HTTP ${res.status}` }] }, marks, 0, null);
    return;
  }
  let pending = empty();
  let done = 0;
  let newest: string | null = null;
  try {
    for await (const entry of zipEntries(bodyChunks(res), options.limits, (n) => n.endsWith('.json'))) {
      const where = `${url}:${entry.name}`;
      if ('skipped' in entry) {
        pending.problems.push({ source: 'osv', id: entry.name.replace(/\.json$/u, ''), location: where, reason: entry.skipped });
      } else {
        const parsed = parseOsvDocument(new TextDecoder().decode(entry.data), { location: where });
        for (const a of parsed.advisories) {
          pending.advisories.push(a);
          if (newest === null || compareTimestamps(a.modified, newest) > 0) newest = a.modified;
        }
        for (const [id, raw] of parsed.raw) pending.raw.set(id, raw);
        pending.problems.push(...parsed.problems);
      }
      done++;
      if (pending.advisories.length + pending.problems.length >= options.batchSize) {
        yield batchOf(pending, marks, done, null);
        pending = empty();
      }
    }
  } catch (e) {
    if (!(e instanceof ArchiveError)) throw e;
    pending.problems.push({ source: 'osv', id: null, location: url, reason: `archive refused (${e.kind}): ${e.message}; the ecosystem's watermark is not moved` });
    yield batchOf(pending, marks, done, null);
    return;
  }
  if (newest !== null) marks[ecosystem] = newest;
  yield batchOf(pending, marks, done, done);
}

interface CsvRow {
  readonly modified: string;
  readonly ecosystem: string;
  readonly id: string;
}

async function* syncIncremental(ecosystem: string, since: string, marks: Record<string, string>, options: Required<Pick<OsvSourceOptions, 'baseUrl' | 'batchSize' | 'concurrency'>> & { limits: SourceLimits; retry: RetryPolicy }, deps: HttpDeps): AsyncGenerator<SourceBatch> {
  const url = ecosystemUrl(options.baseUrl, ecosystem, 'modified_id.csv');
  const res = await fetchWithRetry(url, {}, deps, options.retry);
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    yield batchOf({ ...empty(), problems: [{ source: 'osv', id: null, location: url, reason: `HTTP ${res.status}` }] }, marks, 0, null);
    return;
  }
  const rows: CsvRow[] = [];
  const csvProblems: RecordProblem[] = [];
  const seen = new Set<string>();
  let line = 0;
  for await (const text of bodyLines(bodyChunks(res), options.limits.maxDocumentBytes)) {
    line++;
    if (text.trim() === '') continue;
    const m = /^([^,]+),(.+)$/u.exec(text);
    const modified = m?.[1]?.trim();
    if (!m || !modified || !/^\d{4}-\d{2}-\d{2}T/u.test(modified)) {
      csvProblems.push({ source: 'osv', id: null, location: `${url}:${line}`, reason: `not a "<modified>,<id>" row: ${JSON.stringify(text.slice(0, 80))}` });
      continue;
    }
    if (compareTimestamps(modified, since) <= 0) break; // newest first: everything below is committed
    const ref = m[2]!.trim();
    const slash = ref.lastIndexOf('/');
    const row = { modified, ecosystem: slash === -1 ? ecosystem : ref.slice(0, slash), id: slash === -1 ? ref : ref.slice(slash + 1) };
    if (seen.has(row.id)) continue; // a record listed twice: its newest change is the one that counts
    seen.add(row.id);
    rows.push(row);
  }
  rows.reverse(); // oldest change first, so the watermark only moves forward
  let done = 0;
  let first = true;
  for (let start = 0; start < rows.length || first; ) {
    first = false;
    let end = Math.min(start + options.batchSize, rows.length);
    while (end < rows.length && end > start && rows[end]!.modified === rows[end - 1]!.modified) end++; // keep equal timestamps together
    const slice = rows.slice(start, end);
    const pending = empty();
    if (start === 0) pending.problems.push(...csvProblems);
    for (let i = 0; i < slice.length; i += options.concurrency) {
      const group = slice.slice(i, i + options.concurrency);
      const results = await Promise.all(group.map((row) => fetchRecord(row, options, deps)));
      for (const r of results) {
        if ('problem' in r) pending.problems.push(r.problem);
        else {
          pending.advisories.push(r.advisory);
          pending.raw.set(r.advisory.id, r.raw);
        }
      }
    }
    done += slice.length;
    if (slice.length > 0) marks[ecosystem] = slice[slice.length - 1]!.modified;
    yield batchOf(pending, marks, done, rows.length);
    start = end;
  }
}

async function fetchRecord(row: CsvRow, options: { baseUrl: string; limits: SourceLimits; retry: RetryPolicy }, deps: HttpDeps): Promise<{ advisory: Advisory; raw: unknown } | { problem: RecordProblem }> {
  const url = ecosystemUrl(options.baseUrl, row.ecosystem, `${encodeURIComponent(row.id)}.json`);
  try {
    const res = await fetchWithRetry(url, {}, deps, options.retry);
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { problem: { source: 'osv', id: row.id, location: url, reason: `HTTP ${res.status}` } };
    }
    const text = new TextDecoder().decode(await readBody(res, options.limits.maxDocumentBytes));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { problem: { source: 'osv', id: row.id, location: url, reason: `not valid JSON: ${(e as Error).message}` } };
    }
    const parsed = parseOsvRecord(json, { location: url });
    return parsed.ok ? { advisory: parsed.advisory, raw: json } : { problem: parsed.problem };
  } catch (e) {
    return { problem: { source: 'osv', id: row.id, location: url, reason: (e as Error).message } };
  }
}

export const osvSource: SourceAdapter<OsvSourceOptions> = {
  name: 'osv',
  async *sync(options: OsvSourceOptions, watermark: unknown, deps: HttpDeps): AsyncIterable<SourceBatch> {
    const marks = readWatermark(watermark);
    const resolved = {
      baseUrl: options.baseUrl ?? OSV_DEFAULT_BASE_URL,
      batchSize: Math.max(1, options.batchSize ?? 1000),
      concurrency: Math.max(1, options.concurrency ?? 8),
      limits: options.limits ?? defaultSourceLimits,
      retry: { ...defaultRetryPolicy, ...options.retry },
    };
    for (const ecosystem of options.ecosystems) {
      const since = marks[ecosystem];
      if (since === undefined) yield* syncDump(ecosystem, marks, resolved, deps);
      else yield* syncIncremental(ecosystem, since, marks, resolved, deps);
    }
  },
};

export type OsvQuery = { readonly id: string } | { readonly purl: string; readonly version?: string } | { readonly ecosystem: string; readonly name: string; readonly version?: string };

export interface OsvQueryOptions {
  readonly apiBaseUrl?: string;
  readonly limits?: SourceLimits;
  readonly retry?: Partial<RetryPolicy>;
  /** Safety stop for `next_page_token` paging. */
  readonly maxPages?: number;
}

export interface OsvQueryResult {
  readonly advisories: Advisory[];
  readonly problems: RecordProblem[];
}

/** One look-up against the OSV API: an id, or the advisories affecting a package (at a version). */
export async function queryOsv(query: OsvQuery, options: OsvQueryOptions, deps: HttpDeps): Promise<OsvQueryResult> {
  const api = (options.apiBaseUrl ?? OSV_DEFAULT_API_URL).replace(/\/+$/u, '');
  const limits = options.limits ?? defaultSourceLimits;
  const retry = { ...defaultRetryPolicy, ...options.retry };
  if ('id' in query) {
    const url = `${api}/v1/vulns/${encodeURIComponent(query.id)}`;
    const res = await fetchWithRetry(url, {}, deps, retry);
    if (res.status === 404) {
      await res.body?.cancel().catch(() => undefined);
      return { advisories: [], problems: [] };
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { advisories: [], problems: [{ source: 'osv', id: query.id, location: url, reason: `HTTP ${res.status}` }] };
    }
    const parsed = parseOsvDocument(new TextDecoder().decode(await readBody(res, limits.maxDocumentBytes)), { location: url });
    return { advisories: parsed.advisories, problems: parsed.problems };
  }
  const url = `${api}/v1/query`;
  const pkg = 'purl' in query ? { purl: query.purl } : { ecosystem: query.ecosystem, name: query.name };
  const out: OsvQueryResult = { advisories: [], problems: [] };
  let pageToken: string | undefined;
  for (let page = 0; page < (options.maxPages ?? 100); page++) {
    const body = JSON.stringify({ package: pkg, ...(query.version ? { version: query.version } : {}), ...(pageToken ? { page_token: pageToken } : {}) });
    const res = await fetchWithRetry(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }, deps, retry);
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      out.problems.push({ source: 'osv', id: null, location: url, reason: `HTTP ${res.status}` });
      return out;
    }
    const text = new TextDecoder().decode(await readBody(res, limits.maxDocumentBytes));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      out.problems.push({ source: 'osv', id: null, location: url, reason: `not valid JSON: ${(e as Error).message}` });
      return out;
    }
    const vulns = (json as { vulns?: unknown }).vulns;
    (Array.isArray(vulns) ? vulns : []).forEach((v, i) => {
      const r = parseOsvRecord(v, { location: `${url} page ${page + 1} .vulns[${i}]` });
      if (r.ok) out.advisories.push(r.advisory);
      else out.problems.push(r.problem);
    });
    const next = (json as { next_page_token?: unknown }).next_page_token;
    if (typeof next !== 'string' || next === '') return out;
    pageToken = next;
  }
  out.problems.push({ source: 'osv', id: null, location: url, reason: `stopped after ${options.maxPages ?? 100} pages` });
  return out;
}

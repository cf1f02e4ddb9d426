/**
 * NVD CVE API 2.0 source (`GET {baseUrl}?startIndex=…&resultsPerPage=…[&lastModStartDate=…&lastModEndDate=…]`).
 *
 * - Full sync (watermark null): every CVE, page by page (`resultsPerPage` ≤ 2,000). The time the
 *   full sync started is kept, and once the last page is in, the sync goes on incrementally from
 *   it, so what changed during a long full sync is picked up too.
 * - Incremental: `lastModStartDate`/`lastModEndDate` windows of at most 120 days (the API's limit)
 *   from the watermark to the time the sync started, each paged.
 * - Watermark after each page (committed with that page's data by the ingest):
 *     `{ mode: 'full', startedAt, nextIndex }`                      inside a full sync,
 *     `{ mode: 'incremental', since, window: { end, nextIndex } }`  inside a window,
 *     `{ mode: 'incremental', since }`                               after a whole window.
 *   A crash resumes at the next page, never repeating a committed one.
 * - Rate limits as NVD publishes them: 5 requests per rolling 30 s without an API key, 50 with one
 *   (sent as the `apiKey` header). 403/429/5xx/timeouts are retried with exponential backoff,
 *   honouring Retry-After; after `maxAttempts` the sync fails with SOURCE_HTTP_FAILED.
 * - A malformed record is reported as a problem and skipped; the rest of its page is kept.
 */
import { VigilError } from '../../domain/errors.ts';
import { parseNvdDocument } from '../../formats/nvd/nvd.parser.ts';
import { defaultSourceLimits, type HttpDeps, type SourceAdapter, type SourceBatch, type SourceLimits } from '../source.ts';
import { RateLimiter, readJson, requestWithRetry, RetryableResponseError, type RetryPolicy, type TimeoutSignal } from './http-client.ts';

export const NVD_CVE_API = 'https://services.nvd.nist.gov/rest/json/cves/2.0';
export const NVD_MAX_RESULTS_PER_PAGE = 2000;
export const NVD_MAX_WINDOW_DAYS = 120;
export const NVD_RATE_WINDOW_MS = 30_000;
export const NVD_REQUESTS_WITHOUT_KEY = 5;
export const NVD_REQUESTS_WITH_KEY = 50;

const DAY_MS = 86_400_000;

export interface NvdSourceOptions {
  readonly baseUrl?: string;
  readonly apiKey?: string | null;
  /** Page size, 1–2,000 (default 2,000). */
  readonly resultsPerPage?: number;
  /** Incremental window length in days, 1–120 (default 120). */
  readonly windowDays?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Overrides the published rate limit (e.g. a mirror without one). */
  readonly rateLimit?: { readonly requests: number; readonly windowMs: number };
  readonly limits?: SourceLimits;
  readonly timeoutSignal?: TimeoutSignal;
}

export type NvdWatermark =
  | { readonly mode: 'full'; readonly startedAt: string; readonly nextIndex: number }
  | { readonly mode: 'incremental'; readonly since: string; readonly window?: { readonly end: string; readonly nextIndex: number } };

function isIso(v: unknown): v is string {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

/** Checks a stored watermark; null means "from the beginning". */
export function readNvdWatermark(w: unknown): NvdWatermark | null {
  if (w === null || w === undefined) return null;
  const o = w as Record<string, unknown>;
  const index = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (o.mode === 'full' && isIso(o.startedAt) && index(o.nextIndex)) return { mode: 'full', startedAt: o.startedAt, nextIndex: o.nextIndex };
  if (o.mode === 'incremental' && isIso(o.since)) {
    if (o.window === undefined) return { mode: 'incremental', since: o.since };
    const win = o.window as Record<string, unknown> | null;
    if (win && isIso(win.end) && index(win.nextIndex)) return { mode: 'incremental', since: o.since, window: { end: win.end, nextIndex: win.nextIndex } };
  }
  throw new VigilError('SOURCE_DOCUMENT_INVALID', `nvd: not an NVD watermark: ${JSON.stringify(w)}`, { watermark: w });
}

function check(name: string, v: number, lo: number, hi: number): number {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new VigilError('VALIDATION_FAILED', `nvd: ${name} must be an integer ${lo}–${hi}, not ${v}`);
  return v;
}

/** The incremental windows [start, end) from `since` to `until`, each at most `days` long. */
export function nvdWindows(since: Date, until: Date, days = NVD_MAX_WINDOW_DAYS): Array<{ start: Date; end: Date }> {
  const out: Array<{ start: Date; end: Date }> = [];
  for (let t = since.getTime(); t < until.getTime(); ) {
    const end = Math.min(t + days * DAY_MS, until.getTime());
    out.push({ start: new Date(t), end: new Date(end) });
    t = end;
  }
  return out;
}

export const nvdSource: SourceAdapter<NvdSourceOptions> = {
  name: 'nvd',
  sync: syncNvd,
};

export async function* syncNvd(options: NvdSourceOptions, watermark: unknown, deps: HttpDeps): AsyncGenerator<SourceBatch> {
  let wm = readNvdWatermark(watermark);
  const base = options.baseUrl ?? NVD_CVE_API;
  const perPage = check('resultsPerPage', options.resultsPerPage ?? NVD_MAX_RESULTS_PER_PAGE, 1, NVD_MAX_RESULTS_PER_PAGE);
  const windowDays = check('windowDays', options.windowDays ?? NVD_MAX_WINDOW_DAYS, 1, NVD_MAX_WINDOW_DAYS);
  const limits = options.limits ?? defaultSourceLimits;
  const key = options.apiKey ?? null;
  const rate = options.rateLimit ?? { requests: key ? NVD_REQUESTS_WITH_KEY : NVD_REQUESTS_WITHOUT_KEY, windowMs: NVD_RATE_WINDOW_MS };
  const limiter = new RateLimiter(rate.requests, rate.windowMs, deps);
  const until = deps.now();

  const page = async (params: Record<string, string>) => {
    const url = new URL(base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const href = url.toString();
    return requestWithRetry(
      href,
      deps,
      {
        source: 'nvd',
        headers: { accept: 'application/json', ...(key ? { apiKey: key } : {}) },
        limiter,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.timeoutSignal ? { timeoutSignal: options.timeoutSignal } : {}),
      },
      async (res) => {
        const json = await readJson(res, limits, `nvd page ${href}`);
        const doc = parseNvdDocument(json, href);
        if (!doc.page) throw new RetryableResponseError(`nvd: ${href} did not answer with a CVE API page`);
        return { doc, returned: Array.isArray((json as { vulnerabilities?: unknown[] }).vulnerabilities) ? (json as { vulnerabilities: unknown[] }).vulnerabilities.length : 0 };
      },
    );
  };

  /** Pages one query from `start`, yielding each page with the watermark `after(nextIndex, done)`. */
  async function* pages(query: Record<string, string>, start: number, after: (next: number, done: boolean) => NvdWatermark): AsyncGenerator<SourceBatch> {
    let index = start;
    for (;;) {
      const { doc, returned } = await page({ ...query, startIndex: String(index), resultsPerPage: String(perPage) });
      const total = doc.page!.totalResults;
      index += returned;
      // an empty page before the stated total means the result set shrank while paging: stop here
      const done = index >= total || returned === 0;
      yield {
        advisories: doc.advisories,
        raw: doc.raw,
        problems: doc.problems,
        watermark: after(index, done),
        progress: { done: Math.min(index, total), total },
      };
      if (done) return;
    }
  }

  if (wm === null || wm.mode === 'full') {
    const startedAt = wm?.startedAt ?? until.toISOString();
    const from = wm?.nextIndex ?? 0;
    yield* pages({}, from, (next, done) => (done ? { mode: 'incremental', since: startedAt } : { mode: 'full', startedAt, nextIndex: next }));
    wm = { mode: 'incremental', since: startedAt };
  }
  let since = wm.since;
  if (wm.window) {
    const end = wm.window.end;
    yield* pages({ lastModStartDate: since, lastModEndDate: end }, wm.window.nextIndex, (next, done) =>
      done ? { mode: 'incremental', since: end } : { mode: 'incremental', since, window: { end, nextIndex: next } },
    );
    since = end;
  }
  for (const w of nvdWindows(new Date(since), until, windowDays)) {
    const s = w.start.toISOString();
    const e = w.end.toISOString();
    yield* pages({ lastModStartDate: s, lastModEndDate: e }, 0, (next, done) => (done ? { mode: 'incremental', since: e } : { mode: 'incremental', since: s, window: { end: e, nextIndex: next } }));
  }
}

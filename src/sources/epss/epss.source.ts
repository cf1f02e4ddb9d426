/**
 * FIRST EPSS scores source: the daily files `{baseUrl}/epss_scores-YYYY-MM-DD.csv.gz`, or
 * `epss_scores-current.csv.gz` on the first sync. The gzip body is inflated and parsed while it
 * downloads (bomb checks per SourceLimits) and yielded in batches of scores.
 *
 * Watermark: `{ scoreDate }` = the last day fully delivered; inside a day's file,
 * `{ scoreDate, partial: { date, rows } }` so a resumed sync skips the rows already committed.
 * History is kept by date: every day after the watermark up to today (UTC, from the injected
 * clock) is fetched in order, each score carrying its date. A 404 for today or yesterday means
 * "not published yet" and ends the sync; a 404 for an older day is reported as a problem and
 * that day skipped. A download cut off mid-file is re-requested (same retry policy), skipping the
 * rows already yielded.
 */
import { VigilError } from '../../domain/errors.ts';
import { parseEpssCsv, type EpssChunk } from '../../formats/epss/epss.parser.ts';
import { requestWithRetry, type RetryPolicy, type TimeoutSignal, defaultRetryPolicy } from '../nvd/http-client.ts';
import { defaultSourceLimits, type HttpDeps, type SourceAdapter, type SourceBatch, type SourceLimits } from '../source.ts';

/** FIRST's daily score files (the host has changed before: keep it configurable). */
export const EPSS_BASE_URL = 'https://epss.cyentia.com';
const DAY_MS = 86_400_000;

export interface EpssSourceOptions {
  readonly baseUrl?: string;
  /** On the first sync (no watermark), also fetch this many days before the current file. */
  readonly backfillDays?: number;
  readonly batchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly limits?: SourceLimits;
  readonly timeoutSignal?: TimeoutSignal;
}

export interface EpssWatermark {
  readonly scoreDate: string | null;
  readonly partial?: { readonly date: string; readonly rows: number };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/u;

export function readEpssWatermark(w: unknown): EpssWatermark | null {
  if (w === null || w === undefined) return null;
  const o = w as Record<string, unknown>;
  const p = o.partial as Record<string, unknown> | undefined;
  const dateOk = o.scoreDate === null || (typeof o.scoreDate === 'string' && DAY.test(o.scoreDate));
  if (dateOk && p === undefined && o.scoreDate !== null) return { scoreDate: o.scoreDate as string };
  if (dateOk && p && typeof p.date === 'string' && DAY.test(p.date) && Number.isInteger(p.rows) && (p.rows as number) >= 0)
    return { scoreDate: o.scoreDate as string | null, partial: { date: p.date, rows: p.rows as number } };
  throw new VigilError('SOURCE_DOCUMENT_INVALID', `epss: not an EPSS watermark: ${JSON.stringify(w)}`, { watermark: w });
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function epssFileUrl(base: string, date: string | 'current'): string {
  return `${base.replace(/\/+$/u, '')}/epss_scores-${date}.csv.gz`;
}

export const epssSource: SourceAdapter<EpssSourceOptions> = { name: 'epss', sync: syncEpss };

export async function* syncEpss(options: EpssSourceOptions, watermark: unknown, deps: HttpDeps): AsyncGenerator<SourceBatch> {
  const wm = readEpssWatermark(watermark);
  const base = options.baseUrl ?? EPSS_BASE_URL;
  const limits = options.limits ?? defaultSourceLimits;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const today = deps.now().toISOString().slice(0, 10);
  let done: string | null = wm?.scoreDate ?? null;

  /** One file; yields its batches, the last with `{ scoreDate: date }`. Returns false on a 404. */
  async function* file(which: string | 'current', skip: number): AsyncGenerator<SourceBatch, boolean> {
    const url = epssFileUrl(base, which);
    let delivered = skip;
    for (let attempt = 1; ; attempt++) {
      const res = await requestWithRetry(url, deps, { source: 'epss', acceptStatus: [404], retry: policy, ...(options.timeoutSignal ? { timeoutSignal: options.timeoutSignal } : {}) }, async (r) => r);
      if (res.status === 404) {
        await res.body?.cancel().catch(() => undefined);
        return false;
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > limits.maxDocumentBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `epss: ${url} declares ${declared} bytes, more than the ${limits.maxDocumentBytes} allowed`, { size: declared });
      }
      const body = (res.body ?? (async function* () {})()) as unknown as AsyncIterable<Uint8Array>;
      let held: EpssChunk | null = null;
      try {
        for await (const chunk of parseEpssCsv(body, { skipRows: delivered, limits, location: url, ...(options.batchSize ? { batchSize: options.batchSize } : {}), ...(which !== 'current' ? { date: which } : {}) })) {
          if (held) {
            delivered = held.rows;
            yield { epss: held.scores, problems: held.problems, watermark: { scoreDate: done, partial: { date: held.header.scoreDate, rows: held.rows } } satisfies EpssWatermark, progress: { done: held.rows, total: null } };
          }
          held = chunk;
        }
      } catch (err) {
        if (err instanceof VigilError && err.code !== 'SOURCE_DOCUMENT_INVALID') throw err;
        // a cut-off download shows up as a stream error or as truncated gzip: fetch again, skip what was delivered
        if (attempt >= policy.maxAttempts) throw new VigilError('SOURCE_HTTP_FAILED', `epss: ${url} failed after ${attempt} attempts (last: ${(err as Error).message})`, { url, attempts: attempt });
        await deps.sleep(Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs));
        continue;
      }
      if (held) {
        done = held.header.scoreDate;
        yield { epss: held.scores, problems: held.problems, watermark: { scoreDate: done } satisfies EpssWatermark, progress: { done: held.rows, total: held.rows } };
      }
      return true;
    }
  }

  if (wm?.partial) {
    const found = yield* file(wm.partial.date, wm.partial.rows);
    if (!found) throw new VigilError('SOURCE_HTTP_FAILED', `epss: ${epssFileUrl(base, wm.partial.date)} is gone (404) while resuming it`);
  } else if (!wm) {
    const backfill = options.backfillDays ?? 0;
    if (backfill > 0) {
      // the days before the current file, oldest first; then the current file via the daily loop below
      done = addDays(today, -backfill - 1);
    } else {
      const found = yield* file('current', 0);
      if (!found) throw new VigilError('SOURCE_HTTP_FAILED', `epss: ${epssFileUrl(base, 'current')} not found (404)`);
      return;
    }
  }
  for (let day = addDays(done!, 1); day <= today; day = addDays(day, 1)) {
    const found = yield* file(day, 0);
    if (found) continue;
    if (day >= addDays(today, -1)) return; // not published yet
    done = day;
    yield { epss: [], problems: [{ source: 'epss', id: null, location: epssFileUrl(base, day), reason: 'no EPSS file for this day (404); skipped' }], watermark: { scoreDate: day } satisfies EpssWatermark };
  }
}

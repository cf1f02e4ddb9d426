/**
 * CISA KEV catalog source: one JSON document, fetched with a conditional GET (If-None-Match /
 * If-Modified-Since from the watermark). A 304, or a 200 with the catalog version already held,
 * yields nothing. Otherwise one batch holds the whole catalog (`kev`: every entry) with the
 * watermark `{ catalogVersion, dateReleased, etag, lastModified }`. The catalog is validated
 * against CISA's schema; a bad entry is a problem, the rest is kept.
 */
import { VigilError } from '../../domain/errors.ts';
import { parseKevCatalog } from '../../formats/kev/kev.parser.ts';
import { readBody } from '../http.ts';
import { requestWithRetry, type RetryPolicy, type TimeoutSignal } from '../nvd/http-client.ts';
import { defaultSourceLimits, type HttpDeps, type SourceAdapter, type SourceBatch, type SourceLimits } from '../source.ts';

export const KEV_CATALOG_URL = 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json';

export interface KevSourceOptions {
  readonly url?: string;
  readonly retry?: Partial<RetryPolicy>;
  readonly limits?: SourceLimits;
  readonly timeoutSignal?: TimeoutSignal;
}

export interface KevWatermark {
  readonly catalogVersion: string;
  readonly dateReleased: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export function readKevWatermark(w: unknown): KevWatermark | null {
  if (w === null || w === undefined) return null;
  const o = w as Record<string, unknown>;
  const opt = (v: unknown): v is string | null => v === null || v === undefined || typeof v === 'string';
  if (typeof o.catalogVersion === 'string' && typeof o.dateReleased === 'string' && opt(o.etag) && opt(o.lastModified))
    return { catalogVersion: o.catalogVersion, dateReleased: o.dateReleased, etag: (o.etag as string | undefined) ?? null, lastModified: (o.lastModified as string | undefined) ?? null };
  throw new VigilError('SOURCE_DOCUMENT_INVALID', `kev: not a KEV watermark: ${JSON.stringify(w)}`, { watermark: w });
}

export const kevSource: SourceAdapter<KevSourceOptions> = { name: 'kev', sync: syncKev };

export async function* syncKev(options: KevSourceOptions, watermark: unknown, deps: HttpDeps): AsyncGenerator<SourceBatch> {
  const wm = readKevWatermark(watermark);
  const url = options.url ?? KEV_CATALOG_URL;
  const limits = options.limits ?? defaultSourceLimits;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (wm?.etag) headers['if-none-match'] = wm.etag;
  if (wm?.lastModified) headers['if-modified-since'] = wm.lastModified;
  const got = await requestWithRetry(
    url,
    deps,
    { source: 'kev', headers, acceptStatus: [304], ...(options.retry ? { retry: options.retry } : {}), ...(options.timeoutSignal ? { timeoutSignal: options.timeoutSignal } : {}) },
    async (res) => {
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined);
        return null;
      }
      const bytes = await readBody(res, limits.maxDocumentBytes, `KEV catalog ${url}`);
      return { bytes, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
    },
  );
  if (!got) return;
  const catalog = parseKevCatalog(got.bytes, { location: url, maxBytes: limits.maxDocumentBytes });
  if (wm && wm.catalogVersion === catalog.catalogVersion && wm.dateReleased === catalog.dateReleased) return;
  yield {
    kev: catalog.entries,
    problems: catalog.problems,
    watermark: { catalogVersion: catalog.catalogVersion, dateReleased: catalog.dateReleased, etag: got.etag, lastModified: got.lastModified } satisfies KevWatermark,
    progress: { done: catalog.entries.length + catalog.problems.length, total: catalog.entries.length + catalog.problems.length },
  };
}

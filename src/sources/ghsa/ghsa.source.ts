/**
 * The GitHub Advisory Database (github.com/github/advisory-database) as a source. Its records are
 * OSV JSON, laid out as `advisories/github-reviewed/YYYY/MM/GHSA-xxxx-xxxx-xxxx/GHSA-xxxx-xxxx-xxxx.json`
 * (and `advisories/unreviewed/…` for records GitHub has not reviewed).
 *
 * Design: the whole repository as one ZIP archive from `archiveUrl` — by default GitHub's archive
 * of the main branch; for offline or mirrored sites any HTTP server holding a copy of that ZIP
 * (a local mirror, an internal artifact store). No API token and no per-file requests: one
 * streamed download, inflated entry by entry under the `SourceLimits`. The same archive, or single
 * GHSA JSON files, can be imported from disk with `ghsaReader`.
 *
 * Watermark: `{ modified }`, the newest `modified` of the records committed. The archive has no
 * order by date, so every sync reads it through and yields only records modified after the
 * watermark; intermediate batches carry the previous watermark and the last one the new.
 * OSV's own ecosystem dumps also carry the GHSA records (source 'ghsa' there too).
 */
import type { Advisory, RecordProblem } from '../../domain/advisories/advisory.ts';
import { parseOsvDocument } from '../../formats/osv/osv.parser.ts';
import { defaultSourceLimits, type HttpDeps, type OfflineReader, type SourceAdapter, type SourceBatch, type SourceLimits } from '../source.ts';
import { bodyChunks } from '../http.ts';
import { defaultRetryPolicy, fetchWithRetry, type RetryPolicy } from '../osv/osv.http.ts';
import { ArchiveError, firstEntryName, looksLikeZip, oneChunk, zipEntries, type ZipEntry } from '../osv/osv.zip.ts';
import { compareTimestamps } from '../osv/osv.source.ts';

export const GHSA_DEFAULT_ARCHIVE_URL = 'https://github.com/github/advisory-database/archive/refs/heads/main.zip';

export type GhsaCollection = 'github-reviewed' | 'unreviewed';

export interface GhsaSourceOptions {
  readonly archiveUrl?: string;
  /** Which folders to read (default: reviewed advisories only). */
  readonly include?: readonly GhsaCollection[];
  readonly batchSize?: number;
  readonly limits?: SourceLimits;
  readonly retry?: Partial<RetryPolicy>;
}

export interface GhsaWatermark {
  readonly modified: string | null;
}

const ENTRY = /(?:^|\/)advisories\/(github-reviewed|unreviewed)\/\d{4}\/\d{2}\/(GHSA-[0-9a-z-]+)\/\2\.json$/u;

/** The collection of an archive path in the repository layout, or null when the path is not a GHSA record. */
export function ghsaCollectionOf(path: string): GhsaCollection | null {
  const m = ENTRY.exec(path);
  return m ? (m[1] as GhsaCollection) : null;
}

function readWatermark(w: unknown): string | null {
  const m = typeof w === 'object' && w !== null ? (w as { modified?: unknown }).modified : undefined;
  return typeof m === 'string' ? m : null;
}

/**
 * Records of the archive's entries, in batches. `since` filters out records not modified after it;
 * `watermarkAt(newest, final)` says what watermark each batch carries.
 */
async function* readArchive(
  entries: AsyncIterable<ZipEntry>,
  where: string,
  since: string | null,
  batchSize: number,
  watermarkAt: (newest: string | null, final: boolean) => unknown,
): AsyncGenerator<SourceBatch> {
  let advisories: Advisory[] = [];
  let problems: RecordProblem[] = [];
  let raw = new Map<string, unknown>();
  let newest: string | null = since;
  let done = 0;
  try {
    for await (const entry of entries) {
      done++;
      const location = `${where}:${entry.name}`;
      if ('skipped' in entry) {
        problems.push({ source: 'ghsa', id: /GHSA-[0-9a-z-]+(?=\.json$)/u.exec(entry.name)?.[0] ?? null, location, reason: entry.skipped });
      } else {
        const parsed = parseOsvDocument(new TextDecoder().decode(entry.data), { location, source: 'ghsa', feed: 'ghsa' });
        problems.push(...parsed.problems);
        for (const a of parsed.advisories) {
          if (since !== null && compareTimestamps(a.modified, since) <= 0) continue;
          advisories.push(a);
          raw.set(a.id, parsed.raw.get(a.id));
          if (newest === null || compareTimestamps(a.modified, newest) > 0) newest = a.modified;
        }
      }
      if (advisories.length + problems.length >= batchSize) {
        yield { advisories, problems, raw, watermark: watermarkAt(since, false), progress: { done, total: null } };
        advisories = [];
        problems = [];
        raw = new Map();
      }
    }
  } catch (e) {
    if (!(e instanceof ArchiveError)) throw e;
    problems.push({ source: 'ghsa', id: null, location: where, reason: `archive refused (${e.kind}): ${e.message}; the watermark is not moved` });
    yield { advisories, problems, raw, watermark: watermarkAt(since, false), progress: { done, total: null } };
    return;
  }
  yield { advisories, problems, raw, watermark: watermarkAt(newest, true), progress: { done, total: done } };
}

export const ghsaSource: SourceAdapter<GhsaSourceOptions> = {
  name: 'ghsa',
  async *sync(options: GhsaSourceOptions, watermark: unknown, deps: HttpDeps): AsyncIterable<SourceBatch> {
    const url = options.archiveUrl ?? GHSA_DEFAULT_ARCHIVE_URL;
    const include = new Set(options.include ?? ['github-reviewed']);
    const limits = options.limits ?? defaultSourceLimits;
    const since = readWatermark(watermark);
    const res = await fetchWithRetry(url, {}, deps, { ...defaultRetryPolicy, ...options.retry, timeoutMs: 0 });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      yield { problems: [{ source: 'ghsa', id: null, location: url, reason: `HTTP ${res.status}` }], watermark: { modified: since } satisfies GhsaWatermark };
      return;
    }
    const want = (name: string): boolean => {
      const c = ghsaCollectionOf(name);
      return c !== null && include.has(c);
    };
    yield* readArchive(zipEntries(bodyChunks(res), limits, want), url, since, Math.max(1, options.batchSize ?? 1000), (newest) => ({ modified: newest }) satisfies GhsaWatermark);
  },
};

export interface GhsaReaderOptions {
  readonly limits?: SourceLimits;
  readonly batchSize?: number;
  readonly include?: readonly GhsaCollection[];
}

/** Offline import: the repository archive, or one GHSA record as JSON. Batches carry `watermark: null`. */
export function createGhsaReader(options: GhsaReaderOptions = {}): OfflineReader {
  const limits = options.limits ?? defaultSourceLimits;
  const include = new Set(options.include ?? ['github-reviewed', 'unreviewed']);
  return {
    name: 'ghsa',
    detect(fileName: string, head: Uint8Array): boolean {
      if (looksLikeZip(head)) {
        const first = firstEntryName(head);
        return first !== null && (first.startsWith('advisory-database') || ENTRY.test(first) || first.startsWith('advisories/'));
      }
      return /^GHSA-[0-9a-z-]+\.json$/iu.test(fileName.split(/[\\/]/u).pop() ?? '');
    },
    async *read(fileName: string, bytes: Uint8Array): AsyncIterable<SourceBatch> {
      if (looksLikeZip(bytes)) {
        const want = (name: string): boolean => {
          const c = ghsaCollectionOf(name);
          return c !== null && include.has(c);
        };
        yield* readArchive(zipEntries(oneChunk(bytes), limits, want), fileName, null, Math.max(1, options.batchSize ?? 1000), () => null);
        return;
      }
      if (bytes.length > limits.maxDocumentBytes) {
        yield { problems: [{ source: 'ghsa', id: null, location: fileName, reason: `file over the ${limits.maxDocumentBytes}-byte document limit` }], watermark: null };
        return;
      }
      const parsed = parseOsvDocument(new TextDecoder().decode(bytes), { location: fileName, source: 'ghsa', feed: 'ghsa' });
      yield { advisories: parsed.advisories, problems: parsed.problems, raw: parsed.raw, watermark: null, progress: { done: 1, total: 1 } };
    },
  };
}

export const ghsaReader: OfflineReader = createGhsaReader();

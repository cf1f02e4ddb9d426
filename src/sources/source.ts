/**
 * A vulnerability feed adapter. It fetches and parses, and yields batches together with the
 * watermark reached after each batch; it never writes to the database. The ingest use case
 * commits each batch's data and its watermark in one transaction, so a crash resumes from the
 * last committed watermark without duplicates.
 */
import type { Advisory, EpssScore, KevEntry, RecordProblem } from '../domain/advisories/advisory.ts';

export type SourceName = 'osv' | 'nvd' | 'ghsa' | 'kev' | 'epss' | 'csaf';

export interface SourceBatch {
  readonly advisories?: readonly Advisory[];
  readonly kev?: readonly KevEntry[];
  readonly epss?: readonly EpssScore[];
  /** Records that could not be read; reported and skipped. */
  readonly problems?: readonly RecordProblem[];
  /** Opaque, JSON-serialisable position to resume after this batch (e.g. a timestamp, a page). */
  readonly watermark: unknown;
  /** Progress for display: records handled so far, and the total when known. */
  readonly progress?: { readonly done: number; readonly total: number | null };
  /** The raw source records by advisory id, kept with the advisory (source-specific, JSON). */
  readonly raw?: ReadonlyMap<string, unknown>;
}

/** What adapters may use to reach the network: a fetch, a clock for backoff, a sleep. */
export interface HttpDeps {
  readonly fetch: typeof globalThis.fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
}

export interface SourceAdapter<Options = unknown> {
  readonly name: SourceName;
  /** Batches from the given watermark (null: from the beginning). */
  sync(options: Options, watermark: unknown, deps: HttpDeps): AsyncIterable<SourceBatch>;
}

/**
 * Offline import of raw source files (air-gapped sites): `vigil feeds import PATH` offers each
 * file to every reader; the first whose `detect` says yes reads it. Readers get bytes, not paths.
 */
export interface OfflineReader {
  readonly name: SourceName;
  /** True when this reader understands the file, judged by its name and first bytes. */
  detect(fileName: string, head: Uint8Array): boolean;
  read(fileName: string, bytes: Uint8Array): AsyncIterable<SourceBatch>;
}

/** Size limits every adapter enforces (zip bombs, oversized documents). */
export interface SourceLimits {
  /** Largest single JSON document or CSV accepted, in bytes. */
  readonly maxDocumentBytes: number;
  /** Largest total uncompressed size of one archive, in bytes. */
  readonly maxArchiveBytes: number;
  /** Largest compression ratio of an archive entry before it is treated as a bomb. */
  readonly maxCompressionRatio: number;
}

export const defaultSourceLimits: SourceLimits = {
  maxDocumentBytes: 64 * 1024 * 1024,
  maxArchiveBytes: 4 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
};

/**
 * FIRST EPSS daily scores (CSV, plain or gzipped) → EpssScore[] batches, streaming.
 *
 *   #model_version:v2025.03.14,score_date:2025-03-20T00:00:00+0000
 *   cve,epss,percentile
 *   CVE-1999-0001,0.01141,0.77844
 *
 * The comment line gives the model version and the score date (its day is the `date` of every
 * score); a file without it needs `date` from the caller (e.g. from `epss_scores-YYYY-MM-DD`).
 * Columns are found by their header names. A row with a bad CVE id or a number outside 0–1 is a
 * RecordProblem (line number given) and skipped. Gzip is detected by its magic bytes and
 * inflated with the SourceLimits bomb checks (gzip-stream.ts).
 */
import type { EpssScore, RecordProblem } from '../../domain/advisories/advisory.ts';
import { VigilError } from '../../domain/errors.ts';
import { defaultSourceLimits, type SourceLimits } from '../../sources/source.ts';
import { gunzipStream, isGzip } from './gzip-stream.ts';

export interface EpssHeader {
  readonly modelVersion: string | null;
  /** YYYY-MM-DD. */
  readonly scoreDate: string;
}

export interface EpssChunk {
  readonly header: EpssHeader;
  readonly scores: EpssScore[];
  readonly problems: RecordProblem[];
  /** Data rows read so far in the file (good and bad), counting skipped ones. */
  readonly rows: number;
}

export interface EpssParseOptions {
  /** Scores per chunk. */
  readonly batchSize?: number;
  /** Score date when the file has no `#…score_date:` line (YYYY-MM-DD). */
  readonly date?: string;
  readonly limits?: SourceLimits;
  readonly location?: string;
  /** Data rows to skip (already delivered before an interruption). */
  readonly skipRows?: number;
}

const CVE = /^CVE-\d{4}-\d{4,}$/u;
const DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** `#model_version:v2023.03.01,score_date:2023-03-27T00:00:00+0000` → its fields. */
export function parseEpssComment(line: string): { modelVersion: string | null; scoreDate: string | null } {
  const fields = new Map<string, string>();
  for (const part of line.replace(/^#/u, '').split(',')) {
    const i = part.indexOf(':');
    if (i > 0) fields.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  const date = fields.get('score_date')?.slice(0, 10) ?? null;
  return { modelVersion: fields.get('model_version') ?? null, scoreDate: date && DAY.test(date) ? date : null };
}

async function* peekGzip(input: AsyncIterable<Uint8Array>, limits: SourceLimits, what: string): AsyncGenerator<Uint8Array> {
  const it = input[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.byteLength === 0) first = await it.next();
  if (first.done) return;
  const head = first.value;
  const rest = (async function* () {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  if (isGzip(head)) yield* gunzipStream(rest, limits, what);
  else {
    let size = 0;
    for await (const c of rest) {
      size += c.byteLength;
      if (size > limits.maxDocumentBytes) throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${what} is larger than the ${limits.maxDocumentBytes} bytes allowed`, { maxBytes: limits.maxDocumentBytes });
      yield c;
    }
  }
}

async function* lines(input: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of input) {
    rest += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf('\n')) !== -1) {
      yield rest.slice(0, nl).replace(/\r$/u, '');
      rest = rest.slice(nl + 1);
    }
  }
  rest += decoder.decode();
  if (rest.length > 0) yield rest.replace(/\r$/u, '');
}

/** Streams an EPSS CSV (gzipped or not) as chunks of scores. */
export async function* parseEpssCsv(input: AsyncIterable<Uint8Array>, opts: EpssParseOptions = {}): AsyncGenerator<EpssChunk> {
  const limits = opts.limits ?? defaultSourceLimits;
  const batchSize = opts.batchSize ?? 10_000;
  const location = opts.location ?? 'epss';
  const skip = opts.skipRows ?? 0;
  let header: EpssHeader | null = null;
  let modelVersion: string | null = null;
  let scoreDate: string | null = opts.date ?? null;
  let cols: { cve: number; epss: number; percentile: number } | null = null;
  let lineNo = 0;
  let rows = 0;
  let scores: EpssScore[] = [];
  let problems: RecordProblem[] = [];
  let yielded = false;
  for await (const line of lines(peekGzip(input, limits, location))) {
    lineNo++;
    if (line.trim() === '') continue;
    if (!cols) {
      if (line.startsWith('#')) {
        const c = parseEpssComment(line);
        modelVersion = c.modelVersion;
        scoreDate = c.scoreDate ?? scoreDate;
        continue;
      }
      const names = line.split(',').map((s) => s.trim().toLowerCase());
      const idx = { cve: names.indexOf('cve'), epss: names.indexOf('epss'), percentile: names.indexOf('percentile') };
      if (idx.cve < 0 || idx.epss < 0 || idx.percentile < 0)
        throw new VigilError('SOURCE_DOCUMENT_INVALID', `${location}: line ${lineNo} is not the EPSS header (cve,epss,percentile): ${line.slice(0, 80)}`);
      if (!scoreDate || !DAY.test(scoreDate)) throw new VigilError('SOURCE_DOCUMENT_INVALID', `${location}: no score date (no #score_date line and none given)`);
      cols = idx;
      header = { modelVersion, scoreDate };
      continue;
    }
    rows++;
    if (rows <= skip) continue;
    const f = line.split(',');
    const cve = f[cols.cve]?.trim() ?? '';
    const epss = Number(f[cols.epss]);
    const percentile = Number(f[cols.percentile]);
    if (!CVE.test(cve)) problems.push({ source: 'epss', id: cve || null, location: `${location}:${lineNo}`, reason: `not a CVE id: ${JSON.stringify(cve)}` });
    else if (!(f[cols.epss]?.trim() && epss >= 0 && epss <= 1) || !(f[cols.percentile]?.trim() && percentile >= 0 && percentile <= 1))
      problems.push({ source: 'epss', id: cve, location: `${location}:${lineNo}`, reason: `epss and percentile must be numbers 0–1: ${line.slice(0, 80)}` });
    else scores.push({ cve, epss, percentile, date: header!.scoreDate });
    if (scores.length >= batchSize) {
      yield { header: header!, scores, problems, rows };
      yielded = true;
      scores = [];
      problems = [];
    }
  }
  if (!header) throw new VigilError('SOURCE_DOCUMENT_INVALID', `${location}: no EPSS header line (cve,epss,percentile)`);
  if (scores.length > 0 || problems.length > 0 || !yielded) yield { header, scores, problems, rows };
}

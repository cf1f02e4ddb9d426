/**
 * Offline import of OSV files (air-gapped sites): an ecosystem dump `*.zip` (OSV's `all.zip`,
 * one record per `.json` entry), a single record `*.json`, or a JSON array of records (or an
 * API answer `{ "vulns": [...] }`).
 *
 * Batches carry `watermark: null`: an offline file is no position in the online feed, and the
 * ingest use case must leave the stored OSV watermark alone when importing one.
 */
import type { OfflineReader, SourceBatch, SourceLimits } from '../source.ts';
import { defaultSourceLimits } from '../source.ts';
import { parseOsvDocument } from '../../formats/osv/osv.parser.ts';
import { ArchiveError, firstEntryName, looksLikeZip, oneChunk, zipEntries } from './osv.zip.ts';
import type { Advisory, RecordProblem } from '../../domain/advisories/advisory.ts';

/** True when the start of a JSON text looks like an OSV record or a list of them. */
export function looksLikeOsvJson(head: string): boolean {
  const text = head.trimStart();
  if (!text.startsWith('{') && !text.startsWith('[')) return false;
  if (/"(dataType|cveMetadata|document|resultsPerPage|vulnerabilities|catalogVersion|ghsaId)"\s*:/u.test(text)) return false;
  return /"id"\s*:/u.test(text) && (/"modified"\s*:/u.test(text) || /"schema_version"\s*:/u.test(text) || /"affected"\s*:/u.test(text)) || /^\{\s*"vulns"\s*:/u.test(text);
}

export interface OsvReaderOptions {
  readonly limits?: SourceLimits;
  readonly batchSize?: number;
}

export function createOsvReader(options: OsvReaderOptions = {}): OfflineReader {
  const limits = options.limits ?? defaultSourceLimits;
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  return {
    name: 'osv',
    detect(fileName: string, head: Uint8Array): boolean {
      const lower = fileName.toLowerCase();
      if (lower.endsWith('.zip') || looksLikeZip(head)) {
        const first = firstEntryName(head);
        // OSV dumps hold flat `<ID>.json` entries; archives with folders (GHSA repository) are not ours.
        return first !== null && first.endsWith('.json') && !first.includes('/');
      }
      if (!lower.endsWith('.json')) return false;
      return looksLikeOsvJson(new TextDecoder().decode(head));
    },
    async *read(fileName: string, bytes: Uint8Array): AsyncIterable<SourceBatch> {
      if (looksLikeZip(bytes)) {
        let advisories: Advisory[] = [];
        let problems: RecordProblem[] = [];
        let raw = new Map<string, unknown>();
        let done = 0;
        try {
          for await (const entry of zipEntries(oneChunk(bytes), limits, (n) => n.endsWith('.json'))) {
            const where = `${fileName}:${entry.name}`;
            if ('skipped' in entry) problems.push({ source: 'osv', id: null, location: where, reason: entry.skipped });
            else {
              const parsed = parseOsvDocument(new TextDecoder().decode(entry.data), { location: where });
              advisories.push(...parsed.advisories);
              problems.push(...parsed.problems);
              for (const [id, r] of parsed.raw) raw.set(id, r);
            }
            done++;
            if (advisories.length + problems.length >= batchSize) {
              yield { advisories, problems, raw, watermark: null, progress: { done, total: null } };
              advisories = [];
              problems = [];
              raw = new Map();
            }
          }
        } catch (e) {
          if (!(e instanceof ArchiveError)) throw e;
          problems.push({ source: 'osv', id: null, location: fileName, reason: `archive refused (${e.kind}): ${e.message}` });
        }
        yield { advisories, problems, raw, watermark: null, progress: { done, total: done } };
        return;
      }
      if (bytes.length > limits.maxDocumentBytes) {
        yield { problems: [{ source: 'osv', id: null, location: fileName, reason: `file of ${bytes.length} bytes is over the ${limits.maxDocumentBytes}-byte document limit` }], watermark: null };
        return;
      }
      const parsed = parseOsvDocument(new TextDecoder().decode(bytes), { location: fileName });
      for (let i = 0; i < Math.max(parsed.advisories.length, 1); i += batchSize) {
        const slice = parsed.advisories.slice(i, i + batchSize);
        yield {
          advisories: slice,
          problems: i === 0 ? parsed.problems : [],
          raw: new Map(slice.map((a) => [a.id, parsed.raw.get(a.id)])),
          watermark: null,
          progress: { done: Math.min(i + batchSize, parsed.advisories.length), total: parsed.advisories.length },
        };
      }
    },
  };
}

export const osvReader: OfflineReader = createOsvReader();

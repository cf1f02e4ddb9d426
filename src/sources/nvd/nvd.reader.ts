/**
 * Offline import of NVD JSON: API 2.0 response pages, single records (`{ cve }` or a bare `cve`
 * object), and the legacy 2.0 feed files (`nvdcve-2.0-2024.json`, `.json.gz`, `.json.zip`, which
 * have the shape of an API page). Detected by content (gzip inflated at the head, zip by its
 * first entry name). Batches carry `watermark: null`: a file is no position in the online feed.
 */
import { parseNvdDocument } from '../../formats/nvd/nvd.parser.ts';
import { defaultSourceLimits, type OfflineReader, type SourceBatch, type SourceLimits } from '../source.ts';
import { fileProblem, headText, isZip, parseJsonBytes, unpack, zipFirstName } from './offline-files.ts';

export interface FeedReaderOptions {
  readonly limits?: SourceLimits;
  readonly batchSize?: number;
}

/** True when the start of a JSON text is an NVD CVE API 2.0 page, feed file or record. */
export function looksLikeNvdJson(text: string): boolean {
  const t = text.trimStart();
  if (!t.startsWith('{')) return false;
  if (/"(catalogVersion|cveMetadata|dataType|containers)"\s*:/u.test(t)) return false;
  return /"format"\s*:\s*"NVD_CVE"/u.test(t) || /"cve"\s*:\s*\{/u.test(t) || (/"sourceIdentifier"\s*:/u.test(t) && /"id"\s*:\s*"CVE-/u.test(t));
}

export function createNvdReader(options: FeedReaderOptions = {}): OfflineReader {
  const limits = options.limits ?? defaultSourceLimits;
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  return {
    name: 'nvd',
    detect(fileName: string, head: Uint8Array): boolean {
      if (isZip(head)) return /^nvdcve-2\.0-[^/]*\.json$/u.test(zipFirstName(head) ?? '');
      return looksLikeNvdJson(headText(head));
    },
    async *read(fileName: string, bytes: Uint8Array): AsyncGenerator<SourceBatch> {
      let doc: unknown;
      try {
        doc = parseJsonBytes(fileName, await unpack(fileName, bytes, limits));
      } catch (err) {
        yield fileProblem('nvd', fileName, err);
        return;
      }
      const d = parseNvdDocument(doc, fileName);
      const total = d.advisories.length;
      if (total === 0) {
        yield { advisories: [], problems: d.problems, watermark: null, progress: { done: 0, total: 0 } };
        return;
      }
      for (let i = 0; i < total; i += batchSize) {
        const advisories = d.advisories.slice(i, i + batchSize);
        const raw = new Map(advisories.map((a) => [a.id, d.raw.get(a.id)]));
        yield { advisories, raw, problems: i === 0 ? d.problems : [], watermark: null, progress: { done: Math.min(i + batchSize, total), total } };
      }
    },
  };
}

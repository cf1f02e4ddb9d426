/**
 * Offline import of the CISA KEV catalog JSON (`known_exploited_vulnerabilities.json`, plain or
 * gzipped), detected by its `catalogVersion`. One batch with the whole catalog; `watermark: null`.
 */
import { isVigilError } from '../../domain/errors.ts';
import { parseKevCatalog } from '../../formats/kev/kev.parser.ts';
import type { FeedReaderOptions } from '../nvd/nvd.reader.ts';
import { fileProblem, headText, unpack } from '../nvd/offline-files.ts';
import { defaultSourceLimits, type OfflineReader, type SourceBatch } from '../source.ts';

export function looksLikeKevJson(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{') && /"catalogVersion"\s*:/u.test(t);
}

export function createKevReader(options: FeedReaderOptions = {}): OfflineReader {
  const limits = options.limits ?? defaultSourceLimits;
  return {
    name: 'kev',
    detect: (_fileName: string, head: Uint8Array) => looksLikeKevJson(headText(head)),
    async *read(fileName: string, bytes: Uint8Array): AsyncGenerator<SourceBatch> {
      try {
        const c = parseKevCatalog(await unpack(fileName, bytes, limits), { location: fileName, maxBytes: limits.maxDocumentBytes });
        yield { kev: c.entries, problems: c.problems, watermark: null, progress: { done: c.entries.length, total: c.entries.length + c.problems.length } };
      } catch (err) {
        if (!isVigilError(err)) throw err;
        yield fileProblem('kev', fileName, err);
      }
    },
  };
}

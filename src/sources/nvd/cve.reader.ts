/**
 * Offline import of CVE JSON 5 records (cvelistV5 `CVE-YYYY-NNNN.json` files): one record per
 * file, plain or gzipped, detected by content (`"dataType": "CVE_RECORD"` / `cveMetadata`).
 * Advisories have source `cve`. The reader is registered under the feed name `nvd` because
 * SourceName has no `cve` member; its advisories say `cve` themselves.
 */
import { isCveRecord, parseCveRecord } from '../../formats/cve/cve.parser.ts';
import { RecordError } from '../../formats/nvd/nvd.parser.ts';
import { defaultSourceLimits, type OfflineReader, type SourceBatch } from '../source.ts';
import type { FeedReaderOptions } from './nvd.reader.ts';
import { fileProblem, headText, parseJsonBytes, unpack } from './offline-files.ts';

export function looksLikeCveRecord(text: string): boolean {
  const t = text.trimStart();
  // key order varies: cvelistV5 files start with dataType/cveMetadata, sorted dumps with containers
  return t.startsWith('{') && (/"dataType"\s*:\s*"CVE_RECORD"/u.test(t) || /"cveMetadata"\s*:/u.test(t) || /"containers"\s*:\s*\{\s*"(?:cna|adp)"\s*:/u.test(t));
}

export function createCveRecordReader(options: FeedReaderOptions = {}): OfflineReader {
  const limits = options.limits ?? defaultSourceLimits;
  return {
    name: 'nvd',
    detect: (_fileName: string, head: Uint8Array) => looksLikeCveRecord(headText(head)),
    async *read(fileName: string, bytes: Uint8Array): AsyncGenerator<SourceBatch> {
      let doc: unknown;
      try {
        doc = parseJsonBytes(fileName, await unpack(fileName, bytes, limits));
      } catch (err) {
        yield fileProblem('cve', fileName, err);
        return;
      }
      const meta = (doc as { cveMetadata?: { cveId?: unknown } } | null)?.cveMetadata;
      const id = typeof meta?.cveId === 'string' ? meta.cveId : null;
      try {
        if (!isCveRecord(doc)) throw new RecordError('$', 'not a CVE JSON 5 record (dataType CVE_RECORD, cveMetadata, containers)');
        const advisory = parseCveRecord(doc);
        yield { advisories: [advisory], raw: new Map([[advisory.id, doc]]), problems: [], watermark: null, progress: { done: 1, total: 1 } };
      } catch (err) {
        if (!(err instanceof RecordError)) throw err;
        yield { advisories: [], problems: [{ source: 'cve', id, location: `${fileName}:${err.path}`, reason: err.message }], watermark: null, progress: { done: 0, total: 1 } };
      }
    },
  };
}

/**
 * Offline import of CSAF documents (air-gapped sites): single `.json` files, each offered by
 * `vigil feeds import PATH` (for a directory, every file in it). A file is CSAF when its JSON has
 * `document.csaf_version`; detection looks at the first bytes only, so it accepts a `.json` whose
 * head mentions `"csaf_version"` or starts a `"document"` object (the key order is not fixed;
 * `read` then checks properly and reports a non-CSAF file as a problem).
 * Offline files carry no checksum or signature: their raw records say `unverified`.
 */
import { parseCsafJson } from '../../formats/csaf/csaf.parser.ts';
import { defaultSourceLimits, type OfflineReader, type SourceBatch, type SourceLimits } from '../source.ts';
import type { CsafSourceRawRecord } from './csaf.source.ts';

const HEAD_BYTES = 4096;

export function createCsafReader(limits: SourceLimits = defaultSourceLimits): OfflineReader {
  return {
    name: 'csaf',
    detect(fileName: string, head: Uint8Array): boolean {
      if (!fileName.toLowerCase().endsWith('.json')) return false;
      const text = new TextDecoder().decode(head.subarray(0, HEAD_BYTES));
      if (!/^\uFEFF?\s*\{/u.test(text)) return false;
      return /"csaf_version"\s*:/u.test(text) || (/"document"\s*:\s*\{/u.test(text) && /"(?:tracking|publisher|category)"\s*:/u.test(text));
    },
    async *read(fileName: string, bytes: Uint8Array): AsyncIterable<SourceBatch> {
      const parsed = parseCsafJson(bytes, { location: fileName, maxBytes: limits.maxDocumentBytes });
      const raw = new Map<string, CsafSourceRawRecord>();
      for (const [id, r] of parsed.raw) {
        raw.set(id, {
          ...r,
          retrieval: { provider: 'offline', url: fileName, distribution: 'file', checksums: [], signature: { status: 'unverified', reason: 'imported from a file' } },
        });
      }
      yield {
        advisories: parsed.advisories,
        problems: parsed.problems,
        raw,
        watermark: null,
        progress: { done: 1, total: 1 },
      };
    },
  };
}

export const csafReader: OfflineReader = createCsafReader();

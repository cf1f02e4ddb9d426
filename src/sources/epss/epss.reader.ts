/**
 * Offline import of EPSS score files (`epss_scores-YYYY-MM-DD.csv[.gz]`, the `current` file, or
 * any CSV with the EPSS header), detected by content: the `#model_version` comment or the
 * `cve,epss,percentile` header (inflated from the head when gzipped). The date comes from the
 * file's comment line, else from a `YYYY-MM-DD` in its name. Streamed in batches; `watermark: null`.
 */
import { isVigilError } from '../../domain/errors.ts';
import { parseEpssCsv } from '../../formats/epss/epss.parser.ts';
import { checkDeclaredGzip, isGzip, once } from '../../formats/epss/gzip-stream.ts';
import type { FeedReaderOptions } from '../nvd/nvd.reader.ts';
import { fileProblem, headText } from '../nvd/offline-files.ts';
import { defaultSourceLimits, type OfflineReader, type SourceBatch } from '../source.ts';

export function looksLikeEpssCsv(text: string): boolean {
  const t = text.replace(/^\uFEFF/u, '');
  return t.startsWith('#model_version:') || /^cve,epss(,percentile)?\s*$/imu.test(t.split('\n', 2).join('\n'));
}

export function createEpssReader(options: FeedReaderOptions = {}): OfflineReader {
  const limits = options.limits ?? defaultSourceLimits;
  const batchSize = Math.max(1, options.batchSize ?? 10_000);
  return {
    name: 'epss',
    detect: (_fileName: string, head: Uint8Array) => looksLikeEpssCsv(headText(head)),
    async *read(fileName: string, bytes: Uint8Array): AsyncGenerator<SourceBatch> {
      const date = /(\d{4}-\d{2}-\d{2})/u.exec(fileName)?.[1];
      try {
        if (isGzip(bytes)) checkDeclaredGzip(bytes, limits, fileName);
        for await (const chunk of parseEpssCsv(once(bytes), { limits, batchSize, location: fileName, ...(date ? { date } : {}) })) {
          yield { epss: chunk.scores, problems: chunk.problems, watermark: null, progress: { done: chunk.rows, total: null } };
        }
      } catch (err) {
        if (!isVigilError(err)) throw err;
        yield fileProblem('epss', fileName, err);
      }
    },
  };
}

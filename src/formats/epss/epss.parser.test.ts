import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isVigilError } from '../../domain/errors.ts';
import { parseEpssComment, parseEpssCsv, type EpssChunk } from './epss.parser.ts';
import { checkDeclaredGzip, gzipDeclaredSize, once } from './gzip-stream.ts';

const csv = readFileSync(new URL('../../../test/fixtures/feeds/epss/epss_scores-2099-03-01.csv', import.meta.url));
const limits = { maxDocumentBytes: 8 * 1024 * 1024, maxArchiveBytes: 8 * 1024 * 1024, maxCompressionRatio: 50 };

async function all(it: AsyncIterable<EpssChunk>): Promise<EpssChunk[]> {
  const out: EpssChunk[] = [];
  for await (const c of it) out.push(c);
  return out;
}

/** Splits bytes into small chunks, as a network stream would deliver them. */
async function* dribble(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('parseEpssCsv', () => {
  it('reads the header comment and rows in batches, reporting bad rows with their line', async () => {
    const chunks = await all(parseEpssCsv(dribble(csv), { batchSize: 2, limits, location: 'f.csv' }));
    const scores = chunks.flatMap((c) => c.scores);
    expect(scores.map((s) => s.cve)).toEqual(['CVE-1999-0001', 'CVE-2099-0001', 'CVE-2099-0002', 'CVE-2099-0004']);
    expect(scores[1]).toEqual({ cve: 'CVE-2099-0001', epss: 0.9731, percentile: 0.9995, date: '2099-03-01' });
    expect(chunks[0]!.header).toEqual({ modelVersion: 'v2099.01.01', scoreDate: '2099-03-01' });
    expect(chunks.map((c) => c.scores.length)).toEqual([2, 2]);
    expect(chunks.flatMap((c) => c.problems).map((p) => p.location)).toEqual(['f.csv:6', 'f.csv:7']);
    expect(chunks.at(-1)!.rows).toBe(6);
  });

  it('inflates a gzipped file while streaming, and gives the same scores', async () => {
    const plain = (await all(parseEpssCsv(once(csv), { limits }))).flatMap((c) => c.scores);
    const gz = (await all(parseEpssCsv(dribble(gzipSync(csv), 5), { limits }))).flatMap((c) => c.scores);
    expect(gz).toEqual(plain);
  });

  it('skips rows already delivered', async () => {
    const chunks = await all(parseEpssCsv(once(csv), { limits, skipRows: 3 }));
    expect(chunks.flatMap((c) => c.scores).map((s) => s.cve)).toEqual(['CVE-2099-0004']);
  });

  it('needs a score date from the file or the caller', async () => {
    const bare = new TextEncoder().encode('cve,epss,percentile\nCVE-2099-0001,0.1,0.2\n');
    await expect(all(parseEpssCsv(once(bare), { limits }))).rejects.toThrow(/no score date/u);
    const [c] = await all(parseEpssCsv(once(bare), { limits, date: '2099-01-02' }));
    expect(c!.scores[0]!.date).toBe('2099-01-02');
  });

  it('refuses a gzip bomb by ratio while inflating, and by its declared size up front', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x30));
    expect(bomb.length).toBeLessThan(10_000);
    const err = await all(parseEpssCsv(dribble(bomb, 1024), { limits })).catch((e: unknown) => e);
    expect(isVigilError(err) && err.code).toBe('SOURCE_DOCUMENT_TOO_LARGE');
    expect((err as Error).message).toMatch(/gzip bomb/u);
    expect(gzipDeclaredSize(bomb)).toBe(4 * 1024 * 1024);
    expect(() => checkDeclaredGzip(bomb, limits, 'bomb.gz')).toThrow(/compression ratio/u);
    // and the absolute cap
    const big = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x30));
    const err2 = await all(parseEpssCsv(once(big), { limits: { ...limits, maxDocumentBytes: 1024 * 1024, maxCompressionRatio: 10_000 } })).catch((e: unknown) => e);
    expect((err2 as Error).message).toMatch(/more than the 1048576 bytes/u);
  });

  it('rejects truncated gzip and a file without the EPSS header', async () => {
    const gz = gzipSync(csv);
    await expect(all(parseEpssCsv(once(gz.subarray(0, gz.length - 12)), { limits }))).rejects.toThrow(/truncated|not valid gzip/u);
    await expect(all(parseEpssCsv(once(new TextEncoder().encode('a,b,c\n1,2,3\n')), { limits }))).rejects.toThrow(/not the EPSS header/u);
  });

  it('parses the comment line', () => {
    expect(parseEpssComment('#model_version:v2023.03.01,score_date:2023-03-27T00:00:00+0000')).toEqual({ modelVersion: 'v2023.03.01', scoreDate: '2023-03-27' });
  });
});

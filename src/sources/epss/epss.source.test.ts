import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { isVigilError } from '../../domain/errors.ts';
import { fakeClock, replayServer, type ReplayServer } from '../../../test/fixtures/feeds/nvd/replay-server.ts';
import type { SourceBatch } from '../source.ts';
import { syncEpss } from './epss.source.ts';

const csv = readFileSync(new URL('../../../test/fixtures/feeds/epss/epss_scores-2099-03-01.csv', import.meta.url), 'utf8');
const forDay = (day: string) => gzipSync(csv.replace('score_date:2099-03-01', `score_date:${day}`));

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function collect(it: AsyncIterable<SourceBatch>): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

/** Serves epss_scores-<day>.csv.gz for the given days and `current` as the last one. */
async function epssServer(clock: ReturnType<typeof fakeClock>, days: string[]): Promise<ReplayServer> {
  return replayServer((_req, res, url) => {
    const m = /epss_scores-(.+)\.csv\.gz$/u.exec(url.pathname);
    const day = m?.[1] === 'current' ? days.at(-1) : days.find((d) => d === m?.[1]);
    if (!day) {
      res.writeHead(404);
      res.end();
      return;
    }
    const body = forDay(day);
    res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length });
    res.end(body);
  }, clock);
}

describe('EPSS source against a local server', () => {
  it('first sync reads the current file in batches, streamed from gzip, with a row watermark inside it', async () => {
    const clock = fakeClock('2099-03-01T12:00:00Z');
    server = await epssServer(clock, ['2099-03-01']);
    const batches = await collect(syncEpss({ baseUrl: server.base, batchSize: 2 }, null, clock.deps));
    expect(server.seen.map((s) => s.url.pathname)).toEqual(['/epss_scores-current.csv.gz']);
    expect(batches.flatMap((b) => b.epss!.map((s) => `${s.cve}@${s.date}`))).toEqual(['CVE-1999-0001@2099-03-01', 'CVE-2099-0001@2099-03-01', 'CVE-2099-0002@2099-03-01', 'CVE-2099-0004@2099-03-01']);
    expect(batches.map((b) => b.watermark)).toEqual([{ scoreDate: null, partial: { date: '2099-03-01', rows: 2 } }, { scoreDate: '2099-03-01' }]);
    expect(batches.flatMap((b) => b.problems ?? [])).toHaveLength(2);
  });

  it('incremental sync fetches each day after the watermark, oldest first, and stops at the unpublished day', async () => {
    const clock = fakeClock('2099-03-04T06:00:00Z');
    server = await epssServer(clock, ['2099-03-02', '2099-03-03']);
    const batches = await collect(syncEpss({ baseUrl: server.base }, { scoreDate: '2099-03-01' }, clock.deps));
    expect(server.seen.map((s) => s.url.pathname)).toEqual(['/epss_scores-2099-03-02.csv.gz', '/epss_scores-2099-03-03.csv.gz', '/epss_scores-2099-03-04.csv.gz']);
    expect(batches.map((b) => b.watermark)).toEqual([{ scoreDate: '2099-03-02' }, { scoreDate: '2099-03-03' }]);
    expect(batches[1]!.epss!.every((s) => s.date === '2099-03-03')).toBe(true);
  });

  it('first sync with backfillDays fetches the days before today, oldest first, each with its own date', async () => {
    const clock = fakeClock('2099-03-04T06:00:00Z');
    server = await epssServer(clock, ['2099-03-02', '2099-03-03', '2099-03-04']);
    const batches = await collect(syncEpss({ baseUrl: server.base, backfillDays: 2 }, null, clock.deps));
    expect(server.seen.map((s) => s.url.pathname)).toEqual(['/epss_scores-2099-03-02.csv.gz', '/epss_scores-2099-03-03.csv.gz', '/epss_scores-2099-03-04.csv.gz']);
    expect(batches.map((b) => [b.watermark, b.epss![0]!.date])).toEqual([
      [{ scoreDate: '2099-03-02' }, '2099-03-02'],
      [{ scoreDate: '2099-03-03' }, '2099-03-03'],
      [{ scoreDate: '2099-03-04' }, '2099-03-04'],
    ]);
  });

  it('reports and skips an old missing day', async () => {
    const clock = fakeClock('2099-03-05T06:00:00Z');
    server = await epssServer(clock, ['2099-03-03', '2099-03-04']);
    const batches = await collect(syncEpss({ baseUrl: server.base }, { scoreDate: '2099-03-01' }, clock.deps));
    expect(batches[0]!.problems![0]!.reason).toMatch(/no EPSS file/u);
    expect(batches.map((b) => b.watermark)).toEqual([{ scoreDate: '2099-03-02' }, { scoreDate: '2099-03-03' }, { scoreDate: '2099-03-04' }]);
  });

  it('resumes inside a day, skipping the committed rows', async () => {
    const clock = fakeClock('2099-03-02T06:00:00Z');
    server = await epssServer(clock, ['2099-03-02']);
    const batches = await collect(syncEpss({ baseUrl: server.base }, { scoreDate: '2099-03-01', partial: { date: '2099-03-02', rows: 3 } }, clock.deps));
    expect(batches.flatMap((b) => b.epss!.map((s) => s.cve))).toEqual(['CVE-2099-0004']);
    expect(batches.at(-1)!.watermark).toEqual({ scoreDate: '2099-03-02' });
  });

  it('re-requests a download cut off mid-file and skips what was already yielded', async () => {
    const clock = fakeClock('2099-03-02T06:00:00Z');
    const body = forDay('2099-03-02');
    server = await replayServer((_req, res, _url, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-length': body.length });
        res.write(body.subarray(0, body.length - 20));
        setTimeout(() => res.destroy(), 20);
      } else {
        res.writeHead(200, { 'content-length': body.length });
        res.end(body);
      }
    }, clock);
    const batches = await collect(syncEpss({ baseUrl: server.base, retry: { baseDelayMs: 500 } }, { scoreDate: '2099-03-01' }, clock.deps));
    expect(batches.flatMap((b) => b.epss!.map((s) => s.cve))).toEqual(['CVE-1999-0001', 'CVE-2099-0001', 'CVE-2099-0002', 'CVE-2099-0004']);
    expect(server.seen.filter((s) => s.url.pathname.endsWith('2099-03-02.csv.gz'))).toHaveLength(2);
    expect(clock.sleeps).toEqual([500]);
  });

  it('refuses a gzip bomb (SourceLimits) without retrying', async () => {
    const clock = fakeClock('2099-03-02T06:00:00Z');
    const bomb = gzipSync(Buffer.concat([Buffer.from('#model_version:v1,score_date:2099-03-02T00:00:00+0000\ncve,epss,percentile\n'), Buffer.alloc(8 * 1024 * 1024, 0x30)]));
    server = await replayServer((_req, res) => {
      res.writeHead(200, { 'content-length': bomb.length });
      res.end(bomb);
    }, clock);
    const err = await collect(syncEpss({ baseUrl: server.base, limits: { maxDocumentBytes: 64 * 1024 * 1024, maxArchiveBytes: 1e9, maxCompressionRatio: 100 } }, { scoreDate: '2099-03-01' }, clock.deps)).catch((e: unknown) => e);
    expect(isVigilError(err) && err.code).toBe('SOURCE_DOCUMENT_TOO_LARGE');
    expect((err as Error).message).toMatch(/gzip bomb/u);
    expect(server.seen).toHaveLength(1);
  });
});

import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { isVigilError } from '../../domain/errors.ts';
import { fakeClock, json, replayServer, type ReplayServer } from '../../../test/fixtures/feeds/nvd/replay-server.ts';
import type { SourceBatch } from '../source.ts';
import { nvdWindows, syncNvd, type NvdSourceOptions } from './nvd.source.ts';

const base = JSON.parse(readFileSync(new URL('../../../test/fixtures/feeds/nvd/cve-record.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const cve = (n: number, extra: Record<string, unknown> = {}) => ({ cve: { ...base, id: `CVE-2099-${String(n).padStart(4, '0')}`, ...extra } });

/** An NVD page answering startIndex/resultsPerPage over `total` generated records. */
function pageOf(url: URL, total: number, res: ServerResponse, make = (i: number) => cve(i + 1)): void {
  const start = Number(url.searchParams.get('startIndex'));
  const per = Number(url.searchParams.get('resultsPerPage'));
  const items = Array.from({ length: Math.max(0, Math.min(per, total - start)) }, (_, k) => make(start + k));
  json(res, { resultsPerPage: items.length, startIndex: start, totalResults: total, format: 'NVD_CVE', version: '2.0', timestamp: '2099-03-01T00:00:00.000', vulnerabilities: items });
}

const NOW = '2099-03-01T00:00:00.000Z';
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

const fast = { retry: { baseDelayMs: 1000, maxAttempts: 4, timeoutMs: 5000 } } satisfies Partial<NvdSourceOptions>;

describe('NVD source against a local server', () => {
  it('pages a full sync over 3 pages, then hands over to incremental from the start time', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url) => pageOf(url, 5, res), clock);
    const batches = await collect(syncNvd({ ...fast, baseUrl: `${server.base}/rest/json/cves/2.0`, resultsPerPage: 2 }, null, clock.deps));
    expect(batches.map((b) => b.advisories!.map((a) => a.id))).toEqual([['CVE-2099-0001', 'CVE-2099-0002'], ['CVE-2099-0003', 'CVE-2099-0004'], ['CVE-2099-0005']]);
    expect(batches.map((b) => b.watermark)).toEqual([
      { mode: 'full', startedAt: NOW, nextIndex: 2 },
      { mode: 'full', startedAt: NOW, nextIndex: 4 },
      { mode: 'incremental', since: NOW },
    ]);
    expect(batches.map((b) => b.progress)).toEqual([{ done: 2, total: 5 }, { done: 4, total: 5 }, { done: 5, total: 5 }]);
    expect(server.seen.map((s) => s.url.search)).toEqual(['?startIndex=0&resultsPerPage=2', '?startIndex=2&resultsPerPage=2', '?startIndex=4&resultsPerPage=2']);
    expect(server.seen[0]!.url.pathname).toBe('/rest/json/cves/2.0');
    expect(batches[0]!.raw!.get('CVE-2099-0001')).toMatchObject({ cisaExploitAdd: '2099-01-05' });
  });

  it('resumes a full sync at the committed page position without repeating it', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url) => pageOf(url, 5, res), clock);
    const batches = await collect(syncNvd({ ...fast, baseUrl: server.base, resultsPerPage: 2 }, { mode: 'full', startedAt: '2099-02-28T00:00:00.000Z', nextIndex: 4 }, clock.deps));
    expect(server.seen[0]!.url.searchParams.get('startIndex')).toBe('4');
    expect(batches[0]!.advisories!.map((a) => a.id)).toEqual(['CVE-2099-0005']);
    // then the changes made while the full sync ran: one window from its start to now
    expect(server.seen[1]!.url.searchParams.get('lastModStartDate')).toBe('2099-02-28T00:00:00.000Z');
    expect(server.seen[1]!.url.searchParams.get('lastModEndDate')).toBe(NOW);
    expect(batches.at(-1)!.watermark).toEqual({ mode: 'incremental', since: NOW });
  });

  it('splits an incremental sync into windows of at most 120 days and commits each window end', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url) => pageOf(url, 1, res), clock);
    const since = new Date(Date.parse(NOW) - 250 * 86_400_000).toISOString();
    const batches = await collect(syncNvd({ ...fast, baseUrl: server.base }, { mode: 'incremental', since }, clock.deps));
    const windows = server.seen.map((s) => [s.url.searchParams.get('lastModStartDate'), s.url.searchParams.get('lastModEndDate')]);
    expect(windows).toHaveLength(3);
    const days = windows.map(([s, e]) => (Date.parse(e!) - Date.parse(s!)) / 86_400_000);
    expect(days).toEqual([120, 120, 10]);
    expect(windows[0]![0]).toBe(since);
    expect(windows[2]![1]).toBe(NOW);
    expect(batches.map((b) => b.watermark)).toEqual(windows.map(([, e]) => ({ mode: 'incremental', since: e })));
    expect(server.seen[0]!.url.searchParams.get('resultsPerPage')).toBe('2000');
  });

  it('resumes inside a window at the committed page', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url) => pageOf(url, 3, res), clock);
    const since = '2099-02-01T00:00:00.000Z';
    const batches = await collect(syncNvd({ ...fast, baseUrl: server.base, resultsPerPage: 2 }, { mode: 'incremental', since, window: { end: '2099-02-15T00:00:00.000Z', nextIndex: 2 } }, clock.deps));
    expect(server.seen[0]!.url.searchParams.get('startIndex')).toBe('2');
    expect(server.seen[0]!.url.searchParams.get('lastModEndDate')).toBe('2099-02-15T00:00:00.000Z');
    expect(batches[0]!.watermark).toEqual({ mode: 'incremental', since: '2099-02-15T00:00:00.000Z' });
    // next window starts where the resumed one ended
    expect(server.seen[1]!.url.searchParams.get('lastModStartDate')).toBe('2099-02-15T00:00:00.000Z');
    expect(batches[1]!.watermark).toEqual({ mode: 'incremental', since: '2099-02-15T00:00:00.000Z', window: { end: NOW, nextIndex: 2 } });
  });

  it('waits and retries after a 403 rate-limit answer, and sends the API key as a header', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url, n) => (n === 1 ? json(res, { message: 'rate limited' }, 403) : pageOf(url, 1, res)), clock);
    const batches = await collect(syncNvd({ ...fast, baseUrl: server.base, apiKey: 'k-123' }, { mode: 'incremental', since: '2099-02-20T00:00:00.000Z' }, clock.deps));
    expect(batches).toHaveLength(1);
    expect(server.seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([1000]);
    expect(server.seen.every((s) => s.headers.apikey === 'k-123')).toBe(true);
  });

  it('honours Retry-After on a 503', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url, n) => (n === 1 ? json(res, {}, 503, { 'retry-after': '7' }) : pageOf(url, 1, res)), clock);
    await collect(syncNvd({ ...fast, baseUrl: server.base }, { mode: 'incremental', since: '2099-02-20T00:00:00.000Z' }, clock.deps));
    expect(clock.sleeps).toEqual([7000]);
  });

  it('gives up with SOURCE_HTTP_FAILED after the allowed attempts, backing off exponentially', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res) => json(res, {}, 500), clock);
    const err = await collect(syncNvd({ ...fast, baseUrl: server.base }, null, clock.deps)).catch((e: unknown) => e);
    expect(isVigilError(err) && err.code).toBe('SOURCE_HTTP_FAILED');
    expect((err as Error).message).toMatch(/after 4 attempts \(last: HTTP 500\)/u);
    expect(server.seen).toHaveLength(4);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('fails at once on a status that a retry cannot fix (404)', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res) => json(res, {}, 404), clock);
    const err = await collect(syncNvd({ ...fast, baseUrl: server.base }, null, clock.deps)).catch((e: unknown) => e);
    expect(isVigilError(err) && err.details.status).toBe(404);
    expect(server.seen).toHaveLength(1);
  });

  it('aborts a request the server never answers, then succeeds on the retry', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url, n) => {
      if (n > 1) pageOf(url, 1, res); // the first request hangs until the client gives up
    }, clock);
    const batches = await collect(syncNvd({ ...fast, baseUrl: server.base, retry: { ...fast.retry, timeoutMs: 150 } }, { mode: 'incremental', since: '2099-02-20T00:00:00.000Z' }, clock.deps));
    expect(batches[0]!.advisories).toHaveLength(1);
    expect(server.seen).toHaveLength(2);
  });

  it('reports the timeout when every attempt hangs', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer(() => undefined, clock);
    const err = await collect(syncNvd({ ...fast, baseUrl: server.base, retry: { ...fast.retry, timeoutMs: 100, maxAttempts: 2 } }, null, clock.deps)).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/after 2 attempts \(last: timed out after 100 ms\)/u);
  });

  it('retries a truncated body (connection cut before Content-Length) and a body that is not complete JSON', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.write('{"resultsPerPage":1,"startIndex":0,"totalRes');
        res.destroy();
      } else if (n === 2) {
        const text = '{"resultsPerPage":1,"startIndex":0,"vulnerabilities":[{"cve":';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      } else pageOf(url, 1, res);
    }, clock);
    const batches = await collect(syncNvd({ ...fast, baseUrl: server.base }, { mode: 'incremental', since: '2099-02-20T00:00:00.000Z' }, clock.deps));
    expect(batches[0]!.advisories).toHaveLength(1);
    expect(server.seen).toHaveLength(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('reports a malformed record in a page and keeps the rest', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url) => pageOf(url, 3, res, (i) => (i === 1 ? cve(2, { metrics: { cvssMetricV31: [{ source: 'x', type: 'Primary' }] } }) : cve(i + 1))), clock);
    const [batch] = await collect(syncNvd({ ...fast, baseUrl: server.base }, { mode: 'incremental', since: '2099-02-20T00:00:00.000Z' }, clock.deps));
    expect(batch!.advisories!.map((a) => a.id)).toEqual(['CVE-2099-0001', 'CVE-2099-0003']);
    expect(batch!.problems).toEqual([expect.objectContaining({ source: 'nvd', id: 'CVE-2099-0002', reason: 'CVSS metric without cvssData' })]);
    expect(batch!.problems![0]!.location).toContain('$.vulnerabilities[1].cve.metrics.cvssMetricV31[0]');
  });

  it('keeps to 5 requests per 30 s without a key (on the injected clock)', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url) => pageOf(url, 7, res), clock);
    await collect(syncNvd({ ...fast, baseUrl: server.base, resultsPerPage: 1 }, { mode: 'full', startedAt: NOW, nextIndex: 0 }, clock.deps));
    const at = server.seen.map((s) => s.at - Date.parse(NOW));
    expect(at).toEqual([0, 0, 0, 0, 0, 30_000, 30_000]);
    for (let i = 5; i < at.length; i++) expect(at[i]! - at[i - 5]!).toBeGreaterThanOrEqual(30_000);
  });

  it('allows 50 requests per 30 s with a key', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url) => pageOf(url, 7, res), clock);
    await collect(syncNvd({ ...fast, baseUrl: server.base, resultsPerPage: 1, apiKey: 'k' }, { mode: 'full', startedAt: NOW, nextIndex: 0 }, clock.deps));
    expect(clock.sleeps).toEqual([]);
  });

  it('refuses a page larger than the document limit without retrying', async () => {
    const clock = fakeClock(NOW);
    server = await replayServer((_req, res, url) => pageOf(url, 3, res), clock);
    const err = await collect(syncNvd({ ...fast, baseUrl: server.base, limits: { maxDocumentBytes: 1000, maxArchiveBytes: 1e9, maxCompressionRatio: 100 } }, null, clock.deps)).catch((e: unknown) => e);
    expect(isVigilError(err) && err.code).toBe('SOURCE_DOCUMENT_TOO_LARGE');
    expect(server.seen).toHaveLength(1);
  });

  it('rejects options out of the API limits and unknown watermarks', async () => {
    const clock = fakeClock(NOW);
    await expect(collect(syncNvd({ resultsPerPage: 2001 }, null, clock.deps))).rejects.toThrow(/resultsPerPage/u);
    await expect(collect(syncNvd({ windowDays: 121 }, null, clock.deps))).rejects.toThrow(/windowDays/u);
    await expect(collect(syncNvd({}, { page: 3 }, clock.deps))).rejects.toThrow(/not an NVD watermark/u);
  });
});

describe('nvdWindows', () => {
  it('covers the span exactly, with no window over the limit', () => {
    const w = nvdWindows(new Date('2024-01-01T00:00:00Z'), new Date('2024-12-31T00:00:00Z'), 120);
    expect(w[0]!.start.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(w.at(-1)!.end.toISOString()).toBe('2024-12-31T00:00:00.000Z');
    for (let i = 1; i < w.length; i++) expect(w[i]!.start.getTime()).toBe(w[i - 1]!.end.getTime());
    expect(w.every((x) => x.end.getTime() - x.start.getTime() <= 120 * 86_400_000)).toBe(true);
    expect(nvdWindows(new Date(0), new Date(0))).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock, replayServer, type ReplayServer } from '../../../test/fixtures/feeds/nvd/replay-server.ts';
import type { SourceBatch } from '../source.ts';
import { syncKev } from './kev.source.ts';

const catalog = readFileSync(new URL('../../../test/fixtures/feeds/kev/catalog.json', import.meta.url));
const ETAG = '"kev-2099.03.01"';
const LAST_MODIFIED = 'Sun, 01 Mar 2099 17:05:00 GMT';

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

/** Serves the catalog, answering 304 when the client's validators match. */
async function kevServer(clock: ReturnType<typeof fakeClock>): Promise<ReplayServer> {
  return replayServer((req, res) => {
    if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
      res.writeHead(304, { etag: ETAG });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag: ETAG, 'last-modified': LAST_MODIFIED, 'content-length': catalog.length });
    res.end(catalog);
  }, clock);
}

describe('KEV source against a local server', () => {
  it('fetches the catalog, keeps good entries, reports the bad one, and stores the validators', async () => {
    const clock = fakeClock('2099-03-02T00:00:00Z');
    server = await kevServer(clock);
    const [batch, ...more] = await collect(syncKev({ url: `${server.base}/kev.json` }, null, clock.deps));
    expect(more).toEqual([]);
    expect(batch!.kev!.map((e) => e.cveId)).toEqual(['CVE-2099-0001', 'CVE-2099-12345']);
    expect(batch!.problems!.map((p) => p.id)).toEqual(['CVE-99-1']);
    expect(batch!.watermark).toEqual({ catalogVersion: '2099.03.01', dateReleased: '2099-03-01T17:04:19.9796Z', etag: ETAG, lastModified: LAST_MODIFIED });
    expect(server.seen[0]!.headers['if-none-match']).toBeUndefined();
  });

  it('sends If-None-Match / If-Modified-Since and yields nothing on 304 Not Modified', async () => {
    const clock = fakeClock('2099-03-02T00:00:00Z');
    server = await kevServer(clock);
    const wm = { catalogVersion: '2099.03.01', dateReleased: '2099-03-01T17:04:19.9796Z', etag: ETAG, lastModified: LAST_MODIFIED };
    expect(await collect(syncKev({ url: server.base }, wm, clock.deps))).toEqual([]);
    expect(server.seen[0]!.headers['if-none-match']).toBe(ETAG);
    expect(server.seen[0]!.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('yields nothing when a server ignoring validators sends the catalog version already held', async () => {
    const clock = fakeClock('2099-03-02T00:00:00Z');
    server = await kevServer(clock);
    const wm = { catalogVersion: '2099.03.01', dateReleased: '2099-03-01T17:04:19.9796Z', etag: null, lastModified: null };
    expect(await collect(syncKev({ url: server.base }, wm, clock.deps))).toEqual([]);
    expect(server.seen).toHaveLength(1);
    const older = { ...wm, catalogVersion: '2099.02.28', dateReleased: '2099-02-28T10:00:00Z' };
    expect(await collect(syncKev({ url: server.base }, older, clock.deps))).toHaveLength(1);
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import type { HttpDeps, SourceBatch, SourceLimits } from '../source.ts';
import { compareTimestamps, osvSource, queryOsv, type OsvSourceOptions } from './osv.source.ts';
import { createOsvReader } from './osv.reader.ts';
import { retryAfterMs } from '../http.ts';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/feeds/osv');
const fixture = (name: string): string => readFileSync(resolve(fixtures, name), 'utf8');

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server;
let base = '';
let routes = new Map<string, Handler>();
let requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const key = `${req.method} ${req.url}`;
      requests.push(key);
      const h = routes.get(key);
      if (h) h(req, res, body);
      else res.writeHead(404).end('not found');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});
beforeEach(() => {
  routes = new Map();
  requests = [];
});

const sleeps: number[] = [];
const deps: HttpDeps = {
  fetch: globalThis.fetch,
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  now: () => new Date('2099-01-10T00:00:00Z'),
};

function serve(path: string, status: number, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  routes.set(`GET ${path}`, (_req, res) => res.writeHead(status, headers).end(body));
}

async function collect(it: AsyncIterable<SourceBatch>): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

const ids = (batches: readonly SourceBatch[]): string[] => batches.flatMap((b) => (b.advisories ?? []).map((a) => a.id));
const problems = (batches: readonly SourceBatch[]) => batches.flatMap((b) => b.problems ?? []);

const options = (extra: Partial<OsvSourceOptions> = {}): OsvSourceOptions => ({ ecosystems: ['npm'], baseUrl: base, retry: { baseDelayMs: 100, timeoutMs: 10_000 }, ...extra });

function dumpZip(): Uint8Array {
  return zipSync({
    'GHSA-vg01-aaaa-0001.json': strToU8(fixture('GHSA-vg01-aaaa-0001.json')),
    'GHSA-vg01-bad0-0003.json': strToU8(fixture('malformed-no-introduced.json')),
    'PYSEC-2099-1.json': strToU8(fixture('PYSEC-2099-1.json')),
    'DEBIAN-CVE-2099-0002.json': strToU8(fixture('DEBIAN-CVE-2099-0002.json')),
  });
}

describe('osvSource: first sync from all.zip', () => {
  it('streams the dump in batches; a malformed record in the middle is reported and the rest ingested; the watermark is set at the end', async () => {
    serve('/npm/all.zip', 200, dumpZip(), { 'content-type': 'application/zip' });
    const batches = await collect(osvSource.sync(options({ batchSize: 2 }), null, deps));
    expect(ids(batches)).toEqual(['GHSA-vg01-aaaa-0001', 'PYSEC-2099-1', 'DEBIAN-CVE-2099-0002']);
    expect(problems(batches)).toEqual([
      expect.objectContaining({ id: 'GHSA-vg01-bad0-0003', location: `${base}/npm/all.zip:GHSA-vg01-bad0-0003.json $.affected[0].ranges[0].events` }),
    ]);
    // intermediate batches do not claim the ecosystem; the last one sets the newest modified
    expect(batches.slice(0, -1).every((b) => (b.watermark as { ecosystems: Record<string, string> }).ecosystems.npm === undefined)).toBe(true);
    expect(batches.at(-1)!.watermark).toEqual({ ecosystems: { npm: '2099-01-05T00:00:00Z' } });
    expect(batches.at(-1)!.progress).toEqual({ done: 4, total: 4 });
    expect(batches[0]!.raw!.get('GHSA-vg01-aaaa-0001')).toEqual(JSON.parse(fixture('GHSA-vg01-aaaa-0001.json')));
  });

  it('refuses a truncated zip without moving the watermark, and goes on with the next ecosystem', async () => {
    const zip = dumpZip();
    serve('/npm/all.zip', 200, zip.slice(0, Math.floor(zip.length * 0.6)));
    serve('/PyPI/all.zip', 200, zipSync({ 'PYSEC-2099-1.json': strToU8(fixture('PYSEC-2099-1.json')) }));
    const batches = await collect(osvSource.sync(options({ ecosystems: ['npm', 'PyPI'] }), null, deps));
    const p = problems(batches).filter((x) => x.id === null);
    expect(p).toHaveLength(1);
    expect(p[0]!.location).toBe(`${base}/npm/all.zip`);
    expect(p[0]!.reason).toMatch(/archive refused \((truncated|corrupt)\)/);
    expect(batches.at(-1)!.watermark).toEqual({ ecosystems: { PyPI: '2099-01-04T08:30:00.123456Z' } });
  });

  it('refuses a zip bomb (small archive producing huge output) while streaming', async () => {
    const bomb = zipSync({ 'GHSA-bomb-0000-0001.json': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    serve('/npm/all.zip', 200, bomb);
    const limits: SourceLimits = { maxDocumentBytes: 64 * 1024 * 1024, maxArchiveBytes: 1024 ** 3, maxCompressionRatio: 200 };
    const batches = await collect(osvSource.sync(options({ limits }), null, deps));
    expect(problems(batches)[0]!.reason).toMatch(/archive refused \(bomb\)/);
    expect(batches.at(-1)!.watermark).toEqual({ ecosystems: {} });
  });

  it('refuses an entry whose header lies about its size, and one declaring more than the document limit', async () => {
    const zip = zipSync({ 'GHSA-vg01-aaaa-0001.json': strToU8(fixture('GHSA-vg01-aaaa-0001.json')) }, { level: 0 });
    const lying = zip.slice();
    new DataView(lying.buffer).setUint32(22, 10, true); // local header: uncompressed size 10 bytes
    serve('/npm/all.zip', 200, lying);
    let batches = await collect(osvSource.sync(options(), null, deps));
    expect(ids(batches)).toEqual([]);
    expect(problems(batches)[0]!.reason).toMatch(/declared|corrupt|truncated/);

    const huge = zip.slice();
    new DataView(huge.buffer).setUint32(22, 2_000_000_000, true);
    serve('/npm/all.zip', 200, huge);
    batches = await collect(osvSource.sync(options({ limits: { maxDocumentBytes: 1024 * 1024, maxArchiveBytes: 1024 ** 3, maxCompressionRatio: 200 } }), null, deps));
    expect(ids(batches)).toEqual([]);
    expect(problems(batches)[0]!.reason).toMatch(/document limit|declares/);
  });
});

describe('osvSource: incremental sync from modified_id.csv', () => {
  const csv = [
    '2099-01-06T00:00:00Z,npm/GHSA-vg01-cccc-0003',
    '2099-01-05T00:00:00Z,npm/GHSA-vg01-bbbb-0002',
    '2099-01-05T00:00:00Z,npm/GHSA-vg01-bad0-0003',
    '2099-01-04T08:30:00.123456Z,npm/PYSEC-2099-1',
    '2099-01-03T10:00:00Z,npm/GHSA-vg01-aaaa-0001',
    '2099-01-01T00:00:00Z,npm/GHSA-old0-0000-0000',
  ].join('\n');
  const record = (id: string, modified: string) => JSON.stringify({ ...JSON.parse(fixture('GHSA-vg01-aaaa-0001.json')), id, modified });

  beforeEach(() => {
    serve('/npm/modified_id.csv', 200, `${csv}\n`);
    serve('/npm/GHSA-vg01-cccc-0003.json', 200, record('GHSA-vg01-cccc-0003', '2099-01-06T00:00:00Z'));
    serve('/npm/GHSA-vg01-bbbb-0002.json', 200, record('GHSA-vg01-bbbb-0002', '2099-01-05T00:00:00Z'));
    serve('/npm/GHSA-vg01-bad0-0003.json', 200, fixture('malformed-no-introduced.json'));
    serve('/npm/PYSEC-2099-1.json', 200, fixture('PYSEC-2099-1.json'));
  });

  it('reads rows newer than the watermark, fetches each changed record oldest first, keeps equal timestamps in one batch', async () => {
    const batches = await collect(osvSource.sync(options({ batchSize: 1, concurrency: 1 }), { ecosystems: { npm: '2099-01-03T10:00:00Z' } }, deps));
    expect(ids(batches)).toEqual(['PYSEC-2099-1', 'GHSA-vg01-bbbb-0002', 'GHSA-vg01-cccc-0003']);
    expect(batches.map((b) => (b.watermark as { ecosystems: Record<string, string> }).ecosystems.npm)).toEqual([
      '2099-01-04T08:30:00.123456Z',
      '2099-01-05T00:00:00Z',
      '2099-01-06T00:00:00Z',
    ]);
    // the two rows of 2099-01-05 share a batch: a good record and the malformed one, reported
    expect(batches[1]!.advisories!.map((a) => a.id)).toEqual(['GHSA-vg01-bbbb-0002']);
    expect(batches[1]!.problems!.map((p) => p.id)).toEqual(['GHSA-vg01-bad0-0003']);
    expect(batches.map((b) => b.progress)).toEqual([
      { done: 1, total: 4 },
      { done: 3, total: 4 },
      { done: 4, total: 4 },
    ]);
    expect(requests.filter((r) => r.includes('aaaa') || r.includes('old0'))).toEqual([]);
  });

  it('yields one empty batch with the same watermark when nothing changed', async () => {
    const batches = await collect(osvSource.sync(options(), { ecosystems: { npm: '2099-01-06T00:00:00Z' } }, deps));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.advisories).toEqual([]);
    expect(batches[0]!.watermark).toEqual({ ecosystems: { npm: '2099-01-06T00:00:00Z' } });
    expect(requests).toEqual(['GET /npm/modified_id.csv']);
  });

  it('waits as Retry-After says on 429, and backs off on 5xx, then succeeds', async () => {
    let csvCalls = 0;
    routes.set('GET /npm/modified_id.csv', (_req, res) => {
      csvCalls++;
      if (csvCalls === 1) res.writeHead(429, { 'retry-after': '7' }).end('slow down');
      else res.writeHead(200).end(`${csv}\n`);
    });
    let recordCalls = 0;
    routes.set('GET /npm/GHSA-vg01-cccc-0003.json', (_req, res) => {
      recordCalls++;
      if (recordCalls <= 2) res.writeHead(503).end('busy');
      else res.writeHead(200).end(record('GHSA-vg01-cccc-0003', '2099-01-06T00:00:00Z'));
    });
    sleeps.length = 0;
    const batches = await collect(osvSource.sync(options(), { ecosystems: { npm: '2099-01-05T00:00:00Z' } }, deps));
    expect(ids(batches)).toEqual(['GHSA-vg01-cccc-0003']);
    expect(sleeps).toEqual([7000, 100, 200]);
  });

  it('reports a record that keeps failing, and still moves on', async () => {
    routes.set('GET /npm/GHSA-vg01-cccc-0003.json', (_req, res) => res.writeHead(500).end());
    const batches = await collect(osvSource.sync(options({ retry: { maxRetries: 1, baseDelayMs: 1, timeoutMs: 10_000 } }), { ecosystems: { npm: '2099-01-05T00:00:00Z' } }, deps));
    expect(problems(batches)).toEqual([expect.objectContaining({ id: 'GHSA-vg01-cccc-0003', reason: expect.stringMatching(/HTTP 500 after 2 attempts/) })]);
  });
});

describe('queryOsv', () => {
  it('looks up one id, and answers nothing for an unknown id', async () => {
    serve('/v1/vulns/PYSEC-2099-1', 200, fixture('PYSEC-2099-1.json'));
    const r = await queryOsv({ id: 'PYSEC-2099-1' }, { apiBaseUrl: base }, deps);
    expect(r.advisories.map((a) => a.id)).toEqual(['PYSEC-2099-1']);
    expect((await queryOsv({ id: 'GHSA-none' }, { apiBaseUrl: base }, deps)).advisories).toEqual([]);
  });

  it('queries a package version and follows next_page_token', async () => {
    const bodies: unknown[] = [];
    routes.set('POST /v1/query', (_req, res, body) => {
      const q = JSON.parse(body) as { page_token?: string };
      bodies.push(q);
      if (!q.page_token) res.writeHead(200).end(JSON.stringify({ vulns: [JSON.parse(fixture('GHSA-vg01-aaaa-0001.json'))], next_page_token: 'p2' }));
      else res.writeHead(200).end(JSON.stringify({ vulns: [JSON.parse(fixture('PYSEC-2099-1.json')), JSON.parse(fixture('malformed-no-introduced.json'))] }));
    });
    const r = await queryOsv({ purl: 'pkg:npm/%40acme/infusion-ui', version: '1.0.0' }, { apiBaseUrl: base }, deps);
    expect(r.advisories.map((a) => a.id)).toEqual(['GHSA-vg01-aaaa-0001', 'PYSEC-2099-1']);
    expect(r.problems.map((p) => p.id)).toEqual(['GHSA-vg01-bad0-0003']);
    expect(bodies).toEqual([
      { package: { purl: 'pkg:npm/%40acme/infusion-ui' }, version: '1.0.0' },
      { package: { purl: 'pkg:npm/%40acme/infusion-ui' }, version: '1.0.0', page_token: 'p2' },
    ]);
  });
});

describe('osvReader (offline)', () => {
  const reader = createOsvReader({ batchSize: 2 });
  it('detects OSV dumps and OSV JSON, not other feeds', () => {
    const zip = dumpZip();
    expect(reader.detect('npm-all.zip', zip.subarray(0, 200))).toBe(true);
    expect(reader.detect('advisory-database.zip', zipSync({ 'advisory-database-main/advisories/x.json': strToU8('{}') }).subarray(0, 200))).toBe(false);
    expect(reader.detect('GHSA.json', strToU8(fixture('GHSA-vg01-aaaa-0001.json')))).toBe(true);
    expect(reader.detect('cve.json', strToU8('{"dataType":"CVE_RECORD","cveMetadata":{"id":"x"}}'))).toBe(false);
    expect(reader.detect('notes.txt', strToU8('{"id":"x","modified":"y"}'))).toBe(false);
  });
  it('reads a dump in batches with watermark null, reporting the malformed record', async () => {
    const batches = await collect(reader.read('npm-all.zip', dumpZip()));
    expect(ids(batches)).toEqual(['GHSA-vg01-aaaa-0001', 'PYSEC-2099-1', 'DEBIAN-CVE-2099-0002']);
    expect(problems(batches).map((p) => p.id)).toEqual(['GHSA-vg01-bad0-0003']);
    expect(batches.every((b) => b.watermark === null)).toBe(true);
  });
  it('reads a JSON array of records', async () => {
    const text = `[${fixture('GHSA-vg01-aaaa-0001.json')},${fixture('PYSEC-2099-1.json')}]`;
    const batches = await collect(reader.read('export.json', strToU8(text)));
    expect(ids(batches)).toEqual(['GHSA-vg01-aaaa-0001', 'PYSEC-2099-1']);
  });
});

describe('helpers', () => {
  it('compares timestamps across fractional precision', () => {
    expect(compareTimestamps('2099-01-05T00:00:00Z', '2099-01-05T00:00:00.5Z')).toBe(-1);
    expect(compareTimestamps('2099-01-05T00:00:00.000Z', '2099-01-05T00:00:00Z')).toBe(0);
    expect(compareTimestamps('2099-01-06T00:00:00Z', '2099-01-05T23:59:59.999999Z')).toBe(1);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2099-01-10T00:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Sat, 10 Jan 2099 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

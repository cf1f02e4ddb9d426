import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import type { HttpDeps, SourceBatch } from '../source.ts';
import { createGhsaReader, ghsaCollectionOf, ghsaSource } from './ghsa.source.ts';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/feeds/ghsa');
const fixture = (name: string): string => readFileSync(resolve(fixtures, name), 'utf8');

function repoArchive(): Uint8Array {
  const root = 'advisory-database-main';
  return zipSync({
    [`${root}/`]: new Uint8Array(0),
    [`${root}/README.md`]: strToU8('# advisory database mirror'),
    [`${root}/advisories/github-reviewed/2099/01/GHSA-vg02-aaaa-0001/GHSA-vg02-aaaa-0001.json`]: strToU8(fixture('GHSA-vg02-aaaa-0001.json')),
    [`${root}/advisories/github-reviewed/2099/02/GHSA-vg02-bbbb-0002/GHSA-vg02-bbbb-0002.json`]: strToU8(fixture('GHSA-vg02-bbbb-0002.json')),
    [`${root}/advisories/github-reviewed/2099/02/GHSA-vg02-bad0-0003/GHSA-vg02-bad0-0003.json`]: strToU8('{"id": "GHSA-vg02-bad0-0003", "modified": "2099-02-02T00:00:00Z", "affected": "none"}'),
    [`${root}/advisories/unreviewed/2099/02/GHSA-vg02-unrv-0004/GHSA-vg02-unrv-0004.json`]: strToU8(fixture('GHSA-vg02-aaaa-0001.json').replace(/GHSA-vg02-aaaa-0001/gu, 'GHSA-vg02-unrv-0004')),
  });
}

let server: Server;
let base = '';
let handler: (res: ServerResponse) => void = (res) => res.writeHead(404).end();
beforeAll(async () => {
  server = createServer((_req, res) => handler(res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

const sleeps: number[] = [];
const deps: HttpDeps = { fetch: globalThis.fetch, sleep: async (ms) => void sleeps.push(ms), now: () => new Date('2099-03-01T00:00:00Z') };

async function collect(it: AsyncIterable<SourceBatch>): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}
const ids = (bs: readonly SourceBatch[]) => bs.flatMap((b) => (b.advisories ?? []).map((a) => a.id));

describe('ghsaCollectionOf', () => {
  it('recognises the repository layout only', () => {
    expect(ghsaCollectionOf('advisory-database-main/advisories/github-reviewed/2024/05/GHSA-abcd-efgh-ijkl/GHSA-abcd-efgh-ijkl.json')).toBe('github-reviewed');
    expect(ghsaCollectionOf('advisories/unreviewed/2024/05/GHSA-abcd-efgh-ijkl/GHSA-abcd-efgh-ijkl.json')).toBe('unreviewed');
    expect(ghsaCollectionOf('advisories/github-reviewed/2024/05/GHSA-abcd-efgh-ijkl/other.json')).toBeNull();
    expect(ghsaCollectionOf('README.md')).toBeNull();
  });
});

describe('ghsaSource', () => {
  it('reads reviewed advisories from the repository archive (after a 429), reports the malformed one, sets the watermark', async () => {
    let calls = 0;
    handler = (res) => {
      calls++;
      if (calls === 1) res.writeHead(429, { 'retry-after': '3' }).end();
      else res.writeHead(200, { 'content-type': 'application/zip' }).end(repoArchive());
    };
    sleeps.length = 0;
    const batches = await collect(ghsaSource.sync({ archiveUrl: `${base}/main.zip`, batchSize: 1 }, null, deps));
    expect(sleeps).toEqual([3000]);
    expect(ids(batches)).toEqual(['GHSA-vg02-aaaa-0001', 'GHSA-vg02-bbbb-0002']);
    const all = batches.flatMap((b) => b.advisories ?? []);
    expect(all.every((a) => a.source === 'ghsa')).toBe(true);
    expect(all[0]!.affected[0]!.purl).toBe('pkg:maven/org.example.pacs/dicom-archive');
    expect(all[0]!.cwes).toEqual(['CWE-22']);
    expect(all[1]!.withdrawn).toBe('2099-02-03T12:00:00Z');
    const problems = batches.flatMap((b) => b.problems ?? []);
    expect(problems).toEqual([expect.objectContaining({ source: 'ghsa', id: 'GHSA-vg02-bad0-0003', location: expect.stringMatching(/GHSA-vg02-bad0-0003\.json \$\.affected$/) })]);
    expect(batches.slice(0, -1).every((b) => (b.watermark as { modified: string | null }).modified === null)).toBe(true);
    expect(batches.at(-1)!.watermark).toEqual({ modified: '2099-02-03T12:00:00Z' });
  });

  it('yields only records modified after the watermark; unreviewed ones when asked', async () => {
    handler = (res) => res.writeHead(200).end(repoArchive());
    const batches = await collect(ghsaSource.sync({ archiveUrl: `${base}/main.zip`, include: ['github-reviewed', 'unreviewed'] }, { modified: '2099-02-01T00:00:00Z' }, deps));
    expect(ids(batches)).toEqual(['GHSA-vg02-bbbb-0002']);
    expect(batches.at(-1)!.watermark).toEqual({ modified: '2099-02-03T12:00:00Z' });
    const withUnreviewed = await collect(ghsaSource.sync({ archiveUrl: `${base}/main.zip`, include: ['unreviewed'] }, null, deps));
    expect(ids(withUnreviewed)).toEqual(['GHSA-vg02-unrv-0004']);
  });

  it('does not move the watermark when the archive is cut short', async () => {
    const zip = repoArchive();
    handler = (res) => res.writeHead(200).end(zip.slice(0, zip.length - 200));
    const batches = await collect(ghsaSource.sync({ archiveUrl: `${base}/main.zip` }, { modified: '2099-01-01T00:00:00Z' }, deps));
    expect(batches.at(-1)!.watermark).toEqual({ modified: '2099-01-01T00:00:00Z' });
    expect(batches.flatMap((b) => b.problems ?? []).some((p) => /archive refused \(truncated\)/u.test(p.reason))).toBe(true);
  });
});

describe('ghsaReader', () => {
  const reader = createGhsaReader();
  it('detects the repository archive and single GHSA files', () => {
    expect(reader.detect('advisory-database-main.zip', repoArchive().subarray(0, 200))).toBe(true);
    expect(reader.detect('npm-all.zip', zipSync({ 'GHSA-x.json': strToU8('{}') }).subarray(0, 200))).toBe(false);
    expect(reader.detect('GHSA-vg02-aaaa-0001.json', strToU8(fixture('GHSA-vg02-aaaa-0001.json')))).toBe(true);
  });
  it('reads every collection of the archive offline, with watermark null', async () => {
    const batches = await collect(reader.read('advisory-database-main.zip', repoArchive()));
    expect(ids(batches).sort()).toEqual(['GHSA-vg02-aaaa-0001', 'GHSA-vg02-bbbb-0002', 'GHSA-vg02-unrv-0004']);
    expect(batches.every((b) => b.watermark === null)).toBe(true);
  });
});

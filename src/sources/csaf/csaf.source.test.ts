import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Advisory, RecordProblem } from '../../domain/advisories/advisory.ts';
import type { HttpDeps, SourceBatch } from '../source.ts';
import { configuredProviders, csafSource, csafUrlsInSecurityTxt, parseChangesCsv, providerMetadataUrl, type CsafProvider, type CsafSourceOptions, type CsafSourceRawRecord } from './csaf.source.ts';

const fixtureText = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/feeds/csaf/acme-2024-001.json'), 'utf8');

/** A CSAF document derived from the fixture with its own tracking id, CVEs and release date. */
function makeDoc(trackingId: string, cves: [string, string], released: string, extra: (d: Record<string, any>) => void = () => {}): string { // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON
  const d = JSON.parse(fixtureText) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON
  d.document.tracking.id = trackingId;
  d.document.tracking.current_release_date = released;
  d.document.tracking.revision_history[1].date = released;
  d.vulnerabilities[0].cve = cves[0];
  d.vulnerabilities[1].cve = cves[1];
  extra(d);
  return JSON.stringify(d, null, 2);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Route = { status?: number; body?: string | Uint8Array; headers?: Record<string, string> } | Handler;

let server: Server;
let base = '';
const routes = new Map<string, Route>();
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push(path);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    if (typeof route === 'function') {
      route(req, res);
      return;
    }
    res.writeHead(route.status ?? 200, { 'content-type': 'application/json', ...route.headers }).end(route.body ?? '');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
});

beforeEach(() => {
  routes.clear();
  hits.length = 0;
});

const sleeps: number[] = [];
const deps: HttpDeps = {
  fetch: (input, init) => globalThis.fetch(input, init),
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  now: () => new Date('2024-04-01T00:00:00Z'),
};

const sha = (algorithm: 'sha256' | 'sha512', body: string): string => createHash(algorithm).update(body).digest('hex');

let signingKey: openpgp.PrivateKey;
let publicKeyArmored = '';
let otherKey: openpgp.PrivateKey;

beforeAll(async () => {
  const mine = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Acme PSIRT', email: 'psirt@acme-medical.example' }], format: 'object' });
  signingKey = mine.privateKey;
  publicKeyArmored = mine.publicKey.armor();
  otherKey = (await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Mallory' }], format: 'object' })).privateKey;
});

async function sign(body: string, key: openpgp.PrivateKey = signingKey): Promise<string> {
  const message = await openpgp.createMessage({ binary: new TextEncoder().encode(body) });
  return openpgp.sign({ message, signingKeys: key, detached: true, format: 'armored' });
}

/** Serves a document with its .sha256, .sha512 and .asc (signed by `key`). */
async function serveDocument(path: string, body: string, opts: { servedBody?: string; key?: openpgp.PrivateKey; signedBody?: string } = {}): Promise<void> {
  routes.set(path, { body: opts.servedBody ?? body });
  routes.set(`${path}.sha256`, { body: `${sha('sha256', body)}  ${path.split('/').at(-1)}\n`, headers: { 'content-type': 'text/plain' } });
  routes.set(`${path}.sha512`, { body: `${sha('sha512', body)}  ${path.split('/').at(-1)}\n`, headers: { 'content-type': 'text/plain' } });
  routes.set(`${path}.asc`, { body: await sign(opts.signedBody ?? body, opts.key), headers: { 'content-type': 'text/plain' } });
}

function rolieEntry(id: string, path: string, updated: string): unknown {
  const url = `${base}${path}`;
  return {
    id,
    title: id,
    link: [
      { rel: 'self', href: url },
      { rel: 'hash', href: `${url}.sha256` },
      { rel: 'hash', href: `${url}.sha512` },
      { rel: 'signature', href: `${url}.asc` },
    ],
    published: updated,
    updated,
    content: { type: 'application/json', src: url },
    format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
  };
}

function serveFeed(path: string, entries: unknown[]): void {
  routes.set(path, { body: JSON.stringify({ feed: { id: 'acme-white', title: 'Acme CSAF (TLP:WHITE)', link: [{ rel: 'self', href: `${base}${path}` }], updated: '2024-03-09T00:00:00Z', entry: entries } }) });
}

function serveMetadata(distributions: unknown[], path = '/.well-known/csaf/provider-metadata.json'): void {
  routes.set(path, {
    body: JSON.stringify({
      canonical_url: `${base}${path}`,
      distributions,
      last_updated: '2024-03-09T00:00:00Z',
      list_on_CSAF_aggregators: true,
      metadata_version: '2.0',
      mirror_on_CSAF_aggregators: true,
      publisher: { category: 'vendor', name: 'Acme Medical', namespace: 'https://acme-medical.example' },
      role: 'csaf_trusted_provider',
    }),
  });
}

async function collect(options: CsafSourceOptions, watermark: unknown = null): Promise<{ batches: SourceBatch[]; advisories: Advisory[]; problems: RecordProblem[]; raw: Map<string, CsafSourceRawRecord>; watermark: unknown }> {
  const batches: SourceBatch[] = [];
  for await (const b of csafSource.sync(options, watermark, deps)) batches.push(b);
  const raw = new Map<string, CsafSourceRawRecord>();
  for (const b of batches) for (const [k, v] of b.raw ?? []) raw.set(k, v as CsafSourceRawRecord);
  return {
    batches,
    advisories: batches.flatMap((b) => b.advisories ?? []),
    problems: batches.flatMap((b) => b.problems ?? []),
    raw,
    watermark: batches.at(-1)?.watermark,
  };
}

const acme = (extra: Partial<CsafProvider> = {}): CsafSourceOptions => ({ includeDefaults: false, providers: [{ name: 'acme', url: base, publicKeyArmored, ...extra }] });

/** The hand-made provider: a ROLIE feed (2 good entries, a tampered one, a bad signature, a 404), an AMBER feed, a directory distribution. */
async function serveProvider(): Promise<void> {
  const a = makeDoc('ACME-2024-001', ['CVE-2024-1111', 'CVE-2016-2107'], '2024-03-05T10:00:00.000Z');
  const b = makeDoc('ACME-2024-002', ['CVE-2024-2222', 'CVE-2024-2223'], '2024-03-06T10:00:00.000Z');
  const t = makeDoc('ACME-2024-003', ['CVE-2024-3333', 'CVE-2024-3334'], '2024-03-06T11:00:00.000Z');
  const s = makeDoc('ACME-2024-004', ['CVE-2024-4444', 'CVE-2024-4445'], '2024-03-06T12:00:00.000Z');
  const d = makeDoc('ACME-2024-010', ['CVE-2024-1010', 'CVE-2024-1011'], '2024-03-07T10:00:00.000Z');
  await serveDocument('/csaf/white/2024/acme-2024-001.json', a);
  await serveDocument('/csaf/white/2024/acme-2024-002.json', b);
  await serveDocument('/csaf/white/2024/acme-2024-003.json', t, { servedBody: t.replace('The pump accepts', 'The pump happily accepts') });
  await serveDocument('/csaf/white/2024/acme-2024-004.json', s, { key: otherKey });
  await serveDocument('/csaf/dir/2024/acme-2024-010.json', d);
  serveFeed('/csaf/feed-tlp-white.json', [
    rolieEntry('ACME-2024-001', '/csaf/white/2024/acme-2024-001.json', '2024-03-05T10:00:00Z'),
    rolieEntry('ACME-2024-002', '/csaf/white/2024/acme-2024-002.json', '2024-03-06T10:00:00Z'),
    rolieEntry('ACME-2024-003', '/csaf/white/2024/acme-2024-003.json', '2024-03-06T11:00:00Z'),
    rolieEntry('ACME-2024-004', '/csaf/white/2024/acme-2024-004.json', '2024-03-06T12:00:00Z'),
    rolieEntry('ACME-2024-005', '/csaf/white/2024/acme-2024-005.json', '2024-03-06T13:00:00Z'),
  ]);
  routes.set('/csaf/dir/changes.csv', { body: '"2024/acme-2024-010.json","2024-03-07T10:00:00Z"\n', headers: { 'content-type': 'text/csv' } });
  serveMetadata([
    {
      rolie: {
        feeds: [
          { summary: 'WHITE advisories', tlp_label: 'WHITE', url: `${base}/csaf/feed-tlp-white.json` },
          { summary: 'AMBER advisories', tlp_label: 'AMBER', url: `${base}/csaf/feed-tlp-amber.json` },
        ],
      },
    },
    { directory_url: `${base}/csaf/dir/` },
  ]);
}

describe('csafSource against a local provider', () => {
  it('discovers the provider, downloads and verifies documents, reports and skips the bad ones', async () => {
    await serveProvider();
    const r = await collect(acme());
    expect(r.advisories.map((a) => a.id).sort()).toEqual(
      ['ACME-2024-001#CVE-2016-2107', 'ACME-2024-001#CVE-2024-1111', 'ACME-2024-002#CVE-2024-2222', 'ACME-2024-002#CVE-2024-2223', 'ACME-2024-010#CVE-2024-1010', 'ACME-2024-010#CVE-2024-1011'].sort(),
    );
    const reasons = r.problems.map((p) => `${p.location.replace(base, '')}: ${p.reason}`);
    expect(reasons).toHaveLength(3);
    expect(reasons.find((x) => x.startsWith('/csaf/white/2024/acme-2024-003.json:'))).toMatch(/sha256 mismatch .*document skipped/u);
    expect(reasons.find((x) => x.startsWith('/csaf/white/2024/acme-2024-004.json.asc:'))).toMatch(/signature does not verify.*document skipped/u);
    expect(reasons.find((x) => x.startsWith('/csaf/white/2024/acme-2024-005.json:'))).toMatch(/HTTP 404/u);
    expect(r.problems.every((p) => p.source === 'csaf:acme')).toBe(true);
    // the AMBER feed is never requested
    expect(hits).not.toContain('/csaf/feed-tlp-amber.json');
    expect(r.watermark).toEqual({ providers: { acme: { updated: '2024-03-07T10:00:00Z' } } });
  });

  it('records the verification in the raw record', async () => {
    await serveProvider();
    const r = await collect(acme());
    const raw = r.raw.get('ACME-2024-001#CVE-2024-1111')!;
    expect(raw.retrieval).toMatchObject({
      provider: 'acme',
      url: `${base}/csaf/white/2024/acme-2024-001.json`,
      distribution: 'rolie',
      checksums: [
        { algorithm: 'sha256', status: 'verified' },
        { algorithm: 'sha512', status: 'verified' },
      ],
      signature: { status: 'verified', keyId: signingKey.getKeyID().toHex() },
    });
    expect(r.raw.get('ACME-2024-010#CVE-2024-1010')!.retrieval).toMatchObject({ distribution: 'directory', checksums: [{ algorithm: 'sha256', status: 'verified' }, { algorithm: 'sha512', status: 'verified' }] });
    expect((r.raw.get('ACME-2024-001#CVE-2024-1111')!.document as { tracking: { id: string } }).tracking.id).toBe('ACME-2024-001');
  });

  it('without a configured key accepts signed-by-anyone documents as unverified and fetches no signatures', async () => {
    await serveProvider();
    const r = await collect(acme({ publicKeyArmored: undefined }));
    expect(r.advisories.map((a) => a.id)).toContain('ACME-2024-004#CVE-2024-4444');
    expect(r.raw.get('ACME-2024-004#CVE-2024-4444')!.retrieval.signature).toEqual({ status: 'unverified', reason: 'no public key configured for the provider' });
    expect(hits.filter((h) => h.endsWith('.asc'))).toEqual([]);
    // the tampered document still fails its checksum
    expect(r.advisories.map((a) => a.id)).not.toContain('ACME-2024-003#CVE-2024-3333');
  });

  it('an incremental second sync fetches only new and changed documents', async () => {
    await serveProvider();
    const first = await collect(acme());
    hits.length = 0;
    // B changes, C is new; A, D and the broken entries are unchanged
    const b2 = makeDoc('ACME-2024-002', ['CVE-2024-2222', 'CVE-2024-2223'], '2024-03-08T10:00:00.000Z');
    const c = makeDoc('ACME-2024-011', ['CVE-2024-1111', 'CVE-2024-5555'], '2024-03-09T10:00:00.000Z');
    await serveDocument('/csaf/white/2024/acme-2024-002.json', b2);
    await serveDocument('/csaf/white/2024/acme-2024-011.json', c);
    serveFeed('/csaf/feed-tlp-white.json', [
      rolieEntry('ACME-2024-001', '/csaf/white/2024/acme-2024-001.json', '2024-03-05T10:00:00Z'),
      rolieEntry('ACME-2024-002', '/csaf/white/2024/acme-2024-002.json', '2024-03-08T10:00:00Z'),
      rolieEntry('ACME-2024-003', '/csaf/white/2024/acme-2024-003.json', '2024-03-06T11:00:00Z'),
      rolieEntry('ACME-2024-004', '/csaf/white/2024/acme-2024-004.json', '2024-03-06T12:00:00Z'),
      rolieEntry('ACME-2024-005', '/csaf/white/2024/acme-2024-005.json', '2024-03-06T13:00:00Z'),
      rolieEntry('ACME-2024-011', '/csaf/white/2024/acme-2024-011.json', '2024-03-09T10:00:00Z'),
    ]);
    const second = await collect(acme(), JSON.parse(JSON.stringify(first.watermark)));
    const documents = hits.filter((h) => h.endsWith('.json') && h.includes('/2024/'));
    expect(documents.sort()).toEqual(['/csaf/white/2024/acme-2024-002.json', '/csaf/white/2024/acme-2024-011.json']);
    expect(second.problems).toEqual([]);
    expect(second.advisories.map((a) => `${a.id} ${a.modified}`).sort()).toEqual([
      'ACME-2024-002#CVE-2024-2222 2024-03-08T10:00:00.000Z',
      'ACME-2024-002#CVE-2024-2223 2024-03-08T10:00:00.000Z',
      'ACME-2024-011#CVE-2024-1111 2024-03-09T10:00:00.000Z',
      'ACME-2024-011#CVE-2024-5555 2024-03-09T10:00:00.000Z',
    ]);
    expect(second.watermark).toEqual({ providers: { acme: { updated: '2024-03-09T10:00:00Z' } } });
    // a third sync finds nothing to download
    hits.length = 0;
    const third = await collect(acme(), second.watermark);
    expect(third.advisories).toEqual([]);
    expect(hits.filter((h) => h.includes('/2024/'))).toEqual([]);
  });

  it('yields several batches, each with the watermark reached, keeping equal change times together', async () => {
    const docs = ['2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z', '2024-03-02T00:00:00Z', '2024-03-03T00:00:00Z'];
    const entries = [];
    for (const [i, t] of docs.entries()) {
      const path = `/csaf/white/2024/acme-2024-10${i}.json`;
      await serveDocument(path, makeDoc(`ACME-2024-10${i}`, [`CVE-2024-900${i}`, `CVE-2024-901${i}`], t.replace('Z', '.000Z')));
      entries.push(rolieEntry(`ACME-2024-10${i}`, path, t));
    }
    serveFeed('/csaf/feed-tlp-white.json', entries);
    serveMetadata([{ rolie: { feeds: [{ summary: 'WHITE', tlp_label: 'WHITE', url: `${base}/csaf/feed-tlp-white.json` }] } }]);
    const r = await collect({ ...acme(), batchSize: 1 });
    expect(r.batches.map((b) => [(b.advisories ?? []).length / 2, (b.watermark as { providers: { acme: { updated: string } } }).providers.acme.updated])).toEqual([
      [1, '2024-03-01T00:00:00Z'],
      [2, '2024-03-02T00:00:00Z'],
      [1, '2024-03-03T00:00:00Z'],
    ]);
    expect(r.batches.map((b) => b.progress?.done)).toEqual([1, 3, 4]);
  });

  it('retries 503 with Retry-After and truncated bodies; a persistent 5xx stops the provider before that document', async () => {
    sleeps.length = 0;
    const ok = makeDoc('ACME-2024-201', ['CVE-2024-7001', 'CVE-2024-7002'], '2024-03-01T00:00:00.000Z');
    const flaky = makeDoc('ACME-2024-202', ['CVE-2024-7003', 'CVE-2024-7004'], '2024-03-02T00:00:00.000Z');
    const later = makeDoc('ACME-2024-204', ['CVE-2024-7007', 'CVE-2024-7008'], '2024-03-04T00:00:00.000Z');
    await serveDocument('/d/201.json', ok);
    await serveDocument('/d/202.json', flaky);
    await serveDocument('/d/204.json', later);
    let okCalls = 0;
    routes.set('/d/201.json', (_req, res) => {
      okCalls++;
      if (okCalls === 1) {
        res.writeHead(503, { 'retry-after': '7' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(ok);
      }
    });
    let flakyCalls = 0;
    routes.set('/d/202.json', (_req, res) => {
      flakyCalls++;
      if (flakyCalls === 1) {
        res.writeHead(200, { 'content-length': String(Buffer.byteLength(flaky)) });
        res.write(flaky.slice(0, 100));
        res.destroy();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(flaky);
      }
    });
    routes.set('/d/203.json', { status: 500 });
    serveFeed('/feed.json', [rolieEntry('201', '/d/201.json', '2024-03-01T00:00:00Z'), rolieEntry('202', '/d/202.json', '2024-03-02T00:00:00Z'), rolieEntry('203', '/d/203.json', '2024-03-03T00:00:00Z'), rolieEntry('204', '/d/204.json', '2024-03-04T00:00:00Z')]);
    serveMetadata([{ rolie: { feeds: [{ summary: 'WHITE', tlp_label: 'WHITE', url: `${base}/feed.json` }] } }]);
    const r = await collect({ ...acme(), http: { maxRetries: 2, backoffMs: 10 } });
    expect(okCalls).toBe(2);
    expect(flakyCalls).toBe(2);
    expect(sleeps).toContain(7000);
    expect(hits.filter((h) => h === '/d/203.json')).toHaveLength(3);
    expect(r.advisories.map((a) => a.id.split('#')[0])).toEqual(['ACME-2024-201', 'ACME-2024-201', 'ACME-2024-202', 'ACME-2024-202']);
    expect(hits).not.toContain('/d/204.json');
    expect(r.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/HTTP 500 \(after 3 attempts\)/u)]);
    expect(r.watermark).toEqual({ providers: { acme: { updated: '2024-03-02T00:00:00Z' } } });
  });

  it('refuses documents over the size limit', async () => {
    await serveDocument('/d/big.json', makeDoc('ACME-2024-300', ['CVE-2024-8001', 'CVE-2024-8002'], '2024-03-01T00:00:00.000Z'));
    serveFeed('/feed.json', [rolieEntry('300', '/d/big.json', '2024-03-01T00:00:00Z')]);
    serveMetadata([{ rolie: { feeds: [{ summary: 'WHITE', tlp_label: 'WHITE', url: `${base}/feed.json` }] } }]);
    const r = await collect({ ...acme(), limits: { maxDocumentBytes: 1000, maxArchiveBytes: 1e9, maxCompressionRatio: 100 } });
    expect(r.advisories).toEqual([]);
    expect(r.problems[0]!.reason).toMatch(/larger than the 1000 bytes allowed|more than the 1000 allowed/u);
  });

  it('skips documents whose TLP label is not allowed', async () => {
    const green = makeDoc('ACME-2024-400', ['CVE-2024-8101', 'CVE-2024-8102'], '2024-03-01T00:00:00.000Z', (d) => {
      d.document.distribution.tlp.label = 'GREEN';
    });
    await serveDocument('/d/green.json', green);
    serveFeed('/feed.json', [rolieEntry('400', '/d/green.json', '2024-03-01T00:00:00Z')]);
    serveMetadata([{ rolie: { feeds: [{ summary: 'mixed', tlp_label: 'UNLABELED', url: `${base}/feed.json` }] } }]);
    const skipped = await collect(acme());
    expect(skipped.advisories).toEqual([]);
    expect(skipped.problems[0]!.reason).toMatch(/TLP:GREEN is not allowed/u);
    const allowed = await collect(acme({ tlpAllowed: ['WHITE', 'GREEN'] }));
    expect(allowed.advisories).toHaveLength(2);
  });

  it('finds provider metadata through security.txt when the well-known location is missing', async () => {
    await serveDocument('/x/doc.json', makeDoc('ACME-2024-500', ['CVE-2024-8201', 'CVE-2024-8202'], '2024-03-01T00:00:00.000Z'));
    serveFeed('/x/feed.json', [rolieEntry('500', '/x/doc.json', '2024-03-01T00:00:00Z')]);
    serveMetadata([{ rolie: { feeds: [{ summary: 'WHITE', tlp_label: 'WHITE', url: `${base}/x/feed.json` }] } }], '/x/provider-metadata.json');
    routes.set('/.well-known/security.txt', { body: `Contact: mailto:psirt@acme-medical.example\nCSAF: ${base}/x/provider-metadata.json\n`, headers: { 'content-type': 'text/plain' } });
    const r = await collect(acme());
    expect(hits.slice(0, 3)).toEqual(['/.well-known/csaf/provider-metadata.json', '/.well-known/security.txt', '/x/provider-metadata.json']);
    expect(r.advisories).toHaveLength(2);
  });

  it('reports a provider without metadata and goes on with the next provider', async () => {
    await serveProvider();
    const r = await collect({ includeDefaults: false, providers: [{ name: 'gone', url: `${base}/nothing/provider-metadata.json` }, { name: 'acme', url: `${base}/.well-known/csaf/provider-metadata.json`, publicKeyArmored }] });
    expect(r.problems[0]).toMatchObject({ source: 'csaf:gone', reason: expect.stringMatching(/provider metadata not available: HTTP 404/u) });
    expect(r.advisories).toHaveLength(6);
    expect(r.watermark).toEqual({ providers: { acme: { updated: '2024-03-07T10:00:00Z' } } });
  });
});

describe('provider configuration and listings', () => {
  it('providerMetadataUrl: domains and site URLs go to the well-known location, .json URLs are kept', () => {
    expect(providerMetadataUrl('acme-medical.example')).toBe('https://acme-medical.example/.well-known/csaf/provider-metadata.json');
    expect(providerMetadataUrl('https://acme-medical.example/security')).toBe('https://acme-medical.example/.well-known/csaf/provider-metadata.json');
    expect(providerMetadataUrl('https://www.cisa.gov/sites/default/files/csaf/provider-metadata.json')).toBe('https://www.cisa.gov/sites/default/files/csaf/provider-metadata.json');
  });

  it('CISA is preconfigured; vendors are added; a same-named provider replaces the default', () => {
    expect(configuredProviders({}).map((p) => p.name)).toEqual(['cisa']);
    expect(configuredProviders({ providers: [{ name: 'acme', url: 'acme.example' }] }).map((p) => p.name)).toEqual(['cisa', 'acme']);
    expect(configuredProviders({ providers: [{ name: 'cisa', url: 'https://mirror.example/provider-metadata.json' }] }).map((p) => p.url)).toEqual(['https://mirror.example/provider-metadata.json']);
    expect(configuredProviders({ includeDefaults: false })).toEqual([]);
  });

  it('parses changes.csv and security.txt CSAF lines', () => {
    expect(parseChangesCsv('"2024/a.json","2024-03-07T10:00:00Z"\r\n2024/b.json,2024-03-06T10:00:00Z\n\n')).toEqual([
      { path: '2024/a.json', updated: '2024-03-07T10:00:00Z' },
      { path: '2024/b.json', updated: '2024-03-06T10:00:00Z' },
    ]);
    expect(csafUrlsInSecurityTxt('Contact: x\nCSAF: https://a.example/provider-metadata.json\ncsaf: https://b.example/p.json')).toEqual(['https://a.example/provider-metadata.json', 'https://b.example/p.json']);
  });
});

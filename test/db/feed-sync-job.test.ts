/**
 * "Sync now" end to end: the API queues a feed sync job, a worker runs the KEV adapter against a
 * local HTTP server, the catalog is stored, and the feed status shows the success.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../src/app/accounts.ts';
import { startWorkers } from '../../src/runtime/jobs.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const catalog = {
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2026.11.27',
  dateReleased: '2026-11-27T15:00:00.000Z',
  count: 2,
  vulnerabilities: [
    { cveID: 'CVE-2021-44228', vendorProject: 'Apache', product: 'Log4j2', vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability', dateAdded: '2021-12-10', shortDescription: 'JNDI lookup.', requiredAction: 'Apply updates per vendor instructions.', dueDate: '2021-12-24', knownRansomwareCampaignUse: 'Known', notes: '', cwes: ['CWE-20'] },
    { cveID: 'CVE-2014-0160', vendorProject: 'OpenSSL', product: 'OpenSSL', vulnerabilityName: 'OpenSSL Information Disclosure Vulnerability', dateAdded: '2022-05-04', shortDescription: 'Heartbleed.', requiredAction: 'Apply updates per vendor instructions.', dueDate: '2022-05-25', knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: ['CWE-125'] },
  ],
};

let server: Server;
let requests = 0;
let t: TestRuntime;
let app: FastifyInstance;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests += 1;
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end(JSON.stringify(catalog));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kev.json`;
  t = await createTestRuntime({ queue: true, config: { kevUrl: url } });
  await ensureAdmin(t.rt, { email: 'lead@example.com', password: 'a long enough password' });
  app = await buildApp(t.rt);
  await startWorkers(t.rt, () => undefined);
});

afterAll(async () => {
  await app.close();
  await t.close();
  await new Promise((r) => server.close(r));
});

async function waitForSuccess(cookie: string, since: string | null) {
  for (let i = 0; i < 100; i++) {
    const feeds = (await app.inject({ url: '/api/feeds', headers: { cookie } })).json().items as Array<{ source: string; status: string; lastSuccessAt: string | null; lastError: string | null }>;
    const kev = feeds.find((f) => f.source === 'kev')!;
    if (kev.status === "failed") throw new Error(`sync failed: ${kev.lastError}`);
    if (kev.lastSuccessAt && kev.lastSuccessAt !== since && kev.status === 'idle') return kev;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the sync did not finish');
}

describe('sync now', () => {
  it('queues the job, runs it in a worker, stores the catalog and shows the status', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'lead@example.com', password: 'a long enough password' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = login.json().csrfToken as string;
    const unknown = await app.inject({ method: 'POST', url: '/api/feeds/nope/sync', headers: { cookie, 'x-csrf-token': csrf } });
    expect(unknown.json().code).toBe('FEED_UNKNOWN');

    const r = await app.inject({ method: 'POST', url: '/api/feeds/kev/sync', headers: { cookie, 'x-csrf-token': csrf } });
    expect(r.statusCode).toBe(202);
    const first = await waitForSuccess(cookie, null);
    expect(requests).toBe(1);
    const { rows } = await t.rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM kev_entries');
    expect(rows[0]!.n).toBe(2);
    const audit = (await app.inject({ url: '/api/audit/events?entityType=feed', headers: { cookie } })).json().items;
    expect(audit[0]).toMatchObject({ action: 'feed.sync-requested', entityId: 'kev', actor: 'user:lead@example.com' });

    // A second sync sends the ETag and the unchanged catalog is not downloaded again.
    t.clock.advance(3600_000);
    await app.inject({ method: 'POST', url: '/api/feeds/kev/sync', headers: { cookie, 'x-csrf-token': csrf } });
    await waitForSuccess(cookie, first.lastSuccessAt);
    expect(requests).toBe(2);
  });
});

describe('internal advisories over the API', () => {
  it('accepts an OSV record, rejects an invalid one with its path, and shows it as a vulnerability', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'lead@example.com', password: 'a long enough password' } });
    const headers = { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken as string };
    const record = {
      schema_version: '1.6.0',
      id: 'VIGIL-2026-0007',
      modified: '2026-11-20T10:00:00Z',
      published: '2026-11-20T10:00:00Z',
      aliases: ['CVE-2021-44228'],
      summary: 'Log4Shell reachable through the workstation DICOM service',
      affected: [{ package: { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0-beta9' }, { fixed: '2.15.0' }] }] }],
    };
    const created = await app.inject({ method: 'POST', url: '/api/advisories', headers, payload: { ...record, reason: 'found in penetration test' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: 'VIGIL-2026-0007', created: true, primaryId: 'CVE-2021-44228' });
    const bad = await app.inject({ method: 'POST', url: '/api/advisories', headers, payload: { ...record, affected: [{ package: { ecosystem: 'Maven', name: 'x' }, ranges: [{ type: 'BOGUS', events: [] }] }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('affected[0].ranges[0]');
    const v = (await app.inject({ url: '/api/vulnerabilities/VIGIL-2026-0007', headers: { cookie: headers.cookie } })).json();
    expect(v.sources).toContain('internal');
    expect(v.kev).toMatchObject({ dateAdded: '2021-12-10' });
  });
});

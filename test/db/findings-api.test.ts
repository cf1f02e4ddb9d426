/** Findings over HTTP: per release with counts, across the portfolio, and "who is affected by X". */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../src/app/accounts.ts';
import { runSbomImport } from '../../src/app/import-sbom.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let t: TestRuntime;
let app: FastifyInstance;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTestRuntime({ queue: true });
  await ensureAdmin(t.rt, { email: 'psirt@example.com', password: 'a long enough password' });
  app = await buildApp(t.rt);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'psirt@example.com', password: 'a long enough password' } });
  headers = { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken };
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('findings API', () => {
  it('shows the findings of a release, the portfolio, and who is affected by a vulnerability', async () => {
    await app.inject({ method: 'POST', url: '/api/products', headers, payload: { name: 'API Pump', manufacturer: 'Acme' } });
    const release = (await app.inject({ method: 'POST', url: '/api/products/api-pump/releases', headers, payload: { version: '1.0' } })).json();
    const up = await app.inject({ method: 'POST', url: `/api/releases/${release.id}/sboms?label=firmware`, headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: readFileSync(new URL('../fixtures/sbom/pump-firmware.cdx.json', import.meta.url)) });
    await runSbomImport(t.rt.importDeps, up.json().sbom.id);
    const advisory = {
      id: 'VIGIL-2026-0100', modified: '2026-11-01T00:00:00Z', aliases: ['CVE-2021-23337'], summary: 'Command injection in lodash template',
      affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
    };
    expect((await app.inject({ method: 'POST', url: '/api/advisories', headers, payload: advisory })).statusCode).toBe(201);

    const rel = (await app.inject({ url: `/api/releases/${release.id}/findings`, headers })).json();
    expect(rel.total).toBe(1);
    expect(rel.counts).toMatchObject({ active: 1, affected: 1 });
    expect(rel.items[0]).toMatchObject({ status: 'affected', confidence: 'high', component: { name: 'lodash', version: '4.17.15' }, vulnerability: { primaryId: 'CVE-2021-23337', maxCvss: 7.2 }, fixedVersions: ['4.17.21'] });
    const who = (await app.inject({ url: '/api/vulnerabilities/VIGIL-2026-0100/affected', headers })).json();
    expect(who.items.map((f: { product: { slug: string }; release: { version: string } }) => `${f.product.slug} ${f.release.version}`)).toEqual(['api-pump 1.0']);
    expect((await app.inject({ url: '/api/findings?kev=true', headers })).json().total).toBe(0);
    expect((await app.inject({ url: '/api/findings?q=lodash', headers })).json().total).toBe(1);

    // EPSS and product filters.
    expect((await app.inject({ url: '/api/findings?minEpss=0.1', headers })).json().total).toBe(0);
    await t.rt.uow.write((s) => s.advisories.upsertEpss([{ cve: 'CVE-2021-23337', epss: 0.25, percentile: 0.96, date: '2026-11-20' }]));
    expect((await app.inject({ url: '/api/findings?minEpss=0.1', headers })).json().total).toBe(1);
    expect((await app.inject({ url: '/api/findings?minEpss=0.3', headers })).json().total).toBe(0);
    expect((await app.inject({ url: '/api/findings?minEpss=2', headers })).statusCode).toBe(400);
    const product = (await app.inject({ url: '/api/products/api-pump', headers })).json();
    expect((await app.inject({ url: `/api/findings?product=${product.id}`, headers })).json().total).toBe(1);
    await app.inject({ method: 'POST', url: '/api/products', headers, payload: { name: 'Other Monitor', manufacturer: 'Acme' } });
    const other = (await app.inject({ url: '/api/products/other-monitor', headers })).json();
    expect((await app.inject({ url: `/api/findings?product=${other.id}`, headers })).json().total).toBe(0);
  });
});

import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { ensureAdmin } from '../app/accounts.ts';
import { runSbomImport } from '../app/import-sbom.ts';
import { buildApp } from './app.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/sbom/${name}`, import.meta.url));
const email = 'admin@example.com';
const password = 'correct horse battery staple';

let t: TestRuntime;
let app: FastifyInstance;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  t = await createTestRuntime({ queue: true });
  await ensureAdmin(t.rt, { email, password });
  app = await buildApp(t.rt);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const authed = (extra: Record<string, string> = {}) => ({ cookie, 'x-csrf-token': csrf, ...extra });

describe('API', () => {
  it('serves health and the OpenAPI document without authentication', async () => {
    const health = await app.inject({ url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', database: t.rt.db.engine });
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/products', '/api/releases/{releaseId}/sboms', '/api/releases/{releaseId}/components', '/api/auth/login']));
    expect(doc.components.schemas.Product.properties.cyberDevice).toBeTruthy();
  });

  it('answers 401 problem+json without a session', async () => {
    const r = await app.inject({ url: '/api/products' });
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'AUTH_REQUIRED', status: 401 });
  });

  it('rejects a wrong password and signs in with the right one', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    const ok = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    expect(ok.statusCode).toBe(200);
    const set = String(ok.headers['set-cookie']);
    expect(set).toMatch(/vigil_session=[^;]+; .*HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    cookie = set.split(';')[0]!;
    csrf = ok.json().csrfToken;
    const session = await app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.json()).toMatchObject({ user: { email }, csrfToken: csrf });
  });

  it('requires the CSRF token on unsafe requests made with the cookie', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/products', headers: { cookie }, payload: { name: 'X', manufacturer: 'Y' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('CSRF_INVALID');
  });

  it('validates input at the edge and names the field', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/products', headers: authed(), payload: { name: 'X', manufacturer: 'Y', deviceClass: 'IV', colour: 'red' } });
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body:$.colour']));
  });

  let releaseId = '';
  it('creates a product and a release', async () => {
    const p = await app.inject({ method: 'POST', url: '/api/products', headers: authed(), payload: { name: 'Aurora Pump', manufacturer: 'Acme Medical', deviceClass: 'II', regulatoryPathway: '510k', cyberDeviceCriteria: { includesSoftware: true, connectsToInternet: true, vulnerableCharacteristics: true }, markets: ['US', 'EU'], serviceLifeYears: 10 } });
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({ slug: 'aurora-pump', cyberDevice: true, markets: ['EU', 'US'] });
    const dup = await app.inject({ method: 'POST', url: '/api/products', headers: authed(), payload: { name: 'Aurora Pump', manufacturer: 'Acme' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('PRODUCT_EXISTS');
    const r = await app.inject({ method: 'POST', url: '/api/products/aurora-pump/releases', headers: authed(), payload: { version: '3.1.0', releaseDate: '2026-01-10' } });
    expect(r.statusCode).toBe(201);
    releaseId = r.json().id;
    const list = await app.inject({ url: '/api/products/aurora-pump/releases', headers: { cookie } });
    expect(list.json().items).toHaveLength(1);
    expect((await app.inject({ url: '/api/products/nope', headers: { cookie } })).json().code).toBe('PRODUCT_NOT_FOUND');
  });

  it('rejects a bad SBOM with 422 and the JSON path of each problem', async () => {
    const r = await app.inject({ method: 'POST', url: `/api/releases/${releaseId}/sboms?label=firmware&filename=bad.json`, headers: authed({ 'content-type': 'application/json' }), payload: fixture('schema-invalid.cdx.json') });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('SBOM_SCHEMA_INVALID');
    expect(r.json().errors.length).toBeGreaterThan(0);
    const list = await app.inject({ url: `/api/releases/${releaseId}/sboms`, headers: { cookie } });
    expect(list.json().items).toEqual([]);
  });

  it('accepts an SBOM at once and imports it in the background', async () => {
    const bytes = fixture('pump-firmware.cdx.json');
    const r = await app.inject({ method: 'POST', url: `/api/releases/${releaseId}/sboms?label=firmware&filename=pump.cdx.json`, headers: authed({ 'content-type': 'application/octet-stream' }), payload: bytes });
    expect(r.statusCode).toBe(202);
    const sbom = r.json().sbom;
    expect(sbom).toMatchObject({ status: 'processing', componentCount: 5, progress: { done: 0, total: 5 }, label: 'firmware' });
    await runSbomImport(t.rt.importDeps, sbom.id); // what the worker does
    const after = (await app.inject({ url: `/api/sboms/${sbom.id}`, headers: { cookie } })).json();
    expect(after).toMatchObject({ status: 'imported', progress: null });
    const doc = await app.inject({ url: `/api/sboms/${sbom.id}/document`, headers: { cookie } });
    expect(Buffer.compare(doc.rawPayload, bytes)).toBe(0);
    const comps = (await app.inject({ url: `/api/releases/${releaseId}/components?q=ssl&limit=10`, headers: { cookie } })).json();
    expect(comps).toMatchObject({ total: 1, offset: 0, limit: 10 });
    expect(comps.items[0]).toMatchObject({ name: 'openssl', sbomLabel: 'firmware', levelOfSupport: 'no longer maintained' });
  });

  it('authenticates API tokens, shows them once, and refuses them once revoked', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/tokens', headers: authed(), payload: { name: 'ci pipeline' } });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^vgl_/);
    const listed = (await app.inject({ url: '/api/tokens', headers: { cookie } })).json().items;
    expect(JSON.stringify(listed)).not.toContain(token);
    const { rows } = await t.rt.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(rows.map((x) => x.token_hash).join()).not.toContain(token.slice(4));
    const withToken = await app.inject({ url: '/api/products', headers: { authorization: `Bearer ${token}` } });
    expect(withToken.statusCode).toBe(200);
    // No CSRF needed for token clients.
    const post = await app.inject({ method: 'POST', url: '/api/products', headers: { authorization: `Bearer ${token}` }, payload: { name: 'Token Product', manufacturer: 'Acme' } });
    expect(post.statusCode).toBe(201);
    await app.inject({ method: 'DELETE', url: `/api/tokens/${apiToken.id}`, headers: authed() });
    expect((await app.inject({ url: '/api/products', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const audit = (await app.inject({ url: '/api/audit/events?entityType=product&limit=5', headers: { cookie } })).json().items;
    expect(audit[0]).toMatchObject({ action: 'product.created', actor: `token:${email}/ci pipeline` });
  });

  it('signs out', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: authed() })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/products', headers: { cookie } })).statusCode).toBe(401);
  });

  it('verifies the audit trail over the API', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    const c = String(r.headers['set-cookie']).split(';')[0]!;
    expect((await app.inject({ url: '/api/audit/verify', headers: { cookie: c } })).json()).toMatchObject({ ok: true, broken: null });
  });
});

describe('API input handling', () => {
  it('keeps null as null for nullable numbers and reports each bad path once', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    const c = String(r.headers['set-cookie']).split(';')[0]!;
    const token = r.json().csrfToken;
    const p = await app.inject({ method: 'POST', url: '/api/products', headers: { cookie: c, 'x-csrf-token': token }, payload: { name: 'Null Life', manufacturer: 'Acme', serviceLifeYears: null, model: null } });
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({ serviceLifeYears: null, model: null });
    const bad = await app.inject({ method: 'POST', url: '/api/products', headers: { cookie: c, 'x-csrf-token': token }, payload: { name: 'Bad Life', manufacturer: 'Acme', serviceLifeYears: 'ten' } });
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(['body:$.serviceLifeYears']);
  });
});

describe('password change', () => {
  it('checks the current password, keeps this session, ends the others', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    const second = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    const c1 = String(first.headers['set-cookie']).split(';')[0]!;
    const c2 = String(second.headers['set-cookie']).split(';')[0]!;
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: c1, 'x-csrf-token': first.json().csrfToken }, payload: { currentPassword: 'nope', newPassword: 'another long password' } });
    expect(wrong.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    const ok = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: c1, 'x-csrf-token': first.json().csrfToken }, payload: { currentPassword: password, newPassword: 'another long password' } });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/products', headers: { cookie: c1 } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/products', headers: { cookie: c2 } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'another long password' } })).statusCode).toBe(200);
  });
});

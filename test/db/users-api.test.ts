/** The users list over HTTP: signed-in users only, active users by e-mail, no secrets. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin } from '../../src/app/accounts.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let t: TestRuntime;
let app: FastifyInstance;
const password = 'a long enough password';
const analystId = '00000000-0000-4000-8000-0000000000a1';
const goneId = '00000000-0000-4000-8000-0000000000a2';

beforeAll(async () => {
  t = await createTestRuntime();
  await ensureAdmin(t.rt, { email: 'psirt@example.com', password });
  const hash = await t.rt.passwords.hash(password);
  await t.rt.uow.write(async (s) => {
    await s.users.insert({ id: analystId, email: 'Analyst@example.com', displayName: 'Ana Lyst', passwordHash: hash, mustChangePassword: false, createdAt: t.clock.now() });
    await s.users.insert({ id: goneId, email: 'gone@example.com', displayName: 'Gone', passwordHash: hash, mustChangePassword: false, createdAt: t.clock.now() });
  });
  await t.rt.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [goneId]);
  app = await buildApp(t.rt);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('GET /api/users', () => {
  it('needs a signed-in user', async () => {
    const res = await app.inject({ url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_REQUIRED');
  });

  it('lists the active users by e-mail without secrets', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'analyst@example.com', password } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const res = await app.inject({ url: '/api/users', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((u) => u.email)).toEqual(['Analyst@example.com', 'psirt@example.com']);
    expect(items[0]).toEqual({ id: analystId, email: 'Analyst@example.com', displayName: 'Ana Lyst', isAdmin: false });
    expect(items[1]).toMatchObject({ email: 'psirt@example.com', isAdmin: true });
    expect(JSON.stringify(items)).not.toMatch(/password|hash/i);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    const get = doc.paths['/api/users']?.get;
    expect(get).toBeDefined();
    expect(JSON.stringify(get.responses['200'])).toContain('items');
    expect(get.responses['401']).toBeDefined();
  });
});

describe('POST /api/users', () => {
  const signIn = async (email: string, pw: string) => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: pw } });
    expect(login.statusCode).toBe(200);
    return { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken as string, body: login.json() };
  };

  it('lets an administrator create an account whose one-time password must be changed', async () => {
    const admin = await signIn('psirt@example.com', password);
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin['x-csrf-token'] };
    const res = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { email: 'clinical@example.com', displayName: 'Dr. Clin Ical' } });
    expect(res.statusCode).toBe(201);
    const { user, oneTimePassword } = res.json();
    expect(user).toMatchObject({ email: 'clinical@example.com', displayName: 'Dr. Clin Ical', isAdmin: false });
    expect(oneTimePassword).toMatch(/^\S{16,}$/);
    const first = await signIn('clinical@example.com', oneTimePassword);
    expect(first.body.user).toMatchObject({ email: 'clinical@example.com' });
    expect((await t.rt.uow.read((s) => s.users.findByEmail('clinical@example.com')))?.mustChangePassword).toBe(true);
    const audit = await t.rt.uow.read((s) => s.audit.list({ entityType: 'user', entityId: user.id, limit: 5 }));
    expect(audit.map((e) => e.action)).toContain('user.created');
    expect(JSON.stringify(audit)).not.toContain(oneTimePassword);

    const again = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { email: 'CLINICAL@example.com', displayName: 'Twice' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('USER_EXISTS');
    const bad = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { email: 'not-an-address', displayName: 'X' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('USER_INVALID');
  });

  it('refuses anyone but an administrator', async () => {
    const analyst = await signIn('analyst@example.com', password);
    const res = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: analyst.cookie, 'x-csrf-token': analyst['x-csrf-token'] }, payload: { email: 'x@example.com', displayName: 'X' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ADMIN_REQUIRED');
    expect((await t.rt.uow.read((s) => s.users.findByEmail('x@example.com')))).toBeNull();
  });
});

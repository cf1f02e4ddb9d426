import type { FastifyInstance } from 'fastify';
import { changePassword, createApiToken, createUser, listApiTokensFor, listUsers, login, logout, publicUser, revokeApiToken } from '../../app/accounts.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { requireActor, requireAdmin, SESSION_COOKIE, userIdOf } from '../auth.ts';
import { problem, sendProblem } from '../problem.ts';
import { ApiTokenSchema, LoginSchema, problemResponses, SessionSchema, Type, UserSchema } from '../schemas.ts';

export async function authRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  const secureCookie = (protocol: string): boolean => rt.config.cookieSecure === 'always' || (rt.config.cookieSecure === 'auto' && protocol === 'https');

  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in with e-mail and password (sets the session cookie)', body: LoginSchema, response: { 200: Type.Ref(SessionSchema), ...problemResponses } },
  }, async (request, reply) => {
    const { email, password } = request.body as { email: string; password: string };
    const grant = await login({ ...rt }, email, password, rt.config.sessionTtlHours);
    reply.setCookie(SESSION_COOKIE, grant.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookie(request.protocol),
      expires: grant.expiresAt,
    });
    return { user: grant.user, csrfToken: grant.csrfToken };
  });

  app.get('/api/auth/session', {
    schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token for this session', response: { 200: Type.Ref(SessionSchema), ...problemResponses } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    if (!request.csrfToken) return sendProblem(reply, problem('AUTH_REQUIRED', 'this endpoint needs a browser session, not an API token'));
    const user = await rt.uow.read((s) => s.users.find(userIdOf(actor)));
    return { user: publicUser(user!), csrfToken: request.csrfToken };
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...problemResponses } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    if (request.sessionTokenHash) await logout(rt, actor, request.sessionTokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post('/api/auth/password', {
    schema: {
      tags: ['auth'],
      summary: "Change the signed-in user's password (ends the user's other sessions)",
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Type.String({ minLength: 12, maxLength: 1024 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...problemResponses },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const body = request.body as { currentPassword: string; newPassword: string };
    await changePassword({ ...rt }, actor, userIdOf(actor), body.currentPassword, body.newPassword, request.sessionTokenHash);
    return reply.code(204).send();
  });

  app.get('/api/users', {
    schema: {
      tags: ['auth'],
      summary: 'The active users (id, e-mail, display name, admin flag; no secrets), by e-mail: who can hold a PSIRT role or a task',
      response: { 200: Type.Object({ items: Type.Array(Type.Ref(UserSchema)) }), ...problemResponses },
    },
  }, async (request) => {
    requireActor(request);
    return { items: await listUsers(rt) };
  });

  app.post('/api/users', {
    schema: {
      tags: ['auth'],
      summary: 'Create an account (administrators): returns the one-time password once; it must be changed at first sign-in',
      body: Type.Object(
        {
          email: Type.String({ maxLength: 320 }),
          displayName: Type.String({ maxLength: 200 }),
          isAdmin: Type.Optional(Type.Boolean({ default: false })),
        },
        { additionalProperties: false },
      ),
      response: { 201: Type.Object({ user: Type.Ref(UserSchema), oneTimePassword: Type.String() }), ...problemResponses },
    },
  }, async (request, reply) => {
    const actor = await requireAdmin(rt, request, 'create accounts');
    const b = request.body as { email: string; displayName: string; isAdmin?: boolean };
    return reply.code(201).send(await createUser(rt, actor, b));
  });

  app.get('/api/tokens', {
    schema: { tags: ['auth'], summary: "The signed-in user's API tokens", response: { 200: Type.Object({ items: Type.Array(Type.Ref(ApiTokenSchema)) }), ...problemResponses } },
  }, async (request) => ({ items: await listApiTokensFor(rt, userIdOf(requireActor(request))) }));

  app.post('/api/tokens', {
    schema: {
      tags: ['auth'],
      summary: 'Create an API token (the secret is returned once, never again)',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) }, { additionalProperties: false }),
      response: { 201: Type.Object({ token: Type.String(), apiToken: Type.Ref(ApiTokenSchema) }), ...problemResponses },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const body = request.body as { name: string; expiresInDays?: number };
    const { token, record } = await createApiToken(rt, actor, userIdOf(actor), body.name, body.expiresInDays ?? null);
    return reply.code(201).send({ token, apiToken: record });
  });

  app.delete('/api/tokens/:tokenId', {
    schema: { tags: ['auth'], summary: 'Revoke an API token', params: Type.Object({ tokenId: Type.String({ format: 'uuid' }) }), response: { 200: Type.Ref(ApiTokenSchema), ...problemResponses } },
  }, async (request) => {
    const actor = requireActor(request);
    return revokeApiToken(rt, actor, userIdOf(actor), (request.params as { tokenId: string }).tokenId);
  });
}

/**
 * Authentication for every route but the public ones: a session cookie (browsers, with a CSRF
 * token on every unsafe method) or a bearer API token (machines, no cookie, no CSRF).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateToken, csrfMatches, resolveSession } from '../app/accounts.ts';
import type { Actor } from '../app/ports.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { VigilError } from '../domain/errors.ts';
import { problem, sendProblem } from './problem.ts';

export const SESSION_COOKIE = 'vigil_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionTokenHash: string | null;
    csrfToken: string | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authHook(rt: Runtime, publicRoutes: ReadonlySet<string>) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    request.actor = null;
    request.sessionTokenHash = null;
    request.csrfToken = null;
    const route = request.routeOptions.url ?? '';
    if (!route.startsWith('/api') || publicRoutes.has(`${request.method} ${route}`)) return;

    const header = request.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = m ? await authenticateToken(rt, m[1]!) : null;
      if (!actor) return sendProblem(reply, problem('AUTH_REQUIRED', 'the API token is invalid, expired or revoked'));
      request.actor = actor;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(rt, token) : null;
    if (!session) return sendProblem(reply, problem('AUTH_REQUIRED', 'sign in, or send an API token as "Authorization: Bearer <token>"'));
    request.actor = { kind: 'user', id: session.user.id, label: session.user.email, userId: session.user.id };
    request.sessionTokenHash = session.tokenHash;
    request.csrfToken = session.csrfToken;
    if (!safeMethods.has(request.method) && !csrfMatches(session.csrfToken, request.headers['x-csrf-token'] as string | undefined)) {
      return sendProblem(reply, problem('CSRF_INVALID', 'missing or wrong X-CSRF-Token header for a cookie-authenticated request'));
    }
  };
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('route reached without authentication');
  return request.actor;
}

export function userIdOf(actor: Actor): string {
  return actor.userId ?? actor.id;
}

/**
 * Organisation-wide settings are for administrators: the signed-in user (or the user behind an API
 * token) must have the admin flag. Throws ADMIN_REQUIRED (403).
 */
export async function requireAdmin(rt: Runtime, request: FastifyRequest, what = 'change organisation settings'): Promise<Actor> {
  const actor = requireActor(request);
  const user = actor.kind === 'system' ? null : await rt.uow.read((s) => s.users.find(userIdOf(actor)));
  if (!user?.isAdmin || user.disabledAt) throw new VigilError('ADMIN_REQUIRED', `only an administrator may ${what}`);
  return actor;
}

/**
 * Accounts: local users (argon2id password hashes), browser sessions with CSRF tokens, and API
 * tokens for machines. Secrets are random, shown once, and stored only as SHA-256 digests.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { VigilError } from '../domain/errors.ts';
import { systemActor, type Actor, type ApiTokenRecord, type Clock, type IdSource, type PasswordHasher, type UnitOfWork, type UserRecord } from './ports.ts';

export interface AccountDeps {
  uow: UnitOfWork;
  clock: Clock;
  ids: IdSource;
  passwords: PasswordHasher;
}

export const API_TOKEN_PREFIX = 'vgl_';

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface PublicUser {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
}

export function publicUser(u: UserRecord): PublicUser {
  return { id: u.id, email: u.email, displayName: u.displayName, isAdmin: u.isAdmin };
}

/** The active users (no secrets), by e-mail: who can hold a PSIRT role or be assigned a task. */
export async function listUsers(deps: { uow: UnitOfWork }): Promise<PublicUser[]> {
  const users = await deps.uow.read((s) => s.users.list());
  return users.filter((u) => u.disabledAt === null).map(publicUser);
}

const emailPattern = /^[^\s@]+@[^\s@]+$/;

export function validatePassword(password: string): void {
  if (password.length < 12) throw new VigilError('VALIDATION_FAILED', 'password: must be at least 12 characters', { errors: [{ path: '$.password', message: 'must be at least 12 characters' }] });
}

/**
 * First start: creates the administrator when there is no user yet. Returns the one-time password
 * when none was configured (the caller prints it once), or null.
 */
export async function ensureAdmin(deps: AccountDeps, opts: { email: string; password: string | null }): Promise<{ created: boolean; oneTimePassword: string | null }> {
  if (!emailPattern.test(opts.email)) throw new VigilError('CONFIG_INVALID', `adminEmail: '${opts.email}' is not an e-mail address`);
  if (opts.password !== null) validatePassword(opts.password);
  const existing = await deps.uow.read((s) => s.users.count());
  if (existing > 0) return { created: false, oneTimePassword: null };
  const oneTime = opts.password === null ? deps.ids.secret(18) : null;
  const hash = await deps.passwords.hash(opts.password ?? oneTime!);
  const created = await deps.uow.write(async (s) => {
    if ((await s.users.count()) > 0) return false;
    const user = await s.users.insert({ id: deps.ids.uuid(), email: opts.email, displayName: 'Administrator', passwordHash: hash, mustChangePassword: oneTime !== null, isAdmin: true, createdAt: deps.clock.now() });
    await s.audit.append({ actor: systemActor, action: 'user.created', entityType: 'user', entityId: user.id, after: publicUser(user), reason: 'first start: administrator' });
    return true;
  });
  return { created, oneTimePassword: created ? oneTime : null };
}

/**
 * Creates an account (administrators and the local CLI): a one-time password is returned once and
 * must be changed at first sign-in. Throws USER_INVALID for a bad e-mail or name, USER_EXISTS when
 * the e-mail is taken.
 */
export async function createUser(
  deps: AccountDeps,
  actor: Actor,
  input: { email: string; displayName: string; isAdmin?: boolean },
): Promise<{ user: PublicUser; oneTimePassword: string }> {
  const email = input.email.trim();
  const displayName = input.displayName.trim();
  if (!emailPattern.test(email)) throw new VigilError('USER_INVALID', `email: '${input.email}' is not an e-mail address`, { errors: [{ path: '/email', message: 'not an e-mail address' }] });
  if (displayName.length === 0 || displayName.length > 200) throw new VigilError('USER_INVALID', 'displayName: 1 to 200 characters', { errors: [{ path: '/displayName', message: '1 to 200 characters' }] });
  const oneTime = deps.ids.secret(18);
  const hash = await deps.passwords.hash(oneTime);
  const user = await deps.uow.write(async (s) => {
    if (await s.users.findByEmail(email)) throw new VigilError('USER_EXISTS', `a user with the e-mail '${email}' exists`);
    const created = await s.users.insert({ id: deps.ids.uuid(), email, displayName, passwordHash: hash, mustChangePassword: true, isAdmin: input.isAdmin === true, createdAt: deps.clock.now() });
    await s.audit.append({ actor, action: 'user.created', entityType: 'user', entityId: created.id, after: publicUser(created) });
    return created;
  });
  return { user: publicUser(user), oneTimePassword: oneTime };
}

export interface SessionGrant {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: PublicUser;
}

export async function login(deps: AccountDeps, email: string, password: string, ttlHours: number): Promise<SessionGrant> {
  const user = await deps.uow.read((s) => s.users.findByEmail(email));
  // Spend the same argon2 work when the user is unknown, so timing does not reveal accounts.
  const ok = user && !user.disabledAt ? await deps.passwords.verify(user.passwordHash, password) : (await deps.passwords.hash(password), false);
  if (!user || !ok) throw new VigilError('AUTH_INVALID_CREDENTIALS', 'e-mail or password is wrong');
  const token = deps.ids.secret(32);
  const csrfToken = deps.ids.secret(24);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
  await deps.uow.write(async (s) => {
    await s.sessions.deleteExpired(now);
    await s.sessions.insert({ tokenHash: digest(token), userId: user.id, csrfToken, createdAt: now, expiresAt });
    await s.audit.append({ actor: { kind: 'user', id: user.id, label: user.email }, action: 'session.created', entityType: 'user', entityId: user.id });
  });
  return { token, csrfToken, expiresAt, user: publicUser(user) };
}

export interface SessionInfo {
  user: PublicUser;
  csrfToken: string;
  tokenHash: string;
}

export async function resolveSession(deps: Pick<AccountDeps, 'uow' | 'clock'>, token: string): Promise<SessionInfo | null> {
  const session = await deps.uow.read((s) => s.sessions.find(digest(token)));
  if (!session || new Date(session.expiresAt) <= deps.clock.now()) return null;
  const user = await deps.uow.read((s) => s.users.find(session.userId));
  if (!user || user.disabledAt) return null;
  return { user: publicUser(user), csrfToken: session.csrfToken, tokenHash: session.tokenHash };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(deps: Pick<AccountDeps, 'uow'>, actor: Actor, tokenHash: string): Promise<void> {
  await deps.uow.write(async (s) => {
    await s.sessions.delete(tokenHash);
    await s.audit.append({ actor, action: 'session.ended', entityType: 'user', entityId: actor.id });
  });
}

export async function createApiToken(deps: AccountDeps, actor: Actor, userId: string, name: string, expiresInDays: number | null): Promise<{ token: string; record: ApiTokenRecord }> {
  const clean = name.trim();
  if (!clean || clean.length > 100) throw new VigilError('VALIDATION_FAILED', 'name: must be 1–100 characters', { errors: [{ path: '$.name', message: 'must be 1–100 characters' }] });
  const token = `${API_TOKEN_PREFIX}${deps.ids.secret(32)}`;
  const now = deps.clock.now();
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
  const record = await deps.uow.write(async (s) => {
    const rec = await s.apiTokens.insert({ id: deps.ids.uuid(), userId, name: clean, tokenHash: digest(token), tokenPrefix: token.slice(0, 10), createdAt: now, expiresAt });
    await s.audit.append({ actor, action: 'api-token.created', entityType: 'api-token', entityId: rec.id, after: rec });
    return rec;
  });
  return { token, record };
}

export async function authenticateToken(deps: Pick<AccountDeps, 'uow' | 'clock'>, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const rec = await deps.uow.read((s) => s.apiTokens.findByHash(digest(token)));
  const now = deps.clock.now();
  if (!rec || rec.revokedAt || (rec.expiresAt && new Date(rec.expiresAt) <= now)) return null;
  const user = await deps.uow.read((s) => s.users.find(rec.userId));
  if (!user || user.disabledAt) return null;
  await deps.uow.read((s) => s.apiTokens.touch(rec.id, now));
  return { kind: 'token', id: rec.id, label: `${user.email}/${rec.name}`, userId: user.id };
}

export async function revokeApiToken(deps: Pick<AccountDeps, 'uow' | 'clock'>, actor: Actor, userId: string, tokenId: string): Promise<ApiTokenRecord> {
  return deps.uow.write(async (s) => {
    const rec = await s.apiTokens.revoke(tokenId, userId, deps.clock.now());
    if (!rec) throw new VigilError('NOT_FOUND', `no API token '${tokenId}'`);
    await s.audit.append({ actor, action: 'api-token.revoked', entityType: 'api-token', entityId: rec.id, after: rec });
    return rec;
  });
}

export { emailPattern };

export function listApiTokensFor(deps: Pick<AccountDeps, 'uow'>, userId: string): Promise<ApiTokenRecord[]> {
  return deps.uow.read((s) => s.apiTokens.listByUser(userId));
}

/** Changes the signed-in user's password after checking the current one; ends their other sessions. */
export async function changePassword(deps: AccountDeps, actor: Actor, userId: string, current: string, next: string, keepSessionHash: string | null): Promise<void> {
  validatePassword(next);
  const user = await deps.uow.read((s) => s.users.find(userId));
  if (!user || !(await deps.passwords.verify(user.passwordHash, current))) throw new VigilError('AUTH_INVALID_CREDENTIALS', 'the current password is wrong');
  const hash = await deps.passwords.hash(next);
  await deps.uow.write(async (s) => {
    await s.users.setPassword(userId, hash);
    await s.sessions.deleteForUser(userId, keepSessionHash);
    await s.audit.append({ actor, action: 'user.password-changed', entityType: 'user', entityId: userId });
  });
}

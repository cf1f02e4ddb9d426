import type { ApiTokenRecord, ApiTokenStore, SessionStore, SettingStore, UserRecord, UserStore } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  must_change_password: boolean;
  is_admin: boolean;
  created_at: Date;
  disabled_at: Date | null;
}

function toUser(r: UserRow): UserRecord {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password,
    isAdmin: r.is_admin,
    createdAt: iso(r.created_at),
    disabledAt: isoOrNull(r.disabled_at),
  };
}

export function userRepository(q: Queryable): UserStore {
  return {
    async insert(u) {
      const { rows } = await q.query<UserRow>(
        `INSERT INTO users (id, email, display_name, password_hash, must_change_password, is_admin, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
        [u.id, u.email, u.displayName, u.passwordHash, u.mustChangePassword, u.isAdmin ?? false, u.createdAt.toISOString()],
      );
      return toUser(rows[0]!);
    },
    async findByEmail(email) {
      const { rows } = await q.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async find(id) {
      const { rows } = await q.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async count() {
      const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      return rows[0]?.n ?? 0;
    },
    async list() {
      const { rows } = await q.query<UserRow>('SELECT * FROM users ORDER BY lower(email), id');
      return rows.map(toUser);
    },
    async setPassword(id, passwordHash) {
      await q.query('UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1', [id, passwordHash]);
    },
  };
}

export function sessionRepository(q: Queryable): SessionStore {
  return {
    async insert(s) {
      await q.query('INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1,$2,$3,$4,$5)', [
        s.tokenHash, s.userId, s.csrfToken, s.createdAt.toISOString(), s.expiresAt.toISOString(),
      ]);
    },
    async find(tokenHash) {
      const { rows } = await q.query<{ token_hash: string; user_id: string; csrf_token: string; created_at: Date; expires_at: Date }>(
        'SELECT * FROM sessions WHERE token_hash = $1',
        [tokenHash],
      );
      const r = rows[0];
      return r ? { tokenHash: r.token_hash, userId: r.user_id, csrfToken: r.csrf_token, createdAt: iso(r.created_at), expiresAt: iso(r.expires_at) } : null;
    },
    async delete(tokenHash) {
      await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async deleteExpired(now) {
      const r = await q.query('DELETE FROM sessions WHERE expires_at <= $1', [now.toISOString()]);
      return r.rowCount;
    },
    async deleteForUser(userId, except) {
      const r = await q.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [userId, except]);
      return r.rowCount;
    },
  };
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  token_prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function toToken(r: TokenRow): ApiTokenRecord {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    tokenPrefix: r.token_prefix,
    createdAt: iso(r.created_at),
    expiresAt: isoOrNull(r.expires_at),
    lastUsedAt: isoOrNull(r.last_used_at),
    revokedAt: isoOrNull(r.revoked_at),
  };
}

const tokenColumns = 'id, user_id, name, token_prefix, created_at, expires_at, last_used_at, revoked_at';

export function apiTokenRepository(q: Queryable): ApiTokenStore {
  return {
    async insert(t) {
      const { rows } = await q.query<TokenRow>(
        `INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING ${tokenColumns}`,
        [t.id, t.userId, t.name, t.tokenHash, t.tokenPrefix, t.createdAt.toISOString(), t.expiresAt?.toISOString() ?? null],
      );
      return toToken(rows[0]!);
    },
    async findByHash(tokenHash) {
      const { rows } = await q.query<TokenRow>(`SELECT ${tokenColumns} FROM api_tokens WHERE token_hash = $1`, [tokenHash]);
      return rows[0] ? toToken(rows[0]) : null;
    },
    async listByUser(userId) {
      const { rows } = await q.query<TokenRow>(`SELECT ${tokenColumns} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC`, [userId]);
      return rows.map(toToken);
    },
    async revoke(id, userId, at) {
      const { rows } = await q.query<TokenRow>(
        `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND user_id = $2 RETURNING ${tokenColumns}`,
        [id, userId, at.toISOString()],
      );
      return rows[0] ? toToken(rows[0]) : null;
    },
    async touch(id, at) {
      await q.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [id, at.toISOString()]);
    },
  };
}

export function settingRepository(q: Queryable): SettingStore {
  return {
    async get<T>(key: string) {
      const { rows } = await q.query<{ value: T }>('SELECT value FROM instance_settings WHERE key = $1', [key]);
      return rows[0] ? rows[0].value : null;
    },
    async set(key, value) {
      await q.query(
        'INSERT INTO instance_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
        [key, JSON.stringify(value)],
      );
    },
  };
}

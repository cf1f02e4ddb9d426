/** `vigil user create|list` on an embedded database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

let dir: string;
const vigil = (...args: string[]) => runCli([...args, '--data-dir', join(dir, 'data')], { cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-user-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigil user', () => {
  it('creates accounts with a one-time password shown once, lists them, and refuses a taken e-mail', async () => {
    const made = await vigil('user', 'create', '--email', 'engineer@example.com', '--name', 'En Gineer', '--json');
    expect(made.code, made.err).toBe(0);
    const { user, oneTimePassword } = JSON.parse(made.out);
    expect(user).toMatchObject({ email: 'engineer@example.com', displayName: 'En Gineer', isAdmin: false });
    expect(oneTimePassword).toMatch(/^\S{16,}$/);

    const admin = await vigil('user', 'create', '--email', 'lead@example.com', '--name', 'Lee Lead', '--admin');
    expect(admin.code, admin.err).toBe(0);
    expect(admin.out).toMatch(/^Created lead@example\.com \(administrator\)\. One-time password .*: \S{16,}\n$/);

    const list = await vigil('user', 'list');
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/engineer@example\.com\s+En Gineer\s*\n/);
    expect(list.out).toMatch(/lead@example\.com\s+Lee Lead\s+yes/);
    expect(list.out).not.toContain(oneTimePassword);

    const taken = await vigil('user', 'create', '--email', 'Engineer@Example.com', '--name', 'Again');
    expect(taken.code).toBe(2);
    expect(taken.err).toContain('USER_EXISTS');
    const missing = await vigil('user', 'create', '--email', 'x@example.com');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--email and --name are required');
  }, 120_000);
});

/** `vigil notify test|list` against a real SMTP server and a temporary embedded database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { startSmtpServer, startWebhookServer, type TestSmtpServer, type TestWebhookServer } from '../support/notify-servers.ts';

let dir: string;
let smtp: TestSmtpServer;
let hooks: TestWebhookServer;

const vigil = (env: Record<string, string>, ...args: string[]) => runCli(args, { cwd: dir, env });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-notify-'));
  smtp = await startSmtpServer({ user: 'vigil', password: 'cli-smtp-password' });
  hooks = await startWebhookServer();
});
afterAll(async () => {
  await smtp.close();
  await hooks.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('vigil notify', () => {
  it('sends test messages and reports refusals with exit codes, never the password', async () => {
    const env = { VIGIL_SMTP_HOST: '127.0.0.1', VIGIL_SMTP_PORT: String(smtp.port), VIGIL_SMTP_SECURITY: 'none', VIGIL_SMTP_USER: 'vigil', VIGIL_SMTP_PASSWORD: 'cli-smtp-password', VIGIL_SMTP_FROM: 'vigil@example.test', VIGIL_WEBHOOK_URL: hooks.url, VIGIL_WEBHOOK_SECRET: 'cli-secret' };
    const ok = await vigil(env, 'notify', 'test', '--email', 'ops@example.test');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toBe('Test e-mail delivered to ops@example.test.\n');
    expect(smtp.mails.at(-1)).toMatchObject({ to: ['ops@example.test'], subject: 'Vigil test notification' });

    const hook = await vigil(env, 'notify', 'test', '--webhook', '--json');
    expect(hook.code, hook.err).toBe(0);
    expect(JSON.parse(hook.out)).toMatchObject({ ok: true, channel: 'webhook', target: hooks.url });
    expect(JSON.parse(hooks.requests.at(-1)!.body)).toMatchObject({ type: 'test' });

    smtp.reject('gone@example.test', 550, 1);
    const refused = await vigil(env, 'notify', 'test', '--email', 'gone@example.test');
    expect(refused.code).toBe(3);
    expect(refused.err).toMatch(/^error NOTIFY_SEND_FAILED: the test e-mail was not delivered: .*550/);
    const wrong = await vigil({ ...env, VIGIL_SMTP_PASSWORD: 'not-the-password' }, 'notify', 'test', '--email', 'ops@example.test');
    expect(wrong.code).toBe(3);
    expect(wrong.err).not.toContain('not-the-password');

    const none = await vigil({}, 'notify', 'test', '--webhook');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/NOTIFY_CHANNEL_NOT_CONFIGURED/);
    expect((await vigil(env, 'notify', 'test')).code).toBe(2);
    expect((await vigil(env, 'notify', 'test', '--email', 'x@y', '--webhook')).code).toBe(2);
  });

  it('lists the outbox', async () => {
    const empty = await vigil({}, 'notify', 'list', '--data-dir', join(dir, 'data'));
    expect(empty.code, empty.err).toBe(0);
    expect(empty.out).toBe('No notifications.\n');
    const json = await vigil({}, 'notify', 'list', '--state', 'dead', '--json', '--data-dir', join(dir, 'data'));
    expect(JSON.parse(json.out)).toEqual({ items: [] });
    expect((await vigil({}, 'notify', 'list', '--state', 'lost', '--data-dir', join(dir, 'data'))).code).toBe(2);
  });
});

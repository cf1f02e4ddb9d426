import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, describeConfig, loadConfig, redactConfig } from './config.ts';

const cwd = '/srv/vigil';

describe('configuration', () => {
  it('has one default per key', () => {
    const c = loadConfig({ env: {}, cwd });
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe('/srv/vigil/.vigil-data');
    expect(c.databaseUrl).toBeNull();
    expect(c.roles).toEqual(['api', 'worker', 'scheduler']);
  });

  it('reads the environment and validates values', () => {
    const c = loadConfig({ env: { VIGIL_PORT: '9001', VIGIL_DEMO: 'false', VIGIL_ROLES: 'api, worker', DATABASE_URL: 'postgres://u:p@h/db' }, cwd });
    expect(c).toMatchObject({ port: 9001, demo: false, roles: ['api', 'worker'], databaseUrl: 'postgres://u:p@h/db' });
    expect(() => loadConfig({ env: { VIGIL_PORT: 'eighty' }, cwd })).toThrow(/environment VIGIL_PORT: 'port' must be an integer/);
    expect(() => loadConfig({ env: { VIGIL_PORT: '70000' }, cwd })).toThrow(/≤ 65535/);
    expect(() => loadConfig({ env: { VIGIL_ROLES: 'api,cron' }, cwd })).toThrow(/unknown value "cron"/);
    expect(() => loadConfig({ env: { VIGIL_LOG_LEVEL: 'loud' }, cwd })).toThrow(/must be one of/);
  });

  it('rejects unknown keys in the environment and the file', () => {
    expect(() => loadConfig({ env: { VIGIL_PROT: '8080' }, cwd })).toThrow(/unknown variable VIGIL_PROT/);
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    const file = join(dir, 'vigil.json');
    writeFileSync(file, JSON.stringify({ port: 9100, colour: 'blue' }));
    expect(() => loadConfig({ env: {}, cwd, file })).toThrow(/unknown key 'colour'/);
    writeFileSync(file, '{ "port": ');
    expect(() => loadConfig({ env: {}, cwd, file })).toThrow(/config file/);
  });

  it('lets the environment override the file, and flags override both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
    const file = join(dir, 'vigil.json');
    writeFileSync(file, JSON.stringify({ port: 9100, demo: false }));
    expect(loadConfig({ env: { VIGIL_CONFIG: file }, cwd })).toMatchObject({ port: 9100, demo: false });
    expect(loadConfig({ env: { VIGIL_CONFIG: file, VIGIL_PORT: '9200' }, cwd }).port).toBe(9200);
    expect(loadConfig({ env: { VIGIL_CONFIG: file, VIGIL_PORT: '9200' }, cwd, overrides: { port: '9300' } }).port).toBe(9300);
  });

  it('masks secrets and documents every key', () => {
    const c = loadConfig({ env: { DATABASE_URL: 'postgres://vigil:hunter2@db/vigil', VIGIL_ADMIN_PASSWORD: 'correct horse battery' }, cwd });
    const shown = JSON.stringify(redactConfig(c));
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('correct horse');
    expect(shown).toContain('postgres://vigil:***@db/vigil');
    const help = describeConfig();
    for (const [key, spec] of Object.entries(configSchema)) {
      expect(help).toContain(key);
      expect(help).toContain(spec.env);
    }
  });

  it('validates the notification keys and masks their secrets', () => {
    const c = loadConfig({ env: { VIGIL_SMTP_HOST: 'smtp.example.com', VIGIL_SMTP_FROM: 'Vigil <vigil@example.com>', VIGIL_SMTP_PASSWORD: 'mail-pass-123', VIGIL_WEBHOOK_SECRET: 'hook-secret-456', VIGIL_NOTIFY_REMINDER_FRACTIONS: '0.25, .75', VIGIL_NOTIFY_ROLES: 'lead,clinical' }, cwd });
    expect(c).toMatchObject({ smtpPort: 587, smtpSecurity: 'starttls', notifyReminderFractions: ['0.25', '.75'], notifyBeforeDueHours: ['24'], notifyRoles: ['lead', 'clinical'], notifyCron: '* * * * *' });
    const shown = JSON.stringify(redactConfig(c));
    expect(shown).not.toContain('mail-pass-123');
    expect(shown).not.toContain('hook-secret-456');
    expect(() => loadConfig({ env: { VIGIL_SMTP_HOST: 'smtp.example.com' }, cwd })).toThrow(/'smtpFrom' \(VIGIL_SMTP_FROM\) is required/);
    expect(() => loadConfig({ env: { VIGIL_NOTIFY_REMINDER_FRACTIONS: '0.5,80' }, cwd })).toThrow(/invalid item "80" \(expected a fraction/);
    expect(() => loadConfig({ env: { VIGIL_NOTIFY_BEFORE_DUE_HOURS: '24,-1' }, cwd })).toThrow(/invalid item "-1"/);
    expect(() => loadConfig({ env: { VIGIL_NOTIFY_ESCALATION_EMAILS: 'boss' }, cwd })).toThrow(/invalid item "boss"/);
    expect(() => loadConfig({ env: { VIGIL_NOTIFY_ROLES: 'lead,ceo' }, cwd })).toThrow(/unknown value "ceo"/);
    expect(() => loadConfig({ env: { VIGIL_SMTP_SECURITY: 'ssl' }, cwd })).toThrow(/must be one of starttls, tls, none/);
  });
});

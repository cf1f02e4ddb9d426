/**
 * Vigil's one configuration schema. Every key has one default, here and nowhere else.
 * Sources, later wins: defaults < config file (JSON, `VIGIL_CONFIG` or `--config`) < environment.
 * Unknown keys in the file and unknown `VIGIL_*` variables are rejected.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VigilError } from '../domain/errors.ts';

type Kind = 'string' | 'integer' | 'boolean' | 'enum' | 'list';

interface KeySpec {
  readonly env: string;
  readonly kind: Kind;
  readonly default: string | number | boolean | readonly string[] | null;
  readonly doc: string;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly secret?: boolean;
  /** For lists: every item must match. */
  readonly itemPattern?: RegExp;
  readonly itemDoc?: string;
}

export const configSchema = {
  port: { env: 'VIGIL_PORT', kind: 'integer', default: 8080, min: 0, max: 65535, doc: 'HTTP port of the web app and API.' },
  host: { env: 'VIGIL_HOST', kind: 'string', default: 'localhost', doc: 'Interface to listen on (0.0.0.0 for all).' },
  dataDir: { env: 'VIGIL_DATA_DIR', kind: 'string', default: './.vigil-data', doc: 'Folder of the embedded PGlite database (ignored when databaseUrl is set).' },
  databaseUrl: { env: 'DATABASE_URL', kind: 'string', default: null, secret: true, doc: 'PostgreSQL server connection string (postgres://user:pass@host:5432/db). Unset: embedded PGlite in dataDir.' },
  databasePoolSize: { env: 'VIGIL_DATABASE_POOL_SIZE', kind: 'integer', default: 10, min: 1, max: 200, doc: 'Connections per process in server mode.' },
  roles: { env: 'VIGIL_ROLES', kind: 'list', default: ['api', 'worker', 'scheduler'], values: ['api', 'worker', 'scheduler'], doc: 'Roles this process runs (comma-separated). Embedded mode always runs all of them.' },
  workerConcurrency: { env: 'VIGIL_WORKER_CONCURRENCY', kind: 'integer', default: 2, min: 1, max: 64, doc: 'Jobs a worker process runs at once.' },
  adminEmail: { env: 'VIGIL_ADMIN_EMAIL', kind: 'string', default: 'admin@vigil.local', doc: 'E-mail of the administrator created on first start.' },
  adminPassword: { env: 'VIGIL_ADMIN_PASSWORD', kind: 'string', default: null, secret: true, doc: 'Password of the first administrator. Unset: a one-time password is generated and printed once.' },
  demo: { env: 'VIGIL_DEMO', kind: 'boolean', default: true, doc: 'Load the demo portfolio on first start (empty database only).' },
  maxSbomBytes: { env: 'VIGIL_MAX_SBOM_BYTES', kind: 'integer', default: 64 * 1024 * 1024, min: 1024, doc: 'Largest SBOM document accepted, in bytes.' },
  sessionTtlHours: { env: 'VIGIL_SESSION_TTL_HOURS', kind: 'integer', default: 12, min: 1, max: 24 * 30, doc: 'Lifetime of a sign-in session.' },
  cookieSecure: { env: 'VIGIL_COOKIE_SECURE', kind: 'enum', default: 'auto', values: ['auto', 'always', 'never'], doc: "Secure flag of the session cookie: 'auto' sets it on HTTPS requests (and behind a proxy sending X-Forwarded-Proto)." },
  trustProxy: { env: 'VIGIL_TRUST_PROXY', kind: 'boolean', default: false, doc: 'Trust X-Forwarded-* headers from a reverse proxy.' },
  logLevel: { env: 'VIGIL_LOG_LEVEL', kind: 'enum', default: 'info', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], doc: 'Server log level (secrets are never logged).' },
  feedSync: { env: 'VIGIL_FEED_SYNC', kind: 'boolean', default: true, doc: 'Sync the intelligence feeds on their schedules (in the process running the scheduler role).' },
  feedSources: { env: 'VIGIL_FEED_SOURCES', kind: 'list', default: ['osv', 'ghsa', 'nvd', 'csaf', 'kev', 'epss'], values: ['osv', 'ghsa', 'nvd', 'csaf', 'kev', 'epss'], doc: 'Feeds to sync on schedule and with `vigil feeds sync`.' },
  syncCronOsv: { env: 'VIGIL_SYNC_CRON_OSV', kind: 'string', default: '7 * * * *', doc: 'When to sync OSV (cron, UTC). Empty: never on schedule.' },
  syncCronGhsa: { env: 'VIGIL_SYNC_CRON_GHSA', kind: 'string', default: '37 */6 * * *', doc: 'When to sync the GitHub advisory database (cron, UTC).' },
  syncCronNvd: { env: 'VIGIL_SYNC_CRON_NVD', kind: 'string', default: '22 */2 * * *', doc: 'When to sync the NVD (cron, UTC).' },
  syncCronCsaf: { env: 'VIGIL_SYNC_CRON_CSAF', kind: 'string', default: '47 */2 * * *', doc: 'When to sync CSAF providers (cron, UTC).' },
  syncCronKev: { env: 'VIGIL_SYNC_CRON_KEV', kind: 'string', default: '12 */3 * * *', doc: 'When to sync the CISA KEV catalog (cron, UTC).' },
  syncCronEpss: { env: 'VIGIL_SYNC_CRON_EPSS', kind: 'string', default: '30 14 * * *', doc: 'When to sync FIRST EPSS scores (cron, UTC; published daily).' },
  osvEcosystems: { env: 'VIGIL_OSV_ECOSYSTEMS', kind: 'list', default: ['npm', 'PyPI', 'Maven', 'Go', 'NuGet', 'RubyGems', 'crates.io', 'Packagist', 'Pub', 'Hex', 'CRAN', 'Debian', 'Ubuntu', 'Alpine', 'Red Hat', 'Rocky Linux', 'AlmaLinux', 'SUSE', 'openSUSE'], doc: 'OSV ecosystems to mirror (names as in the OSV bucket).' },
  osvBaseUrl: { env: 'VIGIL_OSV_BASE_URL', kind: 'string', default: null, doc: "OSV data bucket (or a mirror of it). Unset: OSV's public bucket." },
  ghsaArchiveUrl: { env: 'VIGIL_GHSA_ARCHIVE_URL', kind: 'string', default: null, doc: "Zip archive of the GitHub advisory database (or a mirror). Unset: GitHub's main branch archive." },
  nvdBaseUrl: { env: 'VIGIL_NVD_BASE_URL', kind: 'string', default: null, doc: 'NVD CVE API 2.0 endpoint (or a mirror). Unset: the NVD.' },
  nvdApiKey: { env: 'VIGIL_NVD_API_KEY', kind: 'string', default: null, secret: true, doc: 'NVD API key: raises the rate limit from 5 to 50 requests per 30 s.' },
  kevUrl: { env: 'VIGIL_KEV_URL', kind: 'string', default: null, doc: "CISA KEV catalog JSON (or a mirror). Unset: CISA's feed." },
  epssBaseUrl: { env: 'VIGIL_EPSS_BASE_URL', kind: 'string', default: null, doc: 'FIRST EPSS data site (or a mirror). Unset: the public one.' },
  csafProviders: { env: 'VIGIL_CSAF_PROVIDERS', kind: 'list', default: [], doc: "CSAF providers to follow besides CISA: provider-metadata.json URLs or domains, comma-separated." },
  csafIncludeCisa: { env: 'VIGIL_CSAF_INCLUDE_CISA', kind: 'boolean', default: true, doc: "Follow CISA's CSAF provider (ICS and ICS medical advisories)." },
  bundleSigningKey: { env: 'VIGIL_BUNDLE_SIGNING_KEY', kind: 'string', default: null, secret: true, doc: 'PEM file of the Ed25519 private key that signs `vigil feeds export` bundles. Unset: bundles are checksummed but unsigned.' },
  bundleTrustedKeys: { env: 'VIGIL_BUNDLE_TRUSTED_KEYS', kind: 'list', default: [], doc: 'PEM files of Ed25519 public keys whose bundles `vigil feeds import` accepts. Unset: unsigned bundles are accepted after their checksums are verified, with a warning.' },
  publicUrl: { env: 'VIGIL_PUBLIC_URL', kind: 'string', default: null, doc: 'Address of the web app as users reach it, for links in notifications (https://vigil.example.com). Unset: http://HOST:PORT.' },
  notifyCron: { env: 'VIGIL_NOTIFY_CRON', kind: 'string', default: '* * * * *', doc: 'When to look for due reminders and deliver pending notifications (cron, UTC; every minute by default). Empty: never.' },
  notifyReminderFractions: { env: 'VIGIL_NOTIFY_REMINDER_FRACTIONS', kind: 'list', default: ['0.5', '0.8'], itemPattern: /^0?\.\d+$/, itemDoc: 'a fraction between 0 and 1, e.g. 0.5', doc: 'Remind when these fractions of the period from trigger to due have passed.' },
  notifyBeforeDueHours: { env: 'VIGIL_NOTIFY_BEFORE_DUE_HOURS', kind: 'list', default: ['24'], itemPattern: /^[1-9]\d{0,4}$/, itemDoc: 'whole hours, e.g. 24', doc: 'Also remind this many hours before due (when that is after the trigger).' },
  notifyOverdueRepeatHours: { env: 'VIGIL_NOTIFY_OVERDUE_REPEAT_HOURS', kind: 'integer', default: 24, min: 0, max: 24 * 30, doc: 'Escalate an overdue obligation at due, then again every this many hours. 0: only at due.' },
  notifyOverdueMaxRepeats: { env: 'VIGIL_NOTIFY_OVERDUE_MAX_REPEATS', kind: 'integer', default: 7, min: 0, max: 1000, doc: 'Repeated overdue escalations at most (after the one at due).' },
  notifyTaskBeforeDueHours: { env: 'VIGIL_NOTIFY_TASK_BEFORE_DUE_HOURS', kind: 'list', default: ['24'], itemPattern: /^[1-9]\d{0,4}$/, itemDoc: 'whole hours, e.g. 24', doc: 'Remind the assignee of an open case task this many hours before it is due (when that is after the task was created).' },
  notifyTaskOverdueRepeatHours: { env: 'VIGIL_NOTIFY_TASK_OVERDUE_REPEAT_HOURS', kind: 'integer', default: 24, min: 0, max: 24 * 30, doc: 'After the overdue notice at due, escalate an open task to the case lead every this many hours. 0: never.' },
  notifyTaskOverdueMaxRepeats: { env: 'VIGIL_NOTIFY_TASK_OVERDUE_MAX_REPEATS', kind: 'integer', default: 7, min: 0, max: 1000, doc: 'Task escalations to the case lead at most (after the overdue notice at due).' },
  notifyRoles: { env: 'VIGIL_NOTIFY_ROLES', kind: 'list', default: ['lead', 'regulatory'], values: ['lead', 'analyst', 'engineer', 'regulatory', 'clinical', 'product', 'support'], doc: "Case roles whose holders receive reminders and escalations by e-mail." },
  notifyEscalationEmails: { env: 'VIGIL_NOTIFY_ESCALATION_EMAILS', kind: 'list', default: [], itemPattern: /^[^\s@,]+@[^\s@,]+$/, itemDoc: 'an e-mail address', doc: 'Addresses that also receive every overdue escalation (comma-separated).' },
  notifyMaxAttempts: { env: 'VIGIL_NOTIFY_MAX_ATTEMPTS', kind: 'integer', default: 8, min: 1, max: 100, doc: 'Delivery attempts of one notification before it is dead (kept and listed, retryable by hand).' },
  notifyRetryBaseSeconds: { env: 'VIGIL_NOTIFY_RETRY_BASE_SECONDS', kind: 'integer', default: 60, min: 1, max: 86_400, doc: 'Delay before the first retry; doubled after each failed attempt, at most 6 h.' },
  notifyTimeoutSeconds: { env: 'VIGIL_NOTIFY_TIMEOUT_SECONDS', kind: 'integer', default: 15, min: 1, max: 600, doc: 'Timeout of one delivery attempt (SMTP connection and commands, webhook request).' },
  smtpHost: { env: 'VIGIL_SMTP_HOST', kind: 'string', default: null, doc: 'SMTP server for e-mail notifications. Unset: no e-mail is sent.' },
  smtpPort: { env: 'VIGIL_SMTP_PORT', kind: 'integer', default: 587, min: 1, max: 65535, doc: 'SMTP port (587 submission with STARTTLS, 465 implicit TLS, 25).' },
  smtpSecurity: { env: 'VIGIL_SMTP_SECURITY', kind: 'enum', default: 'starttls', values: ['starttls', 'tls', 'none'], doc: "'starttls': upgrade the connection and refuse to send without TLS; 'tls': TLS from the start (port 465); 'none': plain text (a relay on localhost only)." },
  smtpUser: { env: 'VIGIL_SMTP_USER', kind: 'string', default: null, doc: 'SMTP user name. Unset: no authentication.' },
  smtpPassword: { env: 'VIGIL_SMTP_PASSWORD', kind: 'string', default: null, secret: true, doc: 'SMTP password.' },
  smtpFrom: { env: 'VIGIL_SMTP_FROM', kind: 'string', default: null, doc: "Sender of notification e-mails, e.g. 'Vigil <vigil@example.com>'. Required with smtpHost." },
  webhookUrl: { env: 'VIGIL_WEBHOOK_URL', kind: 'string', default: null, doc: 'URL that receives every reminder and escalation as a signed JSON POST. Unset: no webhook.' },
  webhookSecret: { env: 'VIGIL_WEBHOOK_SECRET', kind: 'string', default: null, secret: true, doc: 'Key of the HMAC-SHA256 signature of webhook bodies (X-Vigil-Signature-256 header).' },
  webDir: { env: 'VIGIL_WEB_DIR', kind: 'string', default: null, doc: "Built web app served at /. Unset: Vigil's own dist/web, built on first start when missing." },
} as const satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof configSchema;

export interface VigilConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  databasePoolSize: number;
  roles: Array<'api' | 'worker' | 'scheduler'>;
  workerConcurrency: number;
  adminEmail: string;
  adminPassword: string | null;
  demo: boolean;
  maxSbomBytes: number;
  sessionTtlHours: number;
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  webDir: string;
  feedSync: boolean;
  feedSources: Array<'osv' | 'ghsa' | 'nvd' | 'csaf' | 'kev' | 'epss'>;
  syncCronOsv: string;
  syncCronGhsa: string;
  syncCronNvd: string;
  syncCronCsaf: string;
  syncCronKev: string;
  syncCronEpss: string;
  osvEcosystems: string[];
  osvBaseUrl: string | null;
  ghsaArchiveUrl: string | null;
  nvdBaseUrl: string | null;
  nvdApiKey: string | null;
  kevUrl: string | null;
  epssBaseUrl: string | null;
  csafProviders: string[];
  csafIncludeCisa: boolean;
  bundleSigningKey: string | null;
  bundleTrustedKeys: string[];
  publicUrl: string | null;
  notifyCron: string;
  notifyReminderFractions: string[];
  notifyBeforeDueHours: string[];
  notifyOverdueRepeatHours: number;
  notifyOverdueMaxRepeats: number;
  notifyTaskBeforeDueHours: string[];
  notifyTaskOverdueRepeatHours: number;
  notifyTaskOverdueMaxRepeats: number;
  notifyRoles: Array<'lead' | 'analyst' | 'engineer' | 'regulatory' | 'clinical' | 'product' | 'support'>;
  notifyEscalationEmails: string[];
  notifyMaxAttempts: number;
  notifyRetryBaseSeconds: number;
  notifyTimeoutSeconds: number;
  smtpHost: string | null;
  smtpPort: number;
  smtpSecurity: 'starttls' | 'tls' | 'none';
  smtpUser: string | null;
  smtpPassword: string | null;
  smtpFrom: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

/** The installed package's folder (where dist/web is built). */
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `VIGIL_*` variables that are not configuration: read by tooling or tests, accepted silently. */
const nonConfigEnv = new Set(['VIGIL_CONFIG', 'VIGIL_DEBUG', 'VIGIL_CONFORMANCE_DATA', 'VIGIL_CHROMIUM', 'VIGIL_TEST_KEEP']);

function parseValue(key: string, spec: KeySpec, raw: unknown, where: string): unknown {
  const fail = (why: string): never => {
    throw new VigilError('CONFIG_INVALID', `${where}: ${why}`, { key });
  };
  if (raw === null) {
    if (spec.default === null) return null;
    fail(`'${key}' may not be null`);
  }
  switch (spec.kind) {
    case 'string': {
      if (typeof raw !== 'string') fail(`'${key}' must be a string`);
      return raw;
    }
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
      if (!Number.isInteger(n)) fail(`'${key}' must be an integer, got ${JSON.stringify(raw)}`);
      if (spec.min !== undefined && n < spec.min) fail(`'${key}' must be ≥ ${spec.min}, got ${n}`);
      if (spec.max !== undefined && n > spec.max) fail(`'${key}' must be ≤ ${spec.max}, got ${n}`);
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      return fail(`'${key}' must be true or false, got ${JSON.stringify(raw)}`);
    }
    case 'enum': {
      if (typeof raw !== 'string' || !spec.values!.includes(raw)) fail(`'${key}' must be one of ${spec.values!.join(', ')}, got ${JSON.stringify(raw)}`);
      return raw;
    }
    case 'list': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : fail(`'${key}' must be a list`);
      for (const item of items as unknown[]) {
        if (typeof item !== 'string' || (spec.values && !spec.values.includes(item))) fail(`'${key}' has an unknown value ${JSON.stringify(item)} (allowed: ${spec.values?.join(', ')})`);
        if (spec.itemPattern && !spec.itemPattern.test(item as string)) fail(`'${key}' has an invalid item ${JSON.stringify(item)} (expected ${spec.itemDoc ?? spec.itemPattern.source})`);
      }
      if (items.length === 0 && spec.values) fail(`'${key}' must not be empty`);
      return [...new Set(items as string[])];
    }
  }
}

export interface ConfigSources {
  env: Readonly<Record<string, string | undefined>>;
  /** Path of a JSON config file; defaults to env VIGIL_CONFIG. */
  file?: string | undefined;
  /** Values set by command-line flags; highest precedence. */
  overrides?: Partial<Record<ConfigKey, unknown>>;
  cwd: string;
}

/** Builds and validates the configuration. Throws VigilError CONFIG_INVALID naming the key and source. */
export function loadConfig(sources: ConfigSources): VigilConfig {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(configSchema) as Array<[string, KeySpec]>) {
    out[key] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  const file = sources.file ?? sources.env.VIGIL_CONFIG;
  if (file) {
    const path = resolve(sources.cwd, file);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new VigilError('CONFIG_INVALID', `config file ${file}: ${(err as Error).message}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new VigilError('CONFIG_INVALID', `config file ${file}: must be a JSON object`);
    for (const [key, raw] of Object.entries(data)) {
      const spec = (configSchema as Record<string, KeySpec>)[key];
      if (!spec) throw new VigilError('CONFIG_INVALID', `config file ${file}: unknown key '${key}' (see 'vigil config --help')`, { key });
      out[key] = parseValue(key, spec, raw, `config file ${file}`);
    }
  }
  const byEnv = new Map<string, readonly [string, KeySpec]>(Object.entries(configSchema).map(([k, s]) => [s.env, [k, s as KeySpec] as const]));
  for (const [name, raw] of Object.entries(sources.env)) {
    if (raw === undefined) continue;
    const entry = byEnv.get(name);
    if (!entry) {
      if (name.startsWith('VIGIL_') && !nonConfigEnv.has(name)) {
        throw new VigilError('CONFIG_INVALID', `environment: unknown variable ${name} (see 'vigil config --help')`, { key: name });
      }
      continue;
    }
    if (raw === '') continue;
    out[entry[0]] = parseValue(entry[0], entry[1], raw, `environment ${name}`);
  }
  for (const [key, raw] of Object.entries(sources.overrides ?? {})) {
    const spec = (configSchema as Record<string, KeySpec>)[key];
    if (!spec) throw new VigilError('CONFIG_INVALID', `unknown key '${key}'`, { key });
    if (raw !== undefined) out[key] = parseValue(key, spec, raw, `option --${key}`);
  }
  if (out.smtpHost && !out.smtpFrom) throw new VigilError('CONFIG_INVALID', "'smtpFrom' (VIGIL_SMTP_FROM) is required when 'smtpHost' is set", { key: 'smtpFrom' });
  out.dataDir = resolve(sources.cwd, out.dataDir as string);
  out.webDir = out.webDir ? resolve(sources.cwd, out.webDir as string) : resolve(packageRoot, 'dist/web');
  return out as unknown as VigilConfig;
}

/** The configuration with secrets masked, for display and logs. */
export function redactConfig(config: VigilConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(configSchema) as Array<[ConfigKey, KeySpec]>) {
    const value = config[key];
    if (spec.secret && value) {
      out[key] = key === 'databaseUrl' ? String(value).replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : '***';
    } else out[key] = value;
  }
  return out;
}

/** Human reference of every key: used by `vigil config --help` and docs/config.md. */
export function describeConfig(): string {
  const lines = ['Configuration keys (environment variable · config-file key · default):', ''];
  for (const [key, spec] of Object.entries(configSchema) as Array<[string, KeySpec]>) {
    const def = spec.default === null ? '(unset)' : Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default);
    const allowed = spec.values ? ` One of: ${spec.values.join(', ')}.` : '';
    lines.push(`  ${spec.env.padEnd(26)} ${key.padEnd(18)} default ${def}`);
    lines.push(`      ${spec.doc}${allowed}${spec.secret ? ' Secret: never printed or logged.' : ''}`);
  }
  lines.push('', 'A JSON config file (camelCase keys as above) can be given with VIGIL_CONFIG=path or --config path.');
  lines.push('Environment variables override the file. Unknown keys and unknown VIGIL_* variables are errors.');
  return `${lines.join('\n')}\n`;
}

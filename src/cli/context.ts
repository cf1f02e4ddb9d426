/** Shared helpers of the local-database commands: config from env/file/flags, runtime lifetime. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type ConfigKey, type VigilConfig } from '../config/config.ts';
import { openRuntime, type Runtime } from '../runtime/runtime.ts';
import { UsageError, type CliIo } from './command.ts';

export const dbOptions = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

export const dbOptionsHelp = `Database options (default: the embedded database in VIGIL_DATA_DIR):
  --data-dir DIR        embedded PGlite data folder
  --database-url URL    PostgreSQL server (same as DATABASE_URL)
  --config FILE         JSON config file (same as VIGIL_CONFIG)`;

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function configFrom(io: CliIo, values: Record<string, unknown>, extra: Partial<Record<ConfigKey, unknown>> = {}): VigilConfig {
  return loadConfig({
    env: io.env,
    cwd: io.cwd,
    file: typeof values.config === 'string' ? values.config : undefined,
    overrides: { dataDir: values['data-dir'], databaseUrl: values['database-url'], ...extra },
  });
}

export async function withRuntime<T>(config: VigilConfig, fn: (rt: Runtime) => Promise<T>, opts: { queue?: boolean } = {}): Promise<T> {
  const rt = await openRuntime(config, { queue: opts.queue ?? false, queueMaintenance: false });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Fixed-width text table for people; scripts use --json. */
export function table(objects: ReadonlyArray<object>, columns: ReadonlyArray<[key: string, title: string]>): string {
  const rows = objects as ReadonlyArray<Record<string, unknown>>;
  const cell = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v));
  const widths = columns.map(([k, t]) => Math.min(60, Math.max(t.length, ...rows.map((r) => cell(r[k]).length))));
  const fmt = (vals: string[]) => vals.map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[fmt(columns.map(([, t]) => t)), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => fmt(columns.map(([k]) => cell(r[k]))))].join('\n')}\n`;
}

export const cliActor = (io: CliIo) => ({ kind: 'user' as const, id: 'cli', label: `cli:${io.env.USER ?? io.env.LOGNAME ?? 'local'}` });

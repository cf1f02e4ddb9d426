/**
 * JSON Schema of an engine settings file (organisation settings for the clock engine), and its
 * validator. Unknown keys are rejected; defaults live only in `defaultEngineSettings`.
 */
import AjvModule from 'ajv';
import type { ErrorObject } from 'ajv';
import type { EngineSettings } from './context.ts';
import { builtInPlaybooks, dueOffsetPattern, severities, taskRoles, type PlaybookOverrides } from '../cases/playbooks.ts';

/** The organisation settings document: engine settings plus playbook overrides. */
export type OrganisationSettings = Partial<EngineSettings> & { readonly playbooks?: PlaybookOverrides };

/** The engine settings of an organisation settings document (without the playbooks section). */
export function engineSettingsOf(doc: OrganisationSettings): Partial<EngineSettings> {
  const { playbooks: _playbooks, $schema: _schema, ...rest } = doc as OrganisationSettings & { $schema?: string };
  return rest;
}

const dateList = { type: 'array', items: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } } as const;
const switches = {
  type: 'object',
  propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  additionalProperties: { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' } } },
} as const;

export const settingsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vigil.dev/schemas/clocks/settings-1.json',
  title: 'Vigil regulatory clock settings',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    observedHolidays: { type: 'boolean' },
    inaugurationDay: { type: 'boolean' },
    extraUsClosures: dateList,
    euWeekendExtension: { type: 'boolean' },
    euPublicHolidays: dateList,
    packs: switches,
    rules: switches,
    dueSoonHours: { type: 'number', minimum: 0 },
    playbooks: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          tasks: {
            type: 'object',
            propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              properties: {
                title: { type: 'string', minLength: 1, maxLength: 300 },
                role: { enum: [...taskRoles] },
                enabled: { type: 'boolean' },
                due: {
                  type: 'object',
                  additionalProperties: false,
                  properties: Object.fromEntries(severities.map((sv) => [sv, { type: 'string', pattern: dueOffsetPattern }])),
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

type AjvCtor = new (opts: Record<string, unknown>) => { compile(schema: unknown): ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } };
const Ajv = ((AjvModule as unknown as { default?: AjvCtor }).default ?? AjvModule) as unknown as AjvCtor;
let compiled: (((data: unknown) => boolean) & { errors?: ErrorObject[] | null }) | undefined;

export function validateSettings(
  data: unknown,
  known: { packs: ReadonlySet<string>; rules: ReadonlySet<string> },
): { ok: true; settings: OrganisationSettings } | { ok: false; problems: { path: string; message: string }[] } {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(settingsSchema);
  const problems: { path: string; message: string }[] = [];
  if (!compiled(data)) {
    for (const e of compiled.errors ?? []) {
      const base = '$' + e.instancePath.split('/').slice(1).map((seg) => (/^[A-Za-z_$][\w$]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`)).join('');
      if (e.keyword === 'additionalProperties') {
        problems.push({ path: `${base}.${(e.params as { additionalProperty: string }).additionalProperty}`, message: 'unknown key' });
      } else problems.push({ path: base, message: e.message ?? 'invalid' });
    }
  }
  const s = (data ?? {}) as OrganisationSettings;
  const ids = (v: unknown): string[] => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);
  for (const id of ids(s.packs)) if (!known.packs.has(id)) problems.push({ path: `$.packs["${id}"]`, message: `unknown rule pack '${id}'` });
  for (const id of ids(s.rules)) if (!known.rules.has(id)) problems.push({ path: `$.rules["${id}"]`, message: `unknown rule '${id}'` });
  const playbooks = (s as OrganisationSettings).playbooks;
  for (const id of ids(playbooks)) {
    const pb = builtInPlaybooks.find((p) => p.id === id);
    if (!pb) {
      problems.push({ path: `$.playbooks["${id}"]`, message: `unknown playbook '${id}'` });
      continue;
    }
    for (const key of ids(playbooks?.[id]?.tasks)) {
      if (!pb.tasks.some((t) => t.key === key)) problems.push({ path: `$.playbooks["${id}"].tasks["${key}"]`, message: `unknown task '${key}' of playbook '${id}'` });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, settings: s };
}

/**
 * JSON Schema (draft-07) of the case-facts file, as data, and its validator. Unknown keys are
 * rejected everywhere. Checks that JSON Schema cannot express (IANA zone names, real calendar
 * dates, obligation ids in `fulfilled`) run after the schema, with the same error shape.
 */
import AjvModule from 'ajv';
import type { ErrorObject } from 'ajv';
import type { CaseFacts } from './facts.ts';
import { isValidTimeZone, parseTime } from './zoned-time.ts';

const timeString = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?$',
  description: 'ISO 8601 instant (with Z or offset) or wall time in the zone (without offset)',
} as const;

const timeFact = {
  oneOf: [
    timeString,
    {
      type: 'object',
      additionalProperties: false,
      required: ['at'],
      properties: { at: timeString, zone: { type: 'string', minLength: 1, description: 'IANA time zone' } },
    },
  ],
} as const;

const timeList = { type: 'array', items: { $ref: '#/definitions/time' } } as const;

export const factsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vigil.dev/schemas/clocks/case-facts-1.json',
  title: 'Vigil regulatory clock case facts, version 1',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'timeZone', 'product'],
  definitions: { time: timeFact },
  properties: {
    $schema: { type: 'string' },
    schemaVersion: { const: 1 },
    caseId: { type: 'string' },
    title: { type: 'string' },
    timeZone: { type: 'string', minLength: 1 },
    product: {
      type: 'object',
      additionalProperties: false,
      required: ['markets', 'kind'],
      properties: {
        name: { type: 'string' },
        markets: { type: 'array', items: { enum: ['US', 'EU'] }, uniqueItems: true },
        kind: { enum: ['device', 'non-device'] },
        cyberDevice: { type: 'boolean' },
        craInScope: { type: 'boolean' },
      },
    },
    organisation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        isaoActiveParticipant: { type: 'boolean' },
        hipaaRole: { enum: ['covered-entity', 'business-associate', 'none'] },
        nis2Entity: { type: 'boolean' },
        circiaCoveredEntity: { type: 'boolean' },
      },
    },
    assessment: {
      type: 'object',
      additionalProperties: false,
      properties: {
        risk: { enum: ['controlled', 'uncontrolled'] },
        knownSeriousAdverseEvents: { type: 'boolean' },
        reportedUnder803Or1004: { type: 'boolean' },
        adverseEvent: { enum: ['death', 'serious-injury', 'reportable-malfunction', 'none'] },
        remedialActionNeeded: { type: 'boolean' },
        euIncident: {
          enum: ['serious-public-health-threat', 'death-or-unanticipated-serious-deterioration', 'serious-incident', 'not-serious', 'none'],
        },
        fscaPlanned: { type: 'boolean' },
        activelyExploited: { type: 'boolean' },
        severeIncident: { type: 'boolean' },
        significantIncident: { type: 'boolean' },
        substantialCyberIncident: { type: 'boolean' },
      },
    },
    events: {
      type: 'object',
      additionalProperties: false,
      properties: {
        becameAware: { $ref: '#/definitions/time' },
        riskDetermined: { $ref: '#/definitions/time' },
        adverseEventAware: { $ref: '#/definitions/time' },
        remedialActionAware: { $ref: '#/definitions/time' },
        fdaWrittenRequest: { $ref: '#/definitions/time' },
        mdrNewInformation: timeList,
        correctionInitiated: { $ref: '#/definitions/time' },
        correctionExtended: timeList,
        customersNotified: { $ref: '#/definitions/time' },
        fixDistributed: { $ref: '#/definitions/time' },
        fixAvailable: { $ref: '#/definitions/time' },
        fscaStart: { $ref: '#/definitions/time' },
        ransomPaid: { $ref: '#/definitions/time' },
        phiBreachDiscovered: { $ref: '#/definitions/time' },
      },
    },
    phiBreach: {
      type: 'object',
      additionalProperties: false,
      properties: {
        unsecured: { type: 'boolean' },
        individualsByState: {
          type: 'object',
          propertyNames: { pattern: '^[A-Za-z][A-Za-z .-]{0,40}$' },
          additionalProperties: { type: 'integer', minimum: 0 },
        },
      },
    },
    fulfilled: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*(#[0-9]+)?$' },
      additionalProperties: { $ref: '#/definitions/time' },
    },
  },
} as const;

export interface FactsProblem {
  /** JSONPath of the offending value, e.g. `$.events.becameAware`. */
  readonly path: string;
  readonly message: string;
}

export type FactsValidation = { readonly ok: true; readonly facts: CaseFacts } | { readonly ok: false; readonly problems: readonly FactsProblem[] };

type AjvCtor = new (opts: Record<string, unknown>) => {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
};
const Ajv = ((AjvModule as unknown as { default?: AjvCtor }).default ?? AjvModule) as unknown as AjvCtor;

let compiled: ReturnType<InstanceType<AjvCtor>['compile']> | undefined;

function validator(): ReturnType<InstanceType<AjvCtor>['compile']> {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(factsSchema);
  return compiled;
}

function pointerToPath(pointer: string): string {
  if (!pointer) return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((seg) => (/^[0-9]+$/.test(seg) ? `[${seg}]` : /^[A-Za-z_$][\w$]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`))
      .join('')
  );
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function ajvProblems(errors: readonly ErrorObject[]): FactsProblem[] {
  const out: FactsProblem[] = [];
  const seen = new Set<string>();
  // A oneOf over string|object reports every branch; keep the most specific message per path.
  for (const e of errors) {
    let path = pointerToPath(e.instancePath);
    let message = e.message ?? 'invalid';
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      path = childPath(path, extra);
      message = 'unknown key';
    } else if (e.keyword === 'propertyNames') {
      const name = (e.params as { propertyName: string }).propertyName;
      path = childPath(path, name);
      message = 'invalid key name';
    } else if (e.keyword === 'enum') {
      message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'pattern' && e.instancePath.length > 0 && !e.schemaPath.includes('propertyNames')) {
      message = 'must be an ISO 8601 time: YYYY-MM-DDTHH:MM[:SS[.fff]] with optional Z or ±HH:MM';
    } else if (e.keyword === 'oneOf') {
      message = 'must be a time string or an object {at, zone}';
    }
    const key = `${path}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path, message });
    }
  }
  // Drop branch noise: when a path has a specific problem, the generic oneOf/type messages add nothing.
  const generic = /^must be (a time string or an object \{at, zone\}|string|object)$/;
  const specific = new Set(out.filter((p) => !generic.test(p.message)).map((p) => p.path));
  return out.filter((p) => !(generic.test(p.message) && specific.has(p.path)));
}

/** Semantic checks after the schema: zones exist, times denote real dates, list of known obligation ids. */
function semanticProblems(facts: CaseFacts, knownObligations: ReadonlySet<string> | undefined): FactsProblem[] {
  const out: FactsProblem[] = [];
  const caseZoneOk = isValidTimeZone(facts.timeZone);
  if (!caseZoneOk) out.push({ path: '$.timeZone', message: `unknown IANA time zone '${facts.timeZone}'` });
  const checkTime = (value: unknown, path: string): void => {
    const at = typeof value === 'string' ? value : (value as { at: string }).at;
    const zone = typeof value === 'string' ? facts.timeZone : ((value as { zone?: string }).zone ?? facts.timeZone);
    if (typeof value === 'object' && (value as { zone?: string }).zone !== undefined && !isValidTimeZone(zone)) {
      out.push({ path: `${path}.zone`, message: `unknown IANA time zone '${zone}'` });
      return;
    }
    if (!isValidTimeZone(zone)) return; // already reported on $.timeZone
    const parsed = parseTime(at, zone);
    if (!parsed.ok) out.push({ path: typeof value === 'string' ? path : `${path}.at`, message: parsed.reason });
  };
  for (const [key, value] of Object.entries(facts.events ?? {})) {
    const path = `$.events.${key}`;
    if (Array.isArray(value)) value.forEach((v, i) => checkTime(v, `${path}[${i}]`));
    else checkTime(value, path);
  }
  for (const [key, value] of Object.entries(facts.fulfilled ?? {})) {
    const path = childPath('$.fulfilled', key);
    checkTime(value, path);
    if (knownObligations && !knownObligations.has(key.replace(/#[0-9]+$/, ''))) out.push({ path, message: `unknown obligation id '${key}'` });
  }
  return out;
}

/**
 * Validates parsed JSON as case facts. `knownObligations` (ids without `#n`) lets the caller
 * reject misspelt keys in `fulfilled`.
 */
export function validateFacts(data: unknown, knownObligations?: ReadonlySet<string>): FactsValidation {
  const validate = validator();
  if (!validate(data)) {
    const problems = ajvProblems(validate.errors ?? []);
    // Misspelt obligation ids are worth reporting even when other parts of the file are invalid.
    const fulfilled = (data as { fulfilled?: unknown } | null)?.fulfilled;
    if (knownObligations && fulfilled && typeof fulfilled === 'object' && !Array.isArray(fulfilled)) {
      for (const key of Object.keys(fulfilled)) {
        if (!knownObligations.has(key.replace(/#[0-9]+$/, ''))) problems.push({ path: childPath('$.fulfilled', key), message: `unknown obligation id '${key}'` });
      }
    }
    return { ok: false, problems };
  }
  const facts = data as CaseFacts;
  const problems = semanticProblems(facts, knownObligations);
  return problems.length ? { ok: false, problems } : { ok: true, facts };
}

/**
 * CISA Known Exploited Vulnerabilities catalog (JSON) → KevEntry[].
 *
 * The catalog is validated against CISA's official schema (`schema/`, copied from cisagov/kev-data)
 * with ajv. Schema errors inside one `vulnerabilities[n]` item make that entry a RecordProblem (it
 * is skipped, the rest is kept); any other schema error (no catalogVersion, vulnerabilities not an
 * array…) rejects the whole document with SOURCE_DOCUMENT_INVALID.
 *
 * `knownRansomwareCampaignUse` is optional in the schema and free text: anything but `Known`
 * (case-insensitive) is read as `Unknown`. `notes` and `cwes` default to '' and [].
 */
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { KevEntry, RecordProblem } from '../../domain/advisories/advisory.ts';
import { VigilError } from '../../domain/errors.ts';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

type ValidateFn = ReturnType<InstanceType<typeof Ajv>['compile']>;
let validator: ValidateFn | null = null;

function validate(): ValidateFn {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(new URL('./schema/known_exploited_vulnerabilities_schema.json', import.meta.url), 'utf8')) as object;
  // strict off: the official schema is draft-07 but uses `$defs`; allErrors so every bad entry is named
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  validator = ajv.compile(schema);
  return validator;
}

export interface KevCatalog {
  readonly title: string | null;
  readonly catalogVersion: string;
  readonly dateReleased: string;
  /** `count` as the catalog states it (entries.length + problems may differ when entries are bad). */
  readonly count: number;
  readonly entries: KevEntry[];
  readonly problems: RecordProblem[];
}

/** True for a parsed JSON value that looks like a KEV catalog. */
export function isKevCatalog(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && 'catalogVersion' in doc && 'vulnerabilities' in doc;
}

export interface KevParseOptions {
  /** Largest document accepted, in bytes (checked before decoding). */
  readonly maxBytes?: number;
  /** Where the document came from, for problems (URL, file name). */
  readonly location?: string;
}

function decode(input: Uint8Array | string | object, opts: KevParseOptions): unknown {
  if (typeof input === 'object' && !(input instanceof Uint8Array)) return input;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (opts.maxBytes !== undefined && size > opts.maxBytes)
    throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `KEV catalog is ${size} bytes, more than the ${opts.maxBytes} allowed`, { size, maxBytes: opts.maxBytes });
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new VigilError('SOURCE_DOCUMENT_INVALID', `KEV catalog is not JSON: ${(err as Error).message}`, { location: opts.location ?? 'kev' });
  }
}

/** Parses and validates a KEV catalog (bytes, text or parsed JSON). */
export function parseKevCatalog(input: Uint8Array | string | object, opts: KevParseOptions = {}): KevCatalog {
  const location = opts.location ?? 'kev';
  const doc = decode(input, opts);
  const check = validate();
  const bad = new Map<number, string[]>();
  if (!check(doc)) {
    const fatal: string[] = [];
    for (const e of check.errors ?? []) {
      const m = /^\/vulnerabilities\/(\d+)(\/.*)?$/u.exec(e.instancePath);
      if (m) {
        const i = Number(m[1]);
        bad.set(i, [...(bad.get(i) ?? []), `${m[2] ?? ''} ${e.message ?? 'invalid'}`.trim()]);
      } else fatal.push(`${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
    }
    if (fatal.length > 0) throw new VigilError('SOURCE_DOCUMENT_INVALID', `KEV catalog fails its schema: ${fatal.slice(0, 5).join('; ')}`, { location, errors: fatal.slice(0, 100) });
  }
  const d = doc as { title?: string; catalogVersion: string; dateReleased: string; count: number; vulnerabilities: Array<Record<string, unknown>> };
  const entries: KevEntry[] = [];
  const problems: RecordProblem[] = [];
  d.vulnerabilities.forEach((v, i) => {
    const reasons = bad.get(i);
    if (reasons) {
      const id = typeof v === 'object' && v !== null && typeof v.cveID === 'string' ? v.cveID : null;
      problems.push({ source: 'kev', id, location: `${location}:$.vulnerabilities[${i}]`, reason: reasons.join('; ') });
      return;
    }
    const s = (k: string): string => v[k] as string;
    entries.push({
      cveId: s('cveID'),
      vendorProject: s('vendorProject'),
      product: s('product'),
      vulnerabilityName: s('vulnerabilityName'),
      dateAdded: s('dateAdded'),
      shortDescription: s('shortDescription'),
      requiredAction: s('requiredAction'),
      dueDate: s('dueDate'),
      knownRansomwareCampaignUse: typeof v.knownRansomwareCampaignUse === 'string' && v.knownRansomwareCampaignUse.toLowerCase() === 'known' ? 'Known' : 'Unknown',
      notes: typeof v.notes === 'string' ? v.notes : '',
      cwes: Array.isArray(v.cwes) ? (v.cwes as string[]) : [],
    });
  });
  if (d.count !== d.vulnerabilities.length)
    problems.push({ source: 'kev', id: null, location: `${location}:$.count`, reason: `catalog states ${d.count} entries but holds ${d.vulnerabilities.length}` });
  return { title: d.title ?? null, catalogVersion: d.catalogVersion, dateReleased: d.dateReleased, count: d.count, entries, problems };
}

/**
 * The official CSAF 2.0 JSON schemas (document and provider metadata) with the FIRST CVSS schemas
 * they reference, compiled with ajv's 2020-12 engine once (lazily) and cached. The files are
 * bundled under `./schema/` (origin and licences in its README); nothing is fetched.
 *
 * ajv options, and why:
 * - `strict: false`: the FIRST schemas carry a `license` annotation and draft-04 style `id`s,
 *   which strict mode rejects; we take the official schemas as published.
 * - `allErrors: true`, so a rejected document lists every problem with its JSON path.
 * - formats `date-time` and `uri` (the only two the schemas use) come from ajv-formats.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS with `exports.default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const SCHEMA_DIR = join(import.meta.dirname, 'schema');

function load(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
}

/** A FIRST CVSS schema registered under the URL the CSAF schema uses for it. */
function cvssSchema(file: string, url: string): Record<string, unknown> {
  const { $schema: _schema, id: _id, $id: _dollarId, license: _licence, ...rest } = load(file);
  return { $id: url, ...rest };
}

interface Validators {
  readonly document: ValidateFunction;
  readonly provider: ValidateFunction;
}

let cached: Validators | null = null;

function validators(): Validators {
  if (cached) return cached;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv, ['date-time', 'uri']);
  ajv.addSchema(cvssSchema('cvss-v2.0.json', 'https://www.first.org/cvss/cvss-v2.0.json'));
  ajv.addSchema(cvssSchema('cvss-v3.0.json', 'https://www.first.org/cvss/cvss-v3.0.json'));
  ajv.addSchema(cvssSchema('cvss-v3.1.json', 'https://www.first.org/cvss/cvss-v3.1.json'));
  const csaf = load('csaf_json_schema.json');
  ajv.addSchema(csaf);
  const document = ajv.getSchema(String(csaf.$id));
  if (!document) throw new Error('CSAF schema did not compile');
  const provider = ajv.compile(load('provider_json_schema.json'));
  cached = { document, provider };
  return cached;
}

export interface SchemaIssue {
  /** JSON path of the offending value, `$` for the root (e.g. `$.document.tracking.status`). */
  readonly path: string;
  readonly message: string;
}

/** Converts an ajv instance path (`/a/0/b`) to a JSON path (`$.a[0].b`). */
export function toJsonPath(pointer: string): string {
  if (pointer === '') return '$';
  let out = '$';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/gu, '/').replace(/~0/gu, '~');
    if (/^\d+$/u.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/u.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function describe(e: ErrorObject): SchemaIssue {
  let path = toJsonPath(e.instancePath);
  let message = e.message ?? e.keyword;
  if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
    message = `required property '${e.params.missingProperty}' is missing`;
  } else if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
    path = toJsonPath(`${e.instancePath}/${e.params.additionalProperty}`);
    message = 'property is not allowed here';
  } else if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
    message = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { path, message };
}

/** Distinct issues, sorted by path; ajv's `oneOf`/`anyOf` bookkeeping is kept only when it is the sole issue at its path. */
function collect(errors: readonly ErrorObject[] | null | undefined): SchemaIssue[] {
  if (!errors || errors.length === 0) return [];
  const seen = new Set<string>();
  const out: SchemaIssue[] = [];
  const specific = new Set(errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword)).map((e) => e.instancePath));
  for (const e of errors) {
    if (['oneOf', 'anyOf', 'if'].includes(e.keyword) && specific.has(e.instancePath)) continue;
    const issue = describe(e);
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Validates a parsed JSON value against the CSAF 2.0 document schema; empty when valid. */
export function validateCsafDocument(doc: unknown): SchemaIssue[] {
  const v = validators().document;
  return v(doc) ? [] : collect(v.errors);
}

/** Validates a parsed `provider-metadata.json` against the CSAF 2.0 provider schema; empty when valid. */
export function validateProviderMetadata(doc: unknown): SchemaIssue[] {
  const v = validators().provider;
  return v(doc) ? [] : collect(v.errors);
}

/**
 * The official CycloneDX JSON schemas, compiled with ajv once per spec version (lazily) and cached.
 *
 * The schema files come from the `@cyclonedx/cyclonedx-library` package (`res/schema/`), which
 * ships the specification's schemas with their cross-references renamed to `*.SNAPSHOT.schema.json`
 * (see that folder's README). The package is located through Node's resolver, never by a path.
 *
 * ajv options, and why:
 * - `strict: false`. The official schemas are valid draft-07 but trip ajv's strict checks
 *   (`additionalItems` beside a non-tuple `items`, `required` inside `oneOf` branches naming
 *   properties defined elsewhere, the `meta:enum` annotation keyword). Strict mode is about
 *   catching mistakes in schemas we write; these we do not write and must take as published.
 * - `allErrors: true`, so a rejected document lists every problem, not only the first.
 * - formats are validated (`validateFormats` stays on): `date-time`, `date`, `uri` come from
 *   ajv-formats; `iri-reference` (RFC 3987) and `idn-email` (RFC 6531), which ajv-formats does not
 *   implement, are checked by the functions below rather than waved through.
 * - no remote loading: every `$ref` resolves to a bundled file.
 * - `uniqueItems` is rewritten to an equivalent keyword of ours (`x-vigil-unique-items`). ajv checks
 *   `uniqueItems` on arrays of objects by comparing every pair (O(n²) deep equality), which made a
 *   2,000-component document take ~1.5 s in `components` alone; ours keys each item by its
 *   fingerprint and compares in full only items that share one. Same rule, same instance path.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const SUPPORTED_SPEC_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;
export type SupportedSpecVersion = (typeof SUPPORTED_SPEC_VERSIONS)[number];

export function isSupportedSpecVersion(v: unknown): v is SupportedSpecVersion {
  return typeof v === 'string' && (SUPPORTED_SPEC_VERSIONS as readonly string[]).includes(v);
}

// ajv and ajv-formats are CommonJS with `exports.default`; under NodeNext the default import is
// the module object, so take `.default`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

type AjvInstance = InstanceType<typeof Ajv>;

/** Characters RFC 3987 never allows in an IRI reference (outside pct-encoding). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const IRI_FORBIDDEN = /[\u0000-\u0020\u007f-\u009f"<>\\^`{|}]/u;
const PCT_BAD = /%(?![0-9A-Fa-f]{2})/u;

/** RFC 3987 IRI-reference, checked for what can be checked without a full grammar. */
export function isIriReference(s: string): boolean {
  if (IRI_FORBIDDEN.test(s) || PCT_BAD.test(s)) return false;
  const hash = s.indexOf('#');
  if (hash !== -1 && s.indexOf('#', hash + 1) !== -1) return false;
  // a scheme, when present, must be ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
  const colon = s.indexOf(':');
  const firstDelim = s.search(/[/?#]/u);
  if (colon !== -1 && (firstDelim === -1 || colon < firstDelim)) {
    const scheme = s.slice(0, colon);
    // a relative reference's first segment cannot contain ':', so this must be a scheme
    if (!/^[A-Za-z][A-Za-z0-9+.-]*$/u.test(scheme)) return false;
  }
  return true;
}

/** RFC 6531 internationalised e-mail address: local@domain, non-ASCII allowed, no spaces. */
export function isIdnEmail(s: string): boolean {
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (/\s/u.test(s) || [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return false;
  if (!/^"(?:[^"\\]|\\.)*"$/u.test(local) && (/["(),:;<>@[\\\]]/u.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')))
    return false;
  if (domain.startsWith('[')) return /^\[[^\]]+\]$/u.test(domain);
  return domain.split('.').every((label) => label.length > 0 && label.length <= 63 && !label.startsWith('-') && !label.endsWith('-') && !/[!-,/:-@[-^`{-~]/u.test(label));
}

export const UNIQUE_ITEMS_KEYWORD = 'x-vigil-unique-items';

/**
 * A cheap, key-order-independent fingerprint: equal values always get equal fingerprints; unequal
 * values usually differ already in their top-level scalars (bom-ref, name, version, …). Items with
 * the same fingerprint are then compared in full.
 */
function fingerprint(v: unknown): string {
  if (v === null || typeof v !== 'object') return `${typeof v}:${String(v)}`;
  if (Array.isArray(v)) return `array:${v.length}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  for (const k of keys) {
    const x = o[k];
    out += `${k}\u0000${x === null || typeof x !== 'object' ? `${typeof x}:${String(x)}` : Array.isArray(x) ? `[${x.length}` : '{'}\u0001`;
  }
  return out;
}

/** JSON deep equality (object key order does not matter), as JSON Schema defines it for uniqueItems. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k], bo[k]));
}

interface KeywordErrorSink {
  errors?: Array<{ keyword: string; message: string; params: Record<string, unknown> }>;
}

/** Linear `uniqueItems` (expected): reports the first pair of identical items (indexes i < j). */
function uniqueItems(this: unknown, enabled: boolean, data: unknown): boolean {
  if (!enabled || !Array.isArray(data)) return true;
  const buckets = new Map<string, number[]>();
  for (let j = 0; j < data.length; j++) {
    const key = fingerprint(data[j]);
    const bucket = buckets.get(key);
    if (bucket === undefined) {
      buckets.set(key, [j]);
      continue;
    }
    const i = bucket.find((k) => jsonEqual(data[k], data[j]));
    if (i !== undefined) {
      (uniqueItems as KeywordErrorSink).errors = [
        { keyword: UNIQUE_ITEMS_KEYWORD, message: `must NOT have duplicate items (items ${i} and ${j} are identical)`, params: { i, j } },
      ];
      return false;
    }
    bucket.push(j);
  }
  return true;
}

/** Deep copy of a schema with every `uniqueItems` renamed to our linear keyword. */
function withLinearUniqueItems(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withLinearUniqueItems);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'uniqueItems' && typeof v === 'boolean') out[UNIQUE_ITEMS_KEYWORD] = v;
    else out[k] = withLinearUniqueItems(v);
  }
  return out;
}

function schemaDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
}

function readSchema(dir: string, file: string): Record<string, unknown> {
  return withLinearUniqueItems(JSON.parse(readFileSync(join(dir, file), 'utf8'))) as Record<string, unknown>;
}

let shared: { ajv: AjvInstance; dir: string } | null = null;
const compiled = new Map<SupportedSpecVersion, ValidateFunction>();

function ajvInstance(): { ajv: AjvInstance; dir: string } {
  if (shared) return shared;
  const dir = schemaDir();
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    addUsedSchema: false,
    validateFormats: true,
    loadSchema: (uri: string) => Promise.reject(new Error(`remote schema loading is disabled: ${uri}`)),
  });
  addFormats(ajv);
  ajv.addFormat('iri-reference', { type: 'string', validate: isIriReference });
  ajv.addFormat('idn-email', { type: 'string', validate: isIdnEmail });
  ajv.addKeyword({ keyword: UNIQUE_ITEMS_KEYWORD, type: 'array', schemaType: 'boolean', errors: true, validate: uniqueItems });
  // The bom schemas `$ref` these by their SNAPSHOT file names relative to http://cyclonedx.org/schema/.
  for (const file of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json', 'cryptography-defs.SNAPSHOT.schema.json']) {
    const schema = readSchema(dir, file);
    ajv.addSchema({ ...schema, $id: `http://cyclonedx.org/schema/${file}` });
  }
  shared = { ajv, dir };
  return shared;
}

/** The compiled validator for one spec version: compiled on first use, then reused. */
export function cycloneDxValidator(version: SupportedSpecVersion): ValidateFunction {
  const cached = compiled.get(version);
  if (cached) return cached;
  const { ajv, dir } = ajvInstance();
  const validate = ajv.compile(readSchema(dir, `bom-${version}.SNAPSHOT.schema.json`));
  compiled.set(version, validate);
  return validate;
}

export type SchemaError = ErrorObject;

/**
 * Package URLs (purl, ECMA-427 / github.com/package-url/purl-spec).
 *
 * Parsing and formatting are our own: packageurl-js v2 splits the string with the WHATWG URL
 * parser, which reads a literal `+` in a qualifier value as a space, trims names and values,
 * and percent-encodes `:` in qualifier values where the spec keeps it. We do use its
 * per-type normalisation and validation rules (`PurlType`), which follow PURL-TYPES, and add
 * the rules it lacks (required/prohibited namespaces, cpan, case of cpan authors).
 *
 * Every failure throws `VigilError('PURL_INVALID', …)` naming what is wrong.
 */
import { PurlType as LibraryPurlType } from 'packageurl-js';
import { VigilError } from '../errors.ts';

interface PurlTypeHelper {
  normalize(purl: MutablePurlFields): unknown;
  validate(purl: MutablePurlFields, throws: boolean): boolean;
}
/** packageurl-js per-type rules; its declared types want a PackageURL instance, the code reads plain fields. */
const PurlType = LibraryPurlType as unknown as Readonly<Record<string, PurlTypeHelper | undefined>>;

export type PurlQualifiers = Readonly<Record<string, string>>;

/** The decoded components of a package URL. Absent components are `null`. */
export interface Purl {
  readonly type: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly version: string | null;
  /** Keys are lowercase; never empty (an empty qualifier set is `null`). */
  readonly qualifiers: PurlQualifiers | null;
  readonly subpath: string | null;
}

/** Components as a caller may supply them to `buildPurl` (any of them possibly missing). */
export interface PurlComponents {
  readonly type?: string | null;
  readonly namespace?: string | null;
  readonly name?: string | null;
  readonly version?: string | null;
  readonly qualifiers?: Readonly<Record<string, string | null | undefined>> | null;
  readonly subpath?: string | null;
}

/** Shape the packageurl-js type helpers read and write. */
interface MutablePurlFields {
  type: string;
  namespace: string | undefined;
  name: string;
  version: string | undefined;
  qualifiers: Record<string, string> | undefined;
  subpath: string | undefined;
}

function invalid(input: string, reason: string): VigilError {
  return new VigilError('PURL_INVALID', `invalid purl '${input}': ${reason}`, { input, reason });
}

// ---------------------------------------------------------------------------------------------
// Type-specific rules beyond packageurl-js

type Presence = 'required' | 'prohibited';

/** Namespace requirement per type, from the purl-spec type definitions (PURL-TYPES). */
const NAMESPACE_RULE: Readonly<Record<string, Presence>> = {
  alpm: 'required',
  apk: 'required',
  bitbucket: 'required',
  composer: 'required',
  deb: 'required',
  github: 'required',
  maven: 'required',
  qpkg: 'required',
  rpm: 'required',
  swift: 'required',
  bitnami: 'prohibited',
  cargo: 'prohibited',
  cocoapods: 'prohibited',
  conda: 'prohibited',
  cran: 'prohibited',
  gem: 'prohibited',
  hackage: 'prohibited',
  mlflow: 'prohibited',
  nuget: 'prohibited',
  oci: 'prohibited',
  pub: 'prohibited',
  pypi: 'prohibited',
};

/** packageurl-js validators we do not apply, with the reason. */
const SKIPPED_LIBRARY_VALIDATORS: ReadonlySet<string> = new Set([
  // It rejects any golang version starting with "v" that is not strict semver ("v1.2"), which
  // the spec does not require and which real SBOMs contain.
  'golang',
]);

function applyTypeRules(fields: MutablePurlFields, input: string): void {
  const helper = PurlType[fields.type];
  if (helper) {
    helper.normalize(fields);
    if (!SKIPPED_LIBRARY_VALIDATORS.has(fields.type)) {
      try {
        helper.validate(fields, true);
      } catch (err) {
        throw invalid(input, (err as Error).message.replace(/^Invalid purl: /i, ''));
      }
    }
  }
  const rule = NAMESPACE_RULE[fields.type];
  if (rule === 'required' && !fields.namespace) throw invalid(input, `type '${fields.type}' requires a namespace`);
  if (rule === 'prohibited' && fields.namespace) throw invalid(input, `type '${fields.type}' must not have a namespace`);
  if (fields.type === 'cpan') {
    // A namespace is a PAUSE author id (uppercase) and the name a distribution name ("Perl-Version");
    // without a namespace the name is a module name ("URI::PackageURL").
    if (fields.namespace) {
      fields.namespace = fields.namespace.toUpperCase();
      if (fields.name.includes('::')) throw invalid(input, `cpan distribution name '${fields.name}' must not contain '::'`);
    } else if (fields.name.includes('-')) {
      throw invalid(input, `cpan module name '${fields.name}' must not contain '-' (a distribution needs an author namespace)`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Component checks shared by parse and build

const TYPE_RE = /^[a-zA-Z.+-][a-zA-Z0-9.+-]*$/;
const QUALIFIER_KEY_RE = /^[a-z.\-_][a-z0-9.\-_]*$/;

function checkType(type: string | null | undefined, input: string): string {
  if (type === null || type === undefined || type === '') throw invalid(input, 'the type is required');
  if (/^[0-9]/.test(type)) throw invalid(input, `type '${type}' must not start with a number`);
  if (!TYPE_RE.test(type)) throw invalid(input, `type '${type}' may contain only ASCII letters, digits, '.', '+' and '-'`);
  return type.toLowerCase();
}

function checkQualifierKey(key: string, input: string): string {
  const lower = key.toLowerCase();
  if (lower === '') throw invalid(input, 'a qualifier key must not be empty');
  if (/^[0-9]/.test(lower)) throw invalid(input, `qualifier key '${key}' must not start with a number`);
  if (!QUALIFIER_KEY_RE.test(lower)) throw invalid(input, `qualifier key '${key}' may contain only ASCII letters, digits, '.', '-' and '_'`);
  return lower;
}

function splitSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function isDotSegment(segment: string): boolean {
  return segment === '.' || segment === '..';
}

/** Turns loosely supplied components into a normalised Purl (shared tail of parse and build). */
function finish(
  input: string,
  type: string,
  namespaceSegments: readonly string[],
  name: string | null | undefined,
  version: string | null | undefined,
  qualifiers: Record<string, string>,
  subpath: string | null,
): Purl {
  if (name === null || name === undefined || name === '') throw invalid(input, 'the name is required');
  for (const seg of namespaceSegments) {
    if (seg.includes('/')) throw invalid(input, `namespace segment '${seg}' must not contain '/'`);
  }
  const keys = Object.keys(qualifiers);
  const fields: MutablePurlFields = {
    type,
    namespace: namespaceSegments.length > 0 ? namespaceSegments.join('/') : undefined,
    name,
    version: version === null || version === undefined || version === '' ? undefined : version,
    qualifiers: keys.length > 0 ? qualifiers : undefined,
    subpath: undefined,
  };
  applyTypeRules(fields, input);
  const sortedQualifiers = fields.qualifiers && Object.keys(fields.qualifiers).length > 0 ? sortRecord(fields.qualifiers) : null;
  return {
    type: fields.type,
    namespace: fields.namespace ?? null,
    name: fields.name,
    version: fields.version ?? null,
    qualifiers: sortedQualifiers,
    subpath: subpath === null || subpath === '' ? null : subpath,
  };
}

function sortRecord(record: Readonly<Record<string, string>>): PurlQualifiers {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort(compareCodeUnits)) out[key] = record[key]!;
  return Object.freeze(out);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Percent-encoding

function decode(part: string, what: string, input: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalid(input, `${what} '${part}' has a malformed percent-encoding`);
  }
}

/** Characters left as-is in canonical form: RFC 3986 unreserved plus ':' (ECMA-427). */
const SAFE = /[A-Za-z0-9._~:-]/;

function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    if (SAFE.test(ch)) out += ch;
    else if (/^[\uD800-\uDFFF]$/u.test(ch)) throw invalid(text, 'contains a lone UTF-16 surrogate, which has no UTF-8 encoding');
    else out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Parses a purl string into normalised components; throws VigilError PURL_INVALID. */
export function parsePurl(input: string): Purl {
  if (typeof input !== 'string') throw invalid(String(input), 'a purl must be a string');
  let rest = input;

  // Subpath: right of the last '#'. '.' and '..' are discarded before decoding (as the spec orders).
  let subpath: string | null = null;
  const hash = rest.lastIndexOf('#');
  if (hash !== -1) {
    const raw = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
    const segments = splitSegments(raw)
      .filter((s) => !isDotSegment(s))
      .map((s) => decode(s, 'subpath segment', input));
    subpath = segments.length > 0 ? segments.join('/') : null;
  }

  // Qualifiers: right of the last '?'.
  const qualifiers: Record<string, string> = {};
  const question = rest.lastIndexOf('?');
  if (question !== -1) {
    const raw = rest.slice(question + 1);
    rest = rest.slice(0, question);
    for (const pair of raw.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (eq === -1) throw invalid(input, `qualifier '${pair}' has no '='`);
      const key = checkQualifierKey(pair.slice(0, eq), input);
      const value = decode(pair.slice(eq + 1), `qualifier '${key}' value`, input);
      if (Object.hasOwn(qualifiers, key)) throw invalid(input, `qualifier '${key}' appears more than once`);
      if (value !== '') qualifiers[key] = value;
    }
  }

  // Scheme.
  const colon = rest.indexOf(':');
  if (colon === -1) throw invalid(input, "the 'pkg:' scheme is required");
  if (rest.slice(0, colon).toLowerCase() !== 'pkg') throw invalid(input, `scheme '${rest.slice(0, colon)}' is not 'pkg'`);
  rest = rest.slice(colon + 1).replace(/^\/+/, '');

  // Type.
  const slash = rest.indexOf('/');
  if (slash === -1) throw invalid(input, rest === '' ? 'the type is required' : `no name after type '${rest}' (expected pkg:type/name)`);
  const type = checkType(rest.slice(0, slash), input);
  rest = rest.slice(slash + 1).replace(/\/+$/, '');

  // Version: the last '@' in the last path segment (so an unencoded npm scope '@' stays in the namespace).
  const lastSlash = rest.lastIndexOf('/');
  const at = rest.lastIndexOf('@');
  let version: string | null = null;
  if (at !== -1 && at > lastSlash) {
    version = decode(rest.slice(at + 1), 'version', input);
    rest = rest.slice(0, at);
  }

  // Name and namespace.
  const nameStart = rest.lastIndexOf('/');
  const name = decode(rest.slice(nameStart + 1), 'name', input);
  const namespaceSegments = nameStart === -1 ? [] : splitSegments(rest.slice(0, nameStart)).map((s) => decode(s, 'namespace segment', input));

  return finish(input, type, namespaceSegments, name, version, qualifiers, subpath);
}

/** Builds a normalised Purl from decoded components (as in an SBOM); throws VigilError PURL_INVALID. */
export function buildPurl(components: PurlComponents): Purl {
  const label = describeComponents(components);
  const type = checkType(components.type, label);
  const namespaceSegments = components.namespace ? splitSegments(components.namespace) : [];
  const qualifiers: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(components.qualifiers ?? {})) {
    const key = checkQualifierKey(rawKey, label);
    if (Object.hasOwn(qualifiers, key)) throw invalid(label, `qualifier '${key}' appears more than once`);
    if (value !== null && value !== undefined && value !== '') qualifiers[key] = value;
  }
  const subpath = components.subpath ? cleanSubpath(components.subpath) : null;
  return finish(label, type, namespaceSegments, components.name, components.version, qualifiers, subpath);
}

function describeComponents(c: PurlComponents): string {
  return `${c.type ?? '?'}/${c.namespace ? `${c.namespace}/` : ''}${c.name ?? '?'}${c.version ? `@${c.version}` : ''}`;
}

function cleanSubpath(subpath: string): string {
  return splitSegments(subpath)
    .filter((s) => !isDotSegment(s))
    .join('/');
}

/** The canonical purl string of normalised components. */
export function formatPurl(purl: Purl): string {
  let out = `pkg:${purl.type}/`;
  if (purl.namespace) out += `${splitSegments(purl.namespace).map(encode).join('/')}/`;
  out += encode(purl.name);
  if (purl.version !== null && purl.version !== '') out += `@${encode(purl.version)}`;
  if (purl.qualifiers) {
    const pairs = Object.keys(purl.qualifiers)
      .sort(compareCodeUnits)
      .filter((k) => purl.qualifiers![k] !== '')
      .map((k) => `${k}=${encode(purl.qualifiers![k]!)}`);
    if (pairs.length > 0) out += `?${pairs.join('&')}`;
  }
  if (purl.subpath) {
    const segments = splitSegments(purl.subpath).filter((s) => !isDotSegment(s));
    if (segments.length > 0) out += `#${segments.map(encode).join('/')}`;
  }
  return out;
}

/** Parses and re-formats a purl string into its canonical form. */
export function normalizePurl(input: string): string {
  return formatPurl(parsePurl(input));
}

/** Accepts a purl string or object and returns the normalised object. */
function toPurl(purl: Purl | string): Purl {
  return typeof purl === 'string' ? parsePurl(purl) : purl;
}

/**
 * The identity used for matching: canonical `pkg:type/namespace/name` without version,
 * qualifiers or subpath. Two components are "the same package" when their keys are equal.
 */
export function packageKey(purl: Purl | string): string {
  const p = toPurl(purl);
  return formatPurl({ type: p.type, namespace: p.namespace, name: p.name, version: null, qualifiers: null, subpath: null });
}

/** True when the string parses as a purl. */
export function isValidPurl(input: string): boolean {
  try {
    parsePurl(input);
    return true;
  } catch {
    return false;
  }
}

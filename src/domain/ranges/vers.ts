/**
 * vers: the VErsion Range Specifier (https://github.com/package-url/vers-spec).
 *
 *   vers:<type>/<constraint>|<constraint>|…
 *
 * Three levels of strictness:
 * - `parseVers` (strict) accepts only canonical text, as the spec requires of tools, and reports
 *   the first problem ("non-canonical VERS: …").
 * - `normalizeVers` accepts common non-canonical input (blanks, case, unsorted constraints, empty
 *   constraints, lowercase percent-encoding) and returns the same constraints sorted and encoded
 *   canonically, without changing their meaning.
 * - `canonicalizeVers` also rewrites the meaning-preserving minimum: duplicates removed,
 *   overlapping and adjacent intervals merged, so that the result passes `validateVers`.
 *
 * Containment (`containsVersion`, `compileVers`) follows the spec's reading of a sorted
 * constraint list: `=` versions are in, `!=` versions are out, and the remaining `<`/`>`
 * constraints alternate to form intervals. A version or range that cannot be parsed under the
 * type's scheme gives `indeterminate`, never `not-affected`.
 */
import { affected, indeterminate, notAffected, type RangeResult } from './result.ts';
import { CachedScheme, lookupVersType } from './schemes.ts';

export type VersComparator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '*';

export interface VersConstraint {
  readonly comparator: VersComparator;
  /** The decoded version ('' for `*`). */
  readonly version: string;
}

export interface Vers {
  /** The vers type, lowercase (e.g. `npm`, `pypi`, `deb`). */
  readonly type: string;
  readonly constraints: readonly VersConstraint[];
}

export type VersResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const NC = 'non-canonical VERS: ';
/** Characters that must be percent-encoded in a version. */
const MUST_ENCODE = new Set(['>', '<', '=', '!', '*', '|', '%']);
const COMPARATORS: readonly VersComparator[] = ['>=', '<=', '!=', '<', '>', '='];
const TYPE_RE = /^[a-z][a-z0-9.-]*$/;
const UTF8 = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

function fail<T>(reason: string): VersResult<T> {
  return { ok: false, reason };
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

function mustEncode(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return MUST_ENCODE.has(ch) || code <= 0x20 || code >= 0x7f;
}

/** Decodes a version's percent-encoding; strict mode rejects any non-canonical encoding. */
function decodeVersion(raw: string, type: string, strict: boolean): VersResult<string> {
  // 1. well-formed triplets
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%' && (!isHex(raw[i + 1]) || !isHex(raw[i + 2]))) return fail(`${NC}invalid percent-encoding in version`);
  }
  if (strict) {
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '%' && /[a-f]/.test(raw.slice(i + 1, i + 3))) return fail(`${NC}percent-encoding in version is not canonical`);
    }
    if (type === 'datetime' && /%3A/i.test(raw)) return fail(`${NC}datetime time colons must be unencoded`);
  }
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%') {
      const byte = parseInt(raw.slice(i + 1, i + 3), 16);
      if (strict && byte < 0x80 && !mustEncode(String.fromCharCode(byte))) {
        return fail(`${NC}percent-encoding in version is not canonical ('${String.fromCharCode(byte)}' need not be encoded)`);
      }
      bytes.push(byte);
      i += 2;
    } else {
      const ch = raw[i]!;
      if (ch !== '%' && mustEncode(ch) && ch.charCodeAt(0) > 0x20) return fail(`${strict ? NC : 'invalid VERS: '}'${ch}' in a version must be percent-encoded`);
      for (const b of UTF8.encode(ch)) bytes.push(b);
    }
  }
  const decoded = UTF8_DECODER.decode(new Uint8Array(bytes));
  if (strict && type === 'datetime' && /[tz]/.test(decoded)) return fail(`${NC}datetime must use uppercase T and Z`);
  return { ok: true, value: decoded };
}

/** Percent-encodes a version for a vers string (only the characters the spec requires). */
export function encodeVersion(version: string): string {
  let out = '';
  for (const ch of version) {
    if (mustEncode(ch)) {
      for (const b of UTF8.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    } else out += ch;
  }
  return out;
}

function splitComparator(text: string): { comparator: VersComparator; rest: string } {
  if (text === '*') return { comparator: '*', rest: '' };
  for (const c of COMPARATORS) if (text.startsWith(c)) return { comparator: c, rest: text.slice(c.length) };
  return { comparator: '=', rest: text };
}

export interface ParseVersOptions {
  /** Accept non-canonical input (blanks, upper case, empty constraints, unsorted); default false. */
  readonly lenient?: boolean;
}

/**
 * Parses a vers string. Strict by default: non-canonical input is an error, as the spec
 * requires. Ordering is checked when Vigil has a comparator for the type.
 */
export function parseVers(text: string, options: ParseVersOptions = {}): VersResult<Vers> {
  const lenient = options.lenient === true;
  if (typeof text !== 'string') return fail('invalid VERS: not a string');
  let s = text;
  if (/\s/.test(s)) {
    if (!lenient) return fail(`${NC}whitespace is not permitted`);
    s = s.replace(/\s+/g, '');
  }
  const colon = s.indexOf(':');
  if (colon < 0) return fail('invalid VERS: missing "vers:" scheme');
  const scheme = s.slice(0, colon);
  if (scheme !== 'vers') {
    if (!(lenient && scheme.toLowerCase() === 'vers')) {
      return fail(scheme.toLowerCase() === 'vers' ? `${NC}scheme must be lowercase "vers"` : `invalid VERS: scheme must be "vers", not "${scheme}"`);
    }
  }
  const rest = s.slice(colon + 1);
  const slash = rest.indexOf('/');
  if (slash < 0) return fail('invalid VERS: missing "/" after the type');
  let type = rest.slice(0, slash);
  if (type.length === 0) return fail('invalid VERS: empty type');
  if (type !== type.toLowerCase()) {
    if (!lenient) return fail(`${NC}type must be lowercase`);
    type = type.toLowerCase();
  }
  if (!TYPE_RE.test(type)) return fail(`invalid VERS: type '${type}' must start with a letter and contain only letters, digits, '.' and '-'`);
  const body = rest.slice(slash + 1);
  if (body.length === 0) return fail('invalid VERS: no constraints');
  let parts = body.split('|');
  if (!lenient) {
    if (parts[0] === '') return fail(`${NC}leading pipe is not permitted`);
    if (parts[parts.length - 1] === '') return fail(`${NC}trailing pipe is not permitted`);
    if (parts.includes('')) return fail(`${NC}consecutive pipes are not permitted`);
  } else {
    parts = parts.filter((p) => p.length > 0);
    if (parts.length === 0) return fail('invalid VERS: no constraints');
  }
  const constraints: VersConstraint[] = [];
  for (const part of parts) {
    const { comparator, rest: raw } = splitComparator(part);
    if (comparator === '*') {
      constraints.push({ comparator, version: '' });
      continue;
    }
    if (raw.length === 0) return fail(`invalid VERS: constraint '${part}' has no version`);
    const decoded = decodeVersion(raw, type, !lenient);
    if (!decoded.ok) return decoded;
    constraints.push({ comparator, version: decoded.value });
  }
  if (constraints.some((c) => c.comparator === '*') && constraints.length > 1) {
    return fail(lenient && constraints.every((c) => c.comparator === '*') ? 'invalid VERS: "*" must occur only once' : 'invalid VERS: "*" must be used alone, without other constraints');
  }
  if (constraints.length > 1 && constraints.every((c) => c.comparator === '*')) return fail('invalid VERS: "*" must occur only once');
  const vers: Vers = { type, constraints };
  if (!lenient && constraints.length > 1) {
    const lookup = lookupVersType(type);
    if (lookup.ok) {
      const scheme = new CachedScheme(lookup.scheme);
      for (let i = 1; i < constraints.length; i++) {
        const a = constraints[i - 1]!.version;
        const b = constraints[i]!.version;
        const pa = scheme.parse(a);
        if (!pa.ok) return fail(`invalid VERS: '${a}' is not a valid ${scheme.id} version: ${pa.reason}`);
        const pb = scheme.parse(b);
        if (!pb.ok) return fail(`invalid VERS: '${b}' is not a valid ${scheme.id} version: ${pb.reason}`);
        if (scheme.compareParsed(pa.value, pb.value) > 0) return fail(`${NC}constraints are not sorted by version`);
      }
    }
  }
  return { ok: true, value: vers };
}

/** The vers string for constraints, in the order given (`=` omitted, versions percent-encoded). */
export function formatVers(vers: Vers): string {
  const parts = vers.constraints.map((c) => (c.comparator === '*' ? '*' : `${c.comparator === '=' ? '' : c.comparator}${encodeVersion(c.version)}`));
  return `vers:${vers.type}/${parts.join('|')}`;
}

/** Text of one constraint as written in a vers string. */
export function formatConstraint(c: VersConstraint): string {
  return c.comparator === '*' ? '*' : `${c.comparator === '=' ? '' : c.comparator}${encodeVersion(c.version)}`;
}

function comparatorRank(c: VersComparator): string {
  return c;
}

/**
 * Sorts constraints by version under the type's scheme (ties: by comparator text, so `<`
 * comes before `>=` at the same version). Stable. Fails when a version does not parse.
 */
export function sortConstraints(vers: Vers, scheme: CachedScheme): VersResult<Vers> {
  const keyed: { c: VersConstraint; p: unknown; i: number }[] = [];
  for (const [i, c] of vers.constraints.entries()) {
    if (c.comparator === '*') {
      keyed.push({ c, p: undefined, i });
      continue;
    }
    const p = scheme.parse(c.version);
    if (!p.ok) return fail(`'${c.version}' is not a valid ${scheme.id} version: ${p.reason}`);
    keyed.push({ c, p: p.value, i });
  }
  keyed.sort((x, y) => {
    if (x.c.comparator === '*' || y.c.comparator === '*') return x.i - y.i;
    const o = scheme.compareParsed(x.p, y.p);
    if (o !== 0) return o;
    const rx = comparatorRank(x.c.comparator);
    const ry = comparatorRank(y.c.comparator);
    return rx < ry ? -1 : rx > ry ? 1 : x.i - y.i;
  });
  return { ok: true, value: { type: vers.type, constraints: keyed.map((k) => k.c) } };
}

/**
 * Normalises a vers string without changing its meaning: blanks removed, scheme and type
 * lowercased, empty constraints dropped, percent-encoding made canonical, constraints sorted.
 * Constraints are otherwise kept as written (use `canonicalizeVers` to simplify).
 */
export function normalizeVers(text: string): VersResult<string> {
  const parsed = parseVers(text, { lenient: true });
  if (!parsed.ok) return parsed;
  const lookup = lookupVersType(parsed.value.type);
  if (!lookup.ok) {
    if (parsed.value.constraints.length <= 1) return { ok: true, value: formatVers(parsed.value) };
    return fail(`cannot sort constraints: ${lookup.reason}`);
  }
  const sorted = sortConstraints(parsed.value, new CachedScheme(lookup.scheme));
  if (!sorted.ok) return sorted;
  return { ok: true, value: formatVers(sorted.value) };
}

/**
 * Checks the spec's validity rules on a (sorted) constraint list: `*` alone, unique versions,
 * canonical order, `=` followed only by `=`, `>` or `>=`, and alternating `>`/`<` once `=` and
 * `!=` are ignored. Returns the problems found (empty when valid).
 */
export function validateConstraints(vers: Vers, scheme: CachedScheme): string[] {
  const problems: string[] = [];
  const cs = vers.constraints;
  if (cs.some((c) => c.comparator === '*')) {
    if (cs.length > 1) problems.push('"*" must be used alone');
    return problems;
  }
  const parsed: unknown[] = [];
  for (const c of cs) {
    const p = scheme.parse(c.version);
    if (!p.ok) {
      problems.push(`'${c.version}' is not a valid ${scheme.id} version: ${p.reason}`);
      return problems;
    }
    parsed.push(p.value);
  }
  for (let i = 1; i < cs.length; i++) {
    const o = scheme.compareParsed(parsed[i - 1], parsed[i]);
    if (o > 0) problems.push(`constraints are not sorted by version ('${cs[i - 1]!.version}' before '${cs[i]!.version}')`);
    if (o === 0) problems.push(`version '${cs[i]!.version}' occurs more than once`);
  }
  const noNe = cs.filter((c) => c.comparator !== '!=');
  for (let i = 0; i + 1 < noNe.length; i++) {
    const a = noNe[i]!;
    const b = noNe[i + 1]!;
    if (a.comparator === '=' && !(b.comparator === '=' || b.comparator === '>' || b.comparator === '>=')) {
      problems.push(`'=${a.version}' may only be followed by '=', '>' or '>=', not '${b.comparator}${b.version}'`);
    }
  }
  const bounds = cs.filter((c) => c.comparator !== '!=' && c.comparator !== '=');
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i]!;
    const b = bounds[i + 1]!;
    const aLow = a.comparator === '>' || a.comparator === '>=';
    const bLow = b.comparator === '>' || b.comparator === '>=';
    if (aLow === bLow) problems.push(`'${a.comparator}${a.version}' followed by '${b.comparator}${b.version}': '<' and '>' constraints must alternate`);
  }
  return problems;
}

/** Validates a vers string: strict canonical syntax plus the spec's validity rules. */
export function validateVers(text: string): VersResult<Vers> {
  const parsed = parseVers(text);
  if (!parsed.ok) return parsed;
  const lookup = lookupVersType(parsed.value.type);
  if (!lookup.ok) return fail(`cannot validate: ${lookup.reason}`);
  const problems = validateConstraints(parsed.value, new CachedScheme(lookup.scheme));
  if (problems.length > 0) return fail(`invalid VERS: ${problems[0]}`);
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Version sets: the meaning of a constraint list, used for containment and canonicalisation.

interface Bound {
  readonly version: string;
  readonly parsed: unknown;
  readonly inclusive: boolean;
}

/** An interval; a missing bound is unbounded. `holes` are versions excluded by `!=`. */
interface Interval {
  lo: Bound | undefined;
  hi: Bound | undefined;
  holes: { version: string; parsed: unknown }[];
}

/** A constraint list compiled for repeated containment checks under one scheme. */
export interface CompiledVers {
  readonly vers: Vers;
  readonly text: string;
  readonly scheme: CachedScheme;
  /** Tests one version string. */
  test(version: string): RangeResult;
  /** Tests an already parsed version (value from the scheme's `parse`). */
  testParsed(version: string, parsed: unknown): RangeResult;
  /** The matcher's hot path: membership of an already parsed version, without a reason. */
  includesParsed(parsed: unknown): boolean;
}

interface ParsedConstraint {
  readonly c: VersConstraint;
  readonly p: unknown;
}

function boundText(b: Bound, side: 'lo' | 'hi'): string {
  return side === 'lo' ? `${b.inclusive ? '>=' : '>'}${b.version}` : `${b.inclusive ? '<=' : '<'}${b.version}`;
}

function intervalText(iv: Interval): string {
  const parts: string[] = [];
  if (iv.lo) parts.push(boundText(iv.lo, 'lo'));
  for (const h of iv.holes) parts.push(`!=${h.version}`);
  if (iv.hi) parts.push(boundText(iv.hi, 'hi'));
  return parts.length ? parts.join('|') : '*';
}

function intervalPhrase(version: string, iv: Interval): string {
  const hi = iv.hi ? `${iv.hi.inclusive ? '≤' : '<'} ${iv.hi.version}` : '';
  const a = iv.lo ? `${iv.lo.inclusive ? '≥' : '>'} ${iv.lo.version}` : '';
  if (a && hi) return `${version} ${a} and ${hi}`;
  if (a) return `${version} ${a}`;
  if (hi) return `${version} ${hi}`;
  return `${version} is in an unbounded range`;
}

/**
 * Reads a sorted constraint list as the spec does: `=` points, `!=` exclusions, and intervals
 * formed by alternating lower and upper bounds. Fails when the list is not a valid range.
 */
function readConstraints(vers: Vers, scheme: CachedScheme): VersResult<{ star: boolean; points: ParsedConstraint[]; excluded: ParsedConstraint[]; intervals: Interval[] }> {
  const cs = vers.constraints;
  if (cs.length === 1 && cs[0]!.comparator === '*') return { ok: true, value: { star: true, points: [], excluded: [], intervals: [] } };
  const points: ParsedConstraint[] = [];
  const excluded: ParsedConstraint[] = [];
  const bounds: ParsedConstraint[] = [];
  for (const c of cs) {
    if (c.comparator === '*') return fail('"*" must be used alone');
    const p = scheme.parse(c.version);
    if (!p.ok) return fail(`'${c.version}' is not a valid ${scheme.id} version: ${p.reason}`);
    const pc = { c, p: p.value };
    if (c.comparator === '=') points.push(pc);
    else if (c.comparator === '!=') excluded.push(pc);
    else bounds.push(pc);
  }
  const intervals: Interval[] = [];
  const isLow = (x: ParsedConstraint): boolean => x.c.comparator === '>' || x.c.comparator === '>=';
  const bound = (x: ParsedConstraint): Bound => ({ version: x.c.version, parsed: x.p, inclusive: x.c.comparator === '>=' || x.c.comparator === '<=' });
  let i = 0;
  if (bounds.length > 0 && !isLow(bounds[0]!)) {
    intervals.push({ lo: undefined, hi: bound(bounds[0]!), holes: [] });
    i = 1;
  }
  while (i < bounds.length) {
    const lo = bounds[i]!;
    if (!isLow(lo)) return fail(`'${lo.c.comparator}${lo.c.version}' follows another upper bound: '<' and '>' constraints must alternate`);
    const hi = bounds[i + 1];
    if (!hi) {
      intervals.push({ lo: bound(lo), hi: undefined, holes: [] });
      break;
    }
    if (isLow(hi)) return fail(`'${hi.c.comparator}${hi.c.version}' follows another lower bound: '<' and '>' constraints must alternate`);
    if (scheme.compareParsed(lo.p, hi.p) > 0) return fail(`constraints are not sorted by version ('${lo.c.version}' before '${hi.c.version}')`);
    intervals.push({ lo: bound(lo), hi: bound(hi), holes: [] });
    i += 2;
  }
  return { ok: true, value: { star: false, points, excluded, intervals } };
}

function inInterval(scheme: CachedScheme, v: unknown, iv: Interval): boolean {
  if (iv.lo) {
    const o = scheme.compareParsed(v, iv.lo.parsed);
    if (o < 0 || (o === 0 && !iv.lo.inclusive)) return false;
  }
  if (iv.hi) {
    const o = scheme.compareParsed(v, iv.hi.parsed);
    if (o > 0 || (o === 0 && !iv.hi.inclusive)) return false;
  }
  return true;
}

/**
 * Compiles a vers (any order; it is sorted first) for containment checks. Fails with a reason
 * when the type has no comparator, a version does not parse, or the list is not a valid range.
 */
export function compileVers(input: string | Vers): VersResult<CompiledVers> {
  let vers: Vers;
  if (typeof input === 'string') {
    const parsed = parseVers(input, { lenient: true });
    if (!parsed.ok) return parsed;
    vers = parsed.value;
  } else vers = input;
  if (vers.type === 'all' || vers.type === 'none') {
    if (vers.constraints.length !== 1 || vers.constraints[0]!.comparator !== '*') return fail(`'vers:${vers.type}/*' is the only valid form for type '${vers.type}'`);
    const all = vers.type === 'all';
    const text = formatVers(vers);
    const result = (version: string): RangeResult =>
      all ? affected(`${version}: vers:all/* contains every version`, undefined, '*') : notAffected(`${version}: vers:none/* contains no version`, undefined, '*');
    return {
      ok: true,
      value: {
        vers,
        text,
        scheme: undefined as unknown as CachedScheme,
        test: result,
        testParsed: (version) => result(version),
        includesParsed: () => all,
      },
    };
  }
  const lookup = lookupVersType(vers.type);
  if (!lookup.ok) return fail(lookup.reason);
  const scheme = new CachedScheme(lookup.scheme);
  const sorted = sortConstraints(vers, scheme);
  if (!sorted.ok) return sorted;
  const dup = findDuplicate(sorted.value, scheme);
  if (dup) return fail(`version '${dup}' occurs more than once in the range`);
  const read = readConstraints(sorted.value, scheme);
  if (!read.ok) return read;
  const { star, points, excluded, intervals } = read.value;
  const text = formatVers(sorted.value);
  const id = scheme.id;
  const onlyExclusions = !star && points.length === 0 && intervals.length === 0 && excluded.length > 0;
  const testParsed = (version: string, v: unknown): RangeResult => {
    if (star) return affected(`${version} matches ${text}: '*' contains every version (${id})`, id, '*');
    for (const pt of points) {
      if (scheme.compareParsed(v, pt.p) === 0) return affected(`${version} = ${pt.c.version} (${id})`, id, `=${pt.c.version}`);
    }
    for (const ex of excluded) {
      if (scheme.compareParsed(v, ex.p) === 0) return notAffected(`${version} is excluded by !=${ex.c.version} in ${text} (${id})`, id, `!=${ex.c.version}`);
    }
    if (onlyExclusions) return affected(`${version} is not excluded by ${text}, which contains every other version (${id})`, id, text.slice(text.indexOf('/') + 1));
    for (const iv of intervals) {
      if (inInterval(scheme, v, iv)) return affected(`${intervalPhrase(version, iv)} (${id})`, id, intervalText(iv));
    }
    return notAffected(`${version} is outside ${text} (${id})`, id);
  };
  const includesParsed = (v: unknown): boolean => {
    if (star) return true;
    for (const pt of points) if (scheme.compareParsed(v, pt.p) === 0) return true;
    for (const ex of excluded) if (scheme.compareParsed(v, ex.p) === 0) return false;
    if (onlyExclusions) return true;
    for (const iv of intervals) if (inInterval(scheme, v, iv)) return true;
    return false;
  };
  const test = (version: string): RangeResult => {
    const p = scheme.parse(version);
    if (!p.ok) return indeterminate(`'${version}' is not a valid ${id} version (${p.reason}); cannot evaluate ${text}`, id);
    return testParsed(version, p.value);
  };
  return { ok: true, value: { vers: sorted.value, text, scheme, test, testParsed, includesParsed } };
}

function findDuplicate(vers: Vers, scheme: CachedScheme): string | undefined {
  const cs = vers.constraints;
  for (let i = 1; i < cs.length; i++) {
    const a = cs[i - 1]!;
    const b = cs[i]!;
    if (a.comparator === '*' || b.comparator === '*') continue;
    if (scheme.compare(a.version, b.version) === 0) return b.version;
  }
  return undefined;
}

/**
 * Is `version` in the range? Accepts a vers string (leniently: unsorted or spaced input is
 * read as its normalised form) or a parsed Vers. Never throws; unparseable input is
 * `indeterminate` with the reason.
 */
export function containsVersion(range: string | Vers, version: string): RangeResult {
  const compiled = compileVers(range);
  if (!compiled.ok) {
    const text = typeof range === 'string' ? range : formatVers(range);
    return indeterminate(`cannot evaluate ${text}: ${compiled.reason}`);
  }
  return compiled.value.test(version);
}

// ---------------------------------------------------------------------------------------------
// Canonicalisation: the minimal valid constraint list with the same meaning.

/**
 * A union of intervals (points are intervals with equal inclusive bounds) minus excluded
 * versions, written as the minimal valid vers. Used by canonicalisation and by the native
 * range converters, which build their ranges as unions.
 */
export class VersionSet {
  private readonly intervals: Interval[] = [];
  private readonly excluded: { version: string; parsed: unknown }[] = [];
  private everything = false;

  constructor(readonly scheme: CachedScheme) {}

  /** Adds [lo, hi] (either side open-ended when undefined). */
  addInterval(lo: { version: string; inclusive: boolean } | undefined, hi: { version: string; inclusive: boolean } | undefined): VersResult<void> {
    const mk = (b: { version: string; inclusive: boolean } | undefined): VersResult<Bound | undefined> => {
      if (!b) return { ok: true, value: undefined };
      const p = this.scheme.parse(b.version);
      if (!p.ok) return fail(`'${b.version}' is not a valid ${this.scheme.id} version: ${p.reason}`);
      return { ok: true, value: { version: b.version, parsed: p.value, inclusive: b.inclusive } };
    };
    const l = mk(lo);
    if (!l.ok) return l;
    const h = mk(hi);
    if (!h.ok) return h;
    if (l.value && h.value) {
      const o = this.scheme.compareParsed(l.value.parsed, h.value.parsed);
      if (o > 0 || (o === 0 && !(l.value.inclusive && h.value.inclusive))) return { ok: true, value: undefined }; // empty
    }
    this.intervals.push({ lo: l.value, hi: h.value, holes: [] });
    return { ok: true, value: undefined };
  }

  addPoint(version: string): VersResult<void> {
    return this.addInterval({ version, inclusive: true }, { version, inclusive: true });
  }

  addEverything(): void {
    this.everything = true;
  }

  /** Excludes a version from whatever the set contains. */
  exclude(version: string): VersResult<void> {
    const p = this.scheme.parse(version);
    if (!p.ok) return fail(`'${version}' is not a valid ${this.scheme.id} version: ${p.reason}`);
    this.excluded.push({ version, parsed: p.value });
    return { ok: true, value: undefined };
  }

  private cmpLo(a: Bound | undefined, b: Bound | undefined): number {
    if (!a) return b ? -1 : 0;
    if (!b) return 1;
    const o = this.scheme.compareParsed(a.parsed, b.parsed);
    if (o !== 0) return o;
    return a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1;
  }

  /** The merged, sorted, disjoint intervals with their holes. */
  private merged(): Interval[] {
    const s = this.scheme;
    const ivs = this.everything ? [{ lo: undefined, hi: undefined, holes: [] } as Interval] : this.intervals.map((iv) => ({ lo: iv.lo, hi: iv.hi, holes: [] as Interval['holes'] }));
    ivs.sort((a, b) => this.cmpLo(a.lo, b.lo));
    const out: Interval[] = [];
    for (const iv of ivs) {
      const last = out[out.length - 1];
      if (!last) {
        out.push(iv);
        continue;
      }
      // does iv start before or at the end of last?
      if (!last.hi) continue; // last is unbounded above: absorbs iv
      const lo = iv.lo;
      const o = lo ? s.compareParsed(lo.parsed, last.hi.parsed) : -1;
      if (o < 0 || (o === 0 && (lo!.inclusive || last.hi.inclusive))) {
        last.hi = this.maxHi(last.hi, iv.hi);
      } else if (o === 0) {
        // touching with both ends open: one interval with a hole at the shared version
        last.holes.push({ version: last.hi.version, parsed: last.hi.parsed });
        last.hi = iv.hi;
      } else out.push(iv);
    }
    // exclusions
    for (const ex of this.excluded) {
      for (let i = 0; i < out.length; i++) {
        const iv = out[i]!;
        if (!inInterval(s, ex.parsed, iv)) continue;
        const atLo = iv.lo !== undefined && s.compareParsed(ex.parsed, iv.lo.parsed) === 0;
        const atHi = iv.hi !== undefined && s.compareParsed(ex.parsed, iv.hi.parsed) === 0;
        if (atLo && atHi) out.splice(i--, 1);
        else if (atLo) iv.lo = { ...iv.lo!, inclusive: false };
        else if (atHi) iv.hi = { ...iv.hi!, inclusive: false };
        else if (!iv.holes.some((h) => s.compareParsed(h.parsed, ex.parsed) === 0)) iv.holes.push(ex);
      }
    }
    for (const iv of out) iv.holes.sort((a, b) => s.compareParsed(a.parsed, b.parsed));
    return out;
  }

  private maxHi(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
    if (!a || !b) return undefined;
    const o = this.scheme.compareParsed(a.parsed, b.parsed);
    if (o !== 0) return o > 0 ? a : b;
    return a.inclusive ? a : b;
  }

  /** True when the set contains no version. */
  isEmpty(): boolean {
    return this.merged().length === 0;
  }

  /** The minimal valid constraint list for this set (`undefined` when the set is empty). */
  toConstraints(): VersConstraint[] | undefined {
    const ivs = this.merged();
    if (ivs.length === 0) return undefined;
    const out: VersConstraint[] = [];
    for (const iv of ivs) {
      const holes: VersConstraint[] = iv.holes.map((h) => ({ comparator: '!=', version: h.version }));
      if (iv.lo && iv.hi && iv.lo.inclusive && iv.hi.inclusive && this.scheme.compareParsed(iv.lo.parsed, iv.hi.parsed) === 0) {
        out.push({ comparator: '=', version: iv.lo.version });
        continue;
      }
      if (!iv.lo && !iv.hi && holes.length === 0) return [{ comparator: '*', version: '' }];
      if (iv.lo) out.push({ comparator: iv.lo.inclusive ? '>=' : '>', version: iv.lo.version });
      out.push(...holes);
      if (iv.hi) out.push({ comparator: iv.hi.inclusive ? '<=' : '<', version: iv.hi.version });
    }
    return out;
  }
}

/** The meaning of a constraint list as a VersionSet (the list is sorted first). */
export function versToSet(vers: Vers, scheme: CachedScheme): VersResult<VersionSet> {
  const sorted = sortConstraints(vers, scheme);
  if (!sorted.ok) return sorted;
  const read = readConstraints(sorted.value, scheme);
  if (!read.ok) return read;
  const set = new VersionSet(scheme);
  const { star, points, excluded, intervals } = read.value;
  if (star || (points.length === 0 && intervals.length === 0 && excluded.length > 0)) set.addEverything();
  for (const iv of intervals) {
    const r = set.addInterval(iv.lo, iv.hi);
    if (!r.ok) return r;
  }
  for (const ex of excluded) set.exclude(ex.c.version);
  for (const pt of points) set.addPoint(pt.c.version); // '=' wins over '!=' as in containment
  return { ok: true, value: set };
}

/**
 * Canonical form: parsed leniently, sorted, duplicates and redundant constraints removed,
 * overlapping or adjacent intervals merged. Idempotent; the result passes `validateVers`.
 */
export function canonicalizeVers(input: string | Vers): VersResult<Vers> {
  let vers: Vers;
  if (typeof input === 'string') {
    const parsed = parseVers(input, { lenient: true });
    if (!parsed.ok) return parsed;
    vers = parsed.value;
  } else vers = input;
  if (vers.type === 'all' || vers.type === 'none') {
    if (vers.constraints.length === 1 && vers.constraints[0]!.comparator === '*') return { ok: true, value: vers };
    return fail(`'vers:${vers.type}/*' is the only valid form for type '${vers.type}'`);
  }
  const lookup = lookupVersType(vers.type);
  if (!lookup.ok) return fail(lookup.reason);
  const scheme = new CachedScheme(lookup.scheme);
  // exact duplicates are harmless; drop them before reading
  const seen = new Set<string>();
  const unique = vers.constraints.filter((c) => {
    const k = `${c.comparator}\u0000${c.version}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const set = versToSet({ type: vers.type, constraints: unique }, scheme);
  if (!set.ok) return set;
  const cs = set.value.toConstraints();
  if (!cs) return fail('the range contains no version');
  return { ok: true, value: { type: vers.type, constraints: cs } };
}

/** `canonicalizeVers` as a string. */
export function canonicalVersString(input: string | Vers): VersResult<string> {
  const r = canonicalizeVers(input);
  return r.ok ? { ok: true, value: formatVers(r.value) } : r;
}

/** Short name for `containsVersion`. */
export const contains = containsVersion;

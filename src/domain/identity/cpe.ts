/**
 * CPE 2.3 names: well-formed names (WFN), the formatted-string binding (`cpe:2.3:…`) and the
 * URI binding (`cpe:/…`) per NIST IR 7695, and name matching per NIST IR 7696.
 *
 * Inside a WFN a string value keeps the IR 7695 quoting: every character other than a letter,
 * a digit or `_` is preceded by `\`, and an unquoted `*` or `?` is a wildcard (`*` any run of
 * characters, `?` one character; both only at the beginning or end of a value).
 *
 * CPE matching says whether two *names* describe overlapping sets of products. It knows nothing
 * about ecosystems or version ordering, and vendor/product strings are guessed by whoever wrote
 * the name; Vigil therefore labels CPE matches as lower confidence than purl matches.
 */
import { VigilError } from '../errors.ts';

export const CPE_ATTRIBUTES = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'sw_edition',
  'target_sw',
  'target_hw',
  'other',
] as const;

export type CpeAttribute = (typeof CPE_ATTRIBUTES)[number];

/** A WFN attribute value: the logical ANY or NA, or a quoted WFN string. */
export type CpeValue = { readonly logical: 'ANY' } | { readonly logical: 'NA' } | { readonly value: string };

export type Cpe = { readonly [A in CpeAttribute]: CpeValue };

export const ANY: CpeValue = Object.freeze({ logical: 'ANY' });
export const NA: CpeValue = Object.freeze({ logical: 'NA' });

/** NIST IR 7696 attribute comparison relations. */
export type AttributeRelation = 'EQUAL' | 'SUBSET' | 'SUPERSET' | 'DISJOINT' | 'UNDEFINED';
/** NIST IR 7696 name comparison relations; CPE_UNDEFINED when none of the four holds. */
export type NameRelation = 'CPE_EQUAL' | 'CPE_SUBSET' | 'CPE_SUPERSET' | 'CPE_DISJOINT' | 'CPE_UNDEFINED';

export interface CpeComparison {
  readonly relation: NameRelation;
  readonly attributes: { readonly [A in CpeAttribute]: AttributeRelation };
  /** True when every product the target names is also named by the source (CPE_EQUAL or CPE_SUPERSET). */
  readonly matches: boolean;
  readonly explanation: string;
}

function invalid(input: string, reason: string): VigilError {
  return new VigilError('CPE_INVALID', `invalid CPE '${input}': ${reason}`, { input, reason });
}

export function isLogical(v: CpeValue, which: 'ANY' | 'NA'): boolean {
  return 'logical' in v && v.logical === which;
}

function isAlnumUnderscore(ch: string): boolean {
  return /^[A-Za-z0-9_]$/.test(ch);
}

function isPrintableAscii(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x21 && c <= 0x7e;
}

// ---------------------------------------------------------------------------------------------
// WFN construction and validation

/**
 * Checks a quoted WFN string: printable ASCII, every `\` escapes one printable character,
 * `*` only at the very beginning or end, `?` only in runs at the beginning or end.
 */
function checkWfnString(value: string, input: string, attribute: CpeAttribute): void {
  if (value === '') throw invalid(input, `${attribute} is empty`);
  const unquoted: { ch: string; at: number }[] = [];
  let i = 0;
  let logicalLength = 0;
  while (i < value.length) {
    const ch = value[i]!;
    if (!isPrintableAscii(ch)) throw invalid(input, `${attribute} contains a non-printable or non-ASCII character`);
    if (ch === '\\') {
      const next = value[i + 1];
      if (next === undefined || !isPrintableAscii(next)) throw invalid(input, `${attribute} ends with a lone '\\'`);
      i += 2;
    } else {
      if (ch === '*' || ch === '?') unquoted.push({ ch, at: logicalLength });
      i += 1;
    }
    logicalLength += 1;
  }
  const leading = new Set<number>();
  for (let k = 0; k < logicalLength && unquoted.some((u) => u.at === k && u.ch === '?'); k++) leading.add(k);
  const trailing = new Set<number>();
  for (let k = logicalLength - 1; k >= 0 && unquoted.some((u) => u.at === k && u.ch === '?'); k--) trailing.add(k);
  for (const u of unquoted) {
    if (u.ch === '*' && u.at !== 0 && u.at !== logicalLength - 1) throw invalid(input, `${attribute} has an embedded unquoted '*'`);
    if (u.ch === '?' && !leading.has(u.at) && !trailing.has(u.at)) throw invalid(input, `${attribute} has an embedded unquoted '?'`);
  }
  if (logicalLength === 1 && (value === '*' || value === '?')) {
    // '*' alone is ANY and must be written as such; '?' alone is a valid one-character wildcard.
    if (value === '*') throw invalid(input, `${attribute} '*' alone must be the logical value ANY`);
  }
}

function checkPart(v: CpeValue, input: string): void {
  if ('value' in v && !/^[aoh]$/i.test(v.value)) throw invalid(input, `part must be 'a', 'o' or 'h', not '${v.value}'`);
}

/** Builds a WFN from attribute values; missing attributes are ANY. Strings must be WFN-quoted. */
export function makeCpe(values: Partial<Record<CpeAttribute, CpeValue | string>>): Cpe {
  const out: Record<string, CpeValue> = {};
  for (const a of CPE_ATTRIBUTES) {
    const v = values[a];
    const value: CpeValue = v === undefined ? ANY : typeof v === 'string' ? { value: v } : v;
    if ('value' in value) checkWfnString(value.value, 'WFN', a);
    out[a] = value;
  }
  checkPart(out.part!, 'WFN');
  return out as Cpe;
}

// ---------------------------------------------------------------------------------------------
// Formatted-string binding (IR 7695 §6.2)

function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1]!;
      i += 1;
    } else if (ch === sep) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function unbindFsValue(raw: string, input: string, attribute: CpeAttribute): CpeValue {
  if (raw === '*') return ANY;
  if (raw === '-') return NA;
  if (raw === '') throw invalid(input, `${attribute} is empty`);
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (isAlnumUnderscore(ch) || ch === '*' || ch === '?') out += ch;
    else if (ch === '\\') {
      const next = raw[i + 1];
      if (next === undefined) throw invalid(input, `${attribute} ends with a lone '\\'`);
      out += `\\${next}`;
      i += 1;
    } else if (isPrintableAscii(ch)) out += `\\${ch}`;
    else throw invalid(input, `${attribute} contains a non-printable or non-ASCII character`);
  }
  checkWfnString(out, input, attribute);
  return { value: out };
}

function bindFsValue(v: CpeValue): string {
  if (isLogical(v, 'ANY')) return '*';
  if (isLogical(v, 'NA')) return '-';
  const s = (v as { value: string }).value;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      const next = s[i + 1]!;
      out += next === '.' || next === '-' || next === '_' ? next : `\\${next}`;
      i += 1;
    } else out += ch;
  }
  // A value that is just a quoted hyphen would read back as NA.
  return out === '-' ? '\\-' : out;
}

/** Parses a CPE 2.3 formatted string (`cpe:2.3:part:vendor:…:other`). */
export function parseCpeFormattedString(input: string): Cpe {
  const parts = splitUnescaped(input, ':');
  if (parts.length !== 13 || parts[0]!.toLowerCase() !== 'cpe' || parts[1] !== '2.3') {
    throw invalid(input, `a formatted string has 13 ':'-separated fields starting 'cpe:2.3:' (found ${parts.length})`);
  }
  const out: Record<string, CpeValue> = {};
  CPE_ATTRIBUTES.forEach((a, i) => {
    out[a] = unbindFsValue(parts[i + 2]!, input, a);
  });
  checkPart(out.part!, input);
  return out as Cpe;
}

/** The formatted-string binding of a WFN. */
export function formatCpe(cpe: Cpe): string {
  return `cpe:2.3:${CPE_ATTRIBUTES.map((a) => bindFsValue(cpe[a])).join(':')}`;
}

// ---------------------------------------------------------------------------------------------
// URI binding (IR 7695 §6.1)

const URI_ATTRIBUTES = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language'] as const;
const PACKED_ATTRIBUTES = ['edition', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const;

function decodeUriValue(raw: string, input: string, attribute: CpeAttribute): CpeValue {
  if (raw === '') return ANY;
  if (raw === '-') return NA;
  const s = raw.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (isAlnumUnderscore(ch)) out += ch;
    else if (ch === '.' || ch === '-' || ch === '~') out += `\\${ch}`;
    else if (ch === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/.test(hex)) throw invalid(input, `${attribute} has a malformed percent-encoding '%${hex}'`);
      i += 2;
      if (hex === '01') out += '?';
      else if (hex === '02') out += '*';
      else {
        const decoded = String.fromCharCode(parseInt(hex, 16));
        if (!isPrintableAscii(decoded) || isAlnumUnderscore(decoded)) {
          throw invalid(input, `${attribute} has an invalid percent-encoded character '%${hex}'`);
        }
        out += `\\${decoded}`;
      }
    } else throw invalid(input, `${attribute} contains '${ch}', which must be percent-encoded in a URI`);
  }
  checkWfnString(out, input, attribute);
  return { value: out };
}

const URI_ENCODE: Readonly<Record<string, string>> = { '-': '-', '.': '.' };

function bindUriValue(v: CpeValue): string {
  if (isLogical(v, 'ANY')) return '';
  if (isLogical(v, 'NA')) return '-';
  const s = (v as { value: string }).value;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      const next = s[i + 1]!;
      out += URI_ENCODE[next] ?? `%${next.charCodeAt(0).toString(16).padStart(2, '0')}`;
      i += 1;
    } else if (ch === '?') out += '%01';
    else if (ch === '*') out += '%02';
    else out += ch;
  }
  return out;
}

/** Parses a CPE URI (`cpe:/a:vendor:product:…`, the CPE 2.2 form), including a packed edition. */
export function parseCpeUri(input: string): Cpe {
  if (!/^cpe:\//i.test(input)) throw invalid(input, "a CPE URI starts with 'cpe:/'");
  const fields = input.slice(5).split(':');
  if (fields.length > 7) throw invalid(input, `a CPE URI has at most 7 components (found ${fields.length})`);
  const out: Record<string, CpeValue> = {};
  for (const a of CPE_ATTRIBUTES) out[a] = ANY;
  URI_ATTRIBUTES.forEach((a, i) => {
    const raw = fields[i] ?? '';
    if (a === 'edition' && raw.startsWith('~')) {
      const packed = raw.split('~');
      if (packed.length !== 6) throw invalid(input, `a packed edition has 5 '~'-separated fields (found ${packed.length - 1})`);
      PACKED_ATTRIBUTES.forEach((p, k) => {
        out[p] = decodeUriValue(packed[k + 1]!, input, p);
      });
    } else out[a] = decodeUriValue(raw, input, a);
  });
  checkPart(out.part!, input);
  return out as Cpe;
}

/** The URI binding of a WFN; the extended attributes are packed into the edition when set. */
export function formatCpeUri(cpe: Cpe): string {
  const values = URI_ATTRIBUTES.map((a) => bindUriValue(cpe[a]));
  const extended = PACKED_ATTRIBUTES.slice(1).some((a) => !isLogical(cpe[a], 'ANY'));
  if (extended) values[5] = `~${PACKED_ATTRIBUTES.map((a) => bindUriValue(cpe[a])).join('~')}`;
  return `cpe:/${values.join(':')}`.replace(/:+$/, '');
}

/** Parses either binding. */
export function parseCpe(input: string): Cpe {
  if (typeof input !== 'string') throw invalid(String(input), 'a CPE must be a string');
  if (/^cpe:2\.3:/i.test(input)) return parseCpeFormattedString(input);
  if (/^cpe:\//i.test(input)) return parseCpeUri(input);
  throw invalid(input, "expected 'cpe:2.3:…' (formatted string) or 'cpe:/…' (URI)");
}

/** The unquoted text of a string value (for display), or ANY/NA. */
export function cpeValueText(v: CpeValue): string {
  if ('logical' in v) return v.logical;
  return v.value.replace(/\\(.)/g, '$1');
}

// ---------------------------------------------------------------------------------------------
// Matching (IR 7696 §6)

function hasUnquotedWildcard(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i += 1;
    else if (s[i] === '*' || s[i] === '?') return true;
  }
  return false;
}

/** True when the character at `idx` is preceded by an even number of backslashes (it is unquoted). */
function isEvenWildcard(s: string, idx: number): boolean {
  let n = 0;
  for (let k = idx - 1; k >= 0 && s[k] === '\\'; k--) n += 1;
  return n % 2 === 0;
}

/** Number of escaping backslashes in s[start, end). */
function countEscapes(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    if (s[i] === '\\') {
      n += 1;
      i += 1;
    }
  }
  return n;
}

/** IR 7696 compare_strings: source may hold wildcards, target does not. */
function compareStrings(sourceIn: string, target: string): AttributeRelation {
  let start = 0;
  let end = sourceIn.length;
  let begins = 0;
  let ends = 0;
  if (sourceIn[0] === '*') {
    start = 1;
    begins = -1;
  } else {
    while (start < sourceIn.length && sourceIn[start] === '?') {
      start += 1;
      begins += 1;
    }
  }
  if (end > start && sourceIn[end - 1] === '*' && isEvenWildcard(sourceIn, end - 1)) {
    end -= 1;
    ends = -1;
  } else {
    while (end > start && sourceIn[end - 1] === '?' && isEvenWildcard(sourceIn, end - 1)) {
      end -= 1;
      ends += 1;
    }
  }
  const source = sourceIn.slice(start, end);
  let index = -1;
  let leftover = target.length;
  while (leftover > 0) {
    index = target.indexOf(source, index + 1);
    if (index === -1) break;
    let escapes = countEscapes(target, 0, index);
    if (index > 0 && begins !== -1 && begins < index - escapes) break;
    escapes = countEscapes(target, index + 1, target.length);
    leftover = target.length - index - escapes - source.length;
    if (leftover > 0 && ends !== -1 && leftover > ends) continue;
    return 'SUPERSET';
  }
  return 'DISJOINT';
}

/** IR 7696 attribute comparison of a source value with a target value (case-insensitive). */
export function compareCpeValues(source: CpeValue, target: CpeValue): AttributeRelation {
  const s = 'value' in source ? source.value.toLowerCase() : undefined;
  const t = 'value' in target ? target.value.toLowerCase() : undefined;
  if (t !== undefined && hasUnquotedWildcard(t)) return 'UNDEFINED';
  if (s !== undefined && t !== undefined) return s === t ? 'EQUAL' : hasUnquotedWildcard(s) ? compareStrings(s, t) : 'DISJOINT';
  if ('logical' in source && 'logical' in target && source.logical === target.logical) return 'EQUAL';
  if (isLogical(source, 'ANY')) return 'SUPERSET';
  if (isLogical(target, 'ANY')) return 'SUBSET';
  return 'DISJOINT'; // NA against a string, or a string against NA, or NA against ... (all others covered above)
}

const RELATION_TEXT: Readonly<Record<NameRelation, string>> = {
  CPE_EQUAL: 'source and target name the same set of products',
  CPE_SUPERSET: 'source names a superset of the target (the target matches the source)',
  CPE_SUBSET: 'source names a subset of the target (the target is broader than the source)',
  CPE_DISJOINT: 'source and target name no product in common',
  CPE_UNDEFINED: 'the relation is undefined (a wildcard in the target, or some attributes broader on each side)',
};

function nameRelation(relations: readonly AttributeRelation[]): NameRelation {
  if (relations.includes('DISJOINT')) return 'CPE_DISJOINT';
  if (relations.every((r) => r === 'EQUAL')) return 'CPE_EQUAL';
  if (relations.every((r) => r === 'EQUAL' || r === 'SUBSET')) return 'CPE_SUBSET';
  if (relations.every((r) => r === 'EQUAL' || r === 'SUPERSET')) return 'CPE_SUPERSET';
  return 'CPE_UNDEFINED';
}

const SYMBOL: Readonly<Record<AttributeRelation, string>> = {
  EQUAL: '=',
  SUPERSET: '⊇',
  SUBSET: '⊆',
  DISJOINT: '≠',
  UNDEFINED: '?',
};

/**
 * Compares a source CPE (typically from an advisory, possibly with ANY and wildcards) with a
 * target CPE (typically from an inventory) per NIST IR 7696.
 */
export function compareCpe(source: Cpe | string, target: Cpe | string): CpeComparison {
  const s = typeof source === 'string' ? parseCpe(source) : source;
  const t = typeof target === 'string' ? parseCpe(target) : target;
  const attributes = {} as Record<CpeAttribute, AttributeRelation>;
  for (const a of CPE_ATTRIBUTES) attributes[a] = compareCpeValues(s[a], t[a]);
  const relation = nameRelation(CPE_ATTRIBUTES.map((a) => attributes[a]));
  const notable = CPE_ATTRIBUTES.filter((a) => attributes[a] !== 'EQUAL' || a === 'vendor' || a === 'product' || a === 'version');
  const decisive = relation === 'CPE_DISJOINT' ? CPE_ATTRIBUTES.filter((a) => attributes[a] === 'DISJOINT') : [];
  const details = notable
    .map((a) => `${a} ${cpeValueText(s[a])} ${SYMBOL[attributes[a]]} ${cpeValueText(t[a])} (${attributes[a]})`)
    .join('; ');
  const why = decisive.length > 0 ? ` Decided by: ${decisive.join(', ')}.` : '';
  const explanation = `${relation}: ${RELATION_TEXT[relation]}.${why} ${details}. CPE matching compares names only and is lower confidence than a purl match.`;
  return { relation, attributes, matches: relation === 'CPE_EQUAL' || relation === 'CPE_SUPERSET', explanation };
}

/** Converts between bindings: any accepted CPE → formatted string. */
export function normalizeCpe(input: string): string {
  return formatCpe(parseCpe(input));
}

/**
 * Native range → vers. `nativeToVers(scheme, text)` reads a range in an ecosystem's own
 * notation and writes it as vers:
 * - `form: 'canonical'` (default): the exact meaning, merged and deduplicated — always a valid
 *   vers, ready for containment checks;
 * - `form: 'literal'`: each native comparator translated one to one and sorted, which is what
 *   the vers-spec conversion tests expect (may repeat versions or overlap).
 */
import { formatVers, sortConstraints, VersionSet, type VersConstraint, type VersResult } from '../vers.ts';
import { CachedScheme, lookupScheme } from '../schemes.ts';
import { rangeIntervals, type NativeRange, type NativeResult } from './common.ts';
import { npmNative } from './npm.range.ts';
import { pypiNative } from './pypi.range.ts';
import { gemNative } from './gem.range.ts';
import { intervalNative } from './interval.range.ts';
import { conanNative } from './conan.range.ts';
import { nginxNative } from './nginx.range.ts';
import { opensslNative } from './openssl.range.ts';
import { composerNative } from './composer.range.ts';
import { golangNative } from './golang.range.ts';
import { cargoNative } from './cargo.range.ts';
import { hexNative } from './hex.range.ts';

export type { NativeRange } from './common.ts';

const CONVERTERS: Readonly<Record<string, (text: string) => NativeResult>> = {
  npm: (t) => npmNative(t),
  pypi: pypiNative,
  gem: gemNative,
  nuget: (t) => intervalNative(t, 'nuget'),
  maven: (t) => intervalNative(t, 'maven'),
  conan: conanNative,
  nginx: nginxNative,
  openssl: opensslNative,
  composer: composerNative,
  golang: golangNative,
  cargo: cargoNative,
  hex: hexNative,
};

/** Schemes with a native range reader. */
export const NATIVE_SCHEMES: readonly string[] = Object.keys(CONVERTERS).sort();

/**
 * Declared stand-ins while a scheme has no comparator of its own: nginx versions are
 * dot-separated integers, which the generic scheme orders identically.
 */
const DECLARED_FALLBACK: Readonly<Record<string, string>> = { nginx: 'generic' };

const ALIASES: Readonly<Record<string, string>> = { 'crates.io': 'cargo', go: 'golang', rubygems: 'gem', packagist: 'composer', php: 'composer', python: 'pypi' };

export function parseNative(scheme: string, text: string): NativeResult {
  const id = ALIASES[scheme.toLowerCase()] ?? scheme.toLowerCase();
  const conv = CONVERTERS[id];
  if (!conv) return { ok: false, reason: `no native range reader for scheme '${scheme}' (known: ${NATIVE_SCHEMES.join(', ')})` };
  if (typeof text !== 'string') return { ok: false, reason: 'the native range is not a string' };
  return conv(text);
}

export interface NativeToVersOptions {
  readonly form?: 'canonical' | 'literal';
}

/** The vers for a native range (see module comment for the two forms). */
export function nativeToVers(scheme: string, text: string, options: NativeToVersOptions = {}): VersResult<string> {
  const id = ALIASES[scheme.toLowerCase()] ?? scheme.toLowerCase();
  const parsed = parseNative(id, text);
  if (!parsed.ok) return parsed;
  let lookup = lookupScheme(id);
  if (!lookup.ok && DECLARED_FALLBACK[id]) lookup = lookupScheme(DECLARED_FALLBACK[id]);
  if ((options.form ?? 'canonical') === 'literal') return literalVers(id, parsed.value, lookup.ok ? new CachedScheme(lookup.scheme) : undefined);
  if (!lookup.ok) return { ok: false, reason: `cannot compute the canonical form: ${lookup.reason}` };
  return canonicalVers(id, parsed.value, new CachedScheme(lookup.scheme));
}

function literalVers(type: string, range: NativeRange, scheme: CachedScheme | undefined): VersResult<string> {
  if (range.star) return { ok: true, value: `vers:${type}/*` };
  const vers = { type, constraints: range.literal as VersConstraint[] };
  if (!scheme || vers.constraints.length <= 1) return { ok: true, value: formatVers(vers) };
  const sorted = sortConstraints(vers, scheme);
  if (!sorted.ok) return sorted;
  return { ok: true, value: formatVers(sorted.value) };
}

function canonicalVers(type: string, range: NativeRange, scheme: CachedScheme): VersResult<string> {
  const ivs = rangeIntervals(range, scheme);
  if (!ivs.ok) return ivs;
  const set = new VersionSet(scheme);
  for (const iv of ivs.value) {
    const r = set.addInterval(iv.lo, iv.hi);
    if (!r.ok) return r;
  }
  const cs = set.toConstraints();
  if (!cs) return { ok: false, reason: `'${type}' range contains no version` };
  return { ok: true, value: formatVers({ type, constraints: cs }) };
}

/**
 * Which version comparator a vers type (or other range vocabulary) uses. vers types follow
 * purl types; a few have aliases. No range is ever compared with a scheme it did not name:
 * an unknown type is reported, never silently compared as `generic`.
 */
import type { Ordering, SchemeId, VersionScheme } from '../versions/scheme.ts';
import { getScheme, hasScheme } from '../versions/index.ts';

/** vers types whose name differs from Vigil's scheme id. */
const VERS_TYPE_ALIASES: Readonly<Record<string, SchemeId>> = {
  alpine: 'apk',
  dart: 'pub',
  go: 'golang',
  rubygems: 'gem',
  pip: 'pypi',
  python: 'pypi',
  php: 'composer',
  packagist: 'composer',
  debian: 'deb',
  ubuntu: 'deb',
  cocoapods: 'semver',
};

/** The scheme id for a vers type, or undefined when Vigil has no mapping. */
export function schemeIdForVersType(type: string): SchemeId | undefined {
  const t = type.toLowerCase();
  const alias = VERS_TYPE_ALIASES[t];
  if (alias) return alias;
  return hasScheme(t) ? t : undefined;
}

export type SchemeLookup = { ok: true; scheme: VersionScheme } | { ok: false; reason: string };

/** Looks up the comparator for a scheme id; a scheme Vigil does not implement is a reason, not an exception. */
export function lookupScheme(id: string): SchemeLookup {
  if (!hasScheme(id)) return { ok: false, reason: `no comparator for version scheme '${id}' in Vigil` };
  try {
    return { ok: true, scheme: getScheme(id) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Comparator for a vers type, with its scheme id. */
export function lookupVersType(type: string): SchemeLookup {
  const id = schemeIdForVersType(type);
  if (!id) return { ok: false, reason: `no comparator for vers type '${type}' in Vigil` };
  return lookupScheme(id);
}

/**
 * A scheme wrapped with a parse cache, so that sorting and repeated containment checks parse
 * each distinct version string once.
 */
export class CachedScheme {
  private readonly cache = new Map<string, { ok: true; value: unknown } | { ok: false; reason: string }>();
  constructor(readonly scheme: VersionScheme) {}

  get id(): SchemeId {
    return this.scheme.id;
  }

  parse(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
    let r = this.cache.get(text);
    if (!r) {
      r = this.scheme.parse(text);
      // OSV writes Go module versions without their leading 'v' (`0.0.0-20210520170846-37e1c6afe023`),
      // where Go itself requires it: read both spellings in ranges.
      if (!r.ok && this.scheme.id === 'golang' && text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57) r = this.scheme.parse(`v${text}`);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(text, r);
    }
    return r;
  }

  compareParsed(a: unknown, b: unknown): Ordering {
    return this.scheme.compareParsed(a, b);
  }

  /** Compares two version strings; undefined when either does not parse. */
  compare(a: string, b: string): Ordering | undefined {
    const pa = this.parse(a);
    const pb = this.parse(b);
    if (!pa.ok || !pb.ok) return undefined;
    return this.scheme.compareParsed(pa.value, pb.value);
  }
}

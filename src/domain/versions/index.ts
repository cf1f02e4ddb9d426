/**
 * The registry of version schemes: one comparator per ecosystem, looked up by scheme id.
 * There is no fallback: an unknown id is an error, and `generic` is only used when declared.
 */
import type { SchemeId, VersionScheme } from './scheme.ts';
import { semverScheme } from './semver.version.ts';
import { npmScheme } from './npm.version.ts';

export type { Ordering, ParseResult, SchemeId, VersionScheme } from './scheme.ts';
export { VersionParseError, compareVersions } from './scheme.ts';

const schemes = new Map<SchemeId, VersionScheme>();

function register<V>(scheme: VersionScheme<V>): void {
  schemes.set(scheme.id, scheme as unknown as VersionScheme);
}

register(semverScheme);
register(npmScheme);

/** True when Vigil has a comparator for this scheme id. */
export function hasScheme(id: string): id is SchemeId {
  return schemes.has(id as SchemeId);
}

/** The comparator for a scheme; throws for a scheme Vigil does not implement. */
export function getScheme(id: SchemeId): VersionScheme {
  const scheme = schemes.get(id);
  if (!scheme) throw new Error(`no version scheme '${id}'`);
  return scheme;
}

/** Every implemented scheme, sorted by id. */
export function listSchemes(): readonly VersionScheme[] {
  return [...schemes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The purl route (confidence high): an advisory's `affected[]` package with the same package
 * key as the component (or its source package), the OSV release suffix checked against the
 * component's distro, and the version evaluated with ranges compiled once per advisory.
 */
import type { AffectedPackage } from '../advisories/advisory.ts';
import { affectedPackageKey } from '../advisories/keys.ts';
import { osvEcosystemBase, osvEcosystemForPurl } from '../identity/ecosystems.ts';
import { parsePurl } from '../identity/purl.ts';
import { compileOsvRange, osvAffectedToVers, schemeForOsvEcosystem, type CompiledOsvRange } from '../ranges/osv.ts';
import type { CachedScheme } from '../ranges/schemes.ts';
import { cachedScheme, type ComponentPackage, type PreparedComponent } from './component.ts';
import type { MatchEvidence, MatchScheme } from './types.ts';

interface PreparedRange {
  readonly type: string;
  readonly text: string;
  readonly compiled: CompiledOsvRange | null;
  /** Why the range cannot be evaluated against a version (GIT, unknown ecosystem, bad events). */
  readonly problem: string | null;
}

export interface PreparedAffected {
  readonly index: number;
  readonly entry: AffectedPackage;
  readonly key: string;
  /** The OSV ecosystem, or the one the entry's purl implies when it names none. */
  readonly ecosystem: string;
  readonly label: string;
  readonly ecosystemBase: string | null;
  readonly ecosystemRelease: string | null;
  /** Scheme of the ecosystem (for ECOSYSTEM ranges and the versions list). */
  readonly scheme: CachedScheme | null;
  readonly ranges: readonly PreparedRange[];
  readonly versions: ReadonlySet<string>;
  readonly gitOnly: boolean;
  /** vers of the whole entry, computed on first use. */
  vers: string | null | undefined;
}

function ecosystemOfPurl(purl: string | null): string | undefined {
  if (!purl) return undefined;
  try {
    return osvEcosystemForPurl(parsePurl(purl));
  } catch {
    return undefined;
  }
}

function rangeText(type: string, events: AffectedPackage['ranges'][number]['events'], repo?: string): string {
  const parts = events.map((e) => {
    const [k, v] = Object.entries(e)[0] ?? ['?', '?'];
    return `${k} ${String(v)}`;
  });
  return `${type}${repo ? ` ${repo}` : ''}: ${parts.join(', ')}`;
}

/** Compiles one affected entry; every problem is kept as a reason, never thrown. */
export function prepareAffected(entry: AffectedPackage, index: number): PreparedAffected {
  const key = affectedPackageKey(entry);
  const ecosystem = entry.ecosystem ?? ecosystemOfPurl(entry.purl) ?? '';
  const i = ecosystem.indexOf(':');
  const ecosystemBase = ecosystem ? osvEcosystemBase(ecosystem) : null;
  const ecosystemRelease = i === -1 ? null : ecosystem.slice(i + 1);
  const schemeId = ecosystem ? schemeForOsvEcosystem(ecosystem) : undefined;
  const scheme = schemeId ? cachedScheme(schemeId) : null;
  const ranges: PreparedRange[] = [];
  let gitOnly = true;
  for (const r of entry.ranges) {
    const text = rangeText(r.type, r.events, r.repo);
    if (r.type === 'GIT') {
      ranges.push({ type: r.type, text, compiled: null, problem: `the GIT range${r.repo ? ` of ${r.repo}` : ''} names commits, which cannot be compared with a version` });
      continue;
    }
    gitOnly = false;
    const s = r.type === 'SEMVER' ? cachedScheme('semver') : r.type === 'ECOSYSTEM' ? scheme : null;
    if (!s) {
      const problem = r.type === 'ECOSYSTEM' ? `unknown OSV ecosystem '${ecosystem}': no version scheme to compare its ECOSYSTEM range` : `unsupported OSV range type '${r.type}'`;
      ranges.push({ type: r.type, text, compiled: null, problem });
      continue;
    }
    const c = compileOsvRange(r, s);
    ranges.push(c.ok ? { type: r.type, text, compiled: c.value, problem: null } : { type: r.type, text, compiled: null, problem: `${r.type} range: ${c.reason}` });
  }
  return {
    index,
    entry,
    key,
    ecosystem,
    label: `${entry.ecosystem ?? entry.purl ?? '?'}/${entry.name}`,
    ecosystemBase,
    ecosystemRelease,
    scheme,
    ranges,
    versions: new Set(entry.versions),
    gitOnly: entry.ranges.length > 0 && gitOnly,
    vers: undefined,
  };
}

export type RouteOutcome =
  | { readonly status: 'affected' | 'indeterminate'; readonly evidence: MatchEvidence }
  | { readonly status: 'not-affected'; readonly reason: string; /** True when the package was identified and only the version ruled it out. */ readonly identified?: boolean };

function releaseWords(release: string): string[] {
  return release
    .toLowerCase()
    .split(/[:\s]+/)
    .map((w) => (w.startsWith('v') && w.length > 1 && w.charCodeAt(1) >= 48 && w.charCodeAt(1) <= 57 ? w.slice(1) : w))
    .filter((w) => w !== '' && w !== 'lts' && w !== 'pro');
}

/**
 * Does the advisory's release ("12", "v3.18", "22.04:LTS", "enterprise_linux:8::appstream")
 * include the component's release? Undefined when the component names none.
 */
function releaseApplies(entry: PreparedAffected, c: PreparedComponent): boolean | undefined {
  if (!entry.ecosystemRelease) return true;
  // rpm vendors whose OSV suffix is not a plain number (Red Hat): the distro's major number.
  const mine = c.ecosystemRelease ?? c.distroMajor;
  if (!mine) return undefined;
  if (entry.ecosystemRelease === mine) return true;
  const theirs = releaseWords(entry.ecosystemRelease);
  const ours = releaseWords(mine);
  if (ours.length === 0) return undefined;
  return ours.every((w) => theirs.includes(w));
}

function schemeOf(s: CachedScheme): MatchScheme {
  return { id: s.id, origin: s.id === 'generic' ? 'generic' : 'declared' };
}

function entryVers(entry: PreparedAffected): string | null {
  if (entry.vers === undefined) {
    const r = osvAffectedToVers({
      package: { ecosystem: entry.ecosystem, name: entry.entry.name },
      ranges: entry.entry.ranges,
      versions: entry.entry.versions,
    });
    entry.vers = r.ok ? r.value.join(' ') : null;
  }
  return entry.vers;
}

function evidence(entry: PreparedAffected, pkg: ComponentPackage, version: string | null, scheme: MatchScheme | null, rangeTextValue: string | null, reason: string): MatchEvidence {
  return {
    identifier: pkg.identifier,
    criterion: { kind: 'package', index: entry.index, purl: entry.entry.purl, ecosystem: entry.entry.ecosystem, name: entry.entry.name, key: entry.key },
    version,
    scheme,
    range: rangeTextValue === null ? null : { text: rangeTextValue, vers: entryVers(entry) },
    reason: pkg.identifier.derived && !reason.includes(pkg.identifier.value) ? `${reason}; matched by the ${pkg.identifier.note}` : reason,
    conditions: [],
    fixedVersions: entry.entry.fixedVersions,
  };
}

function describe(version: string, iv: CompiledOsvRange['intervals'][number]): string {
  const lo = iv.lo ? `≥ introduced ${iv.lo.version}` : 'introduced 0 (every earlier version)';
  const hi = iv.hi ? ` and ${iv.hi.inclusive ? '≤' : '<'} ${iv.hi.event.replace('_', ' ')} ${iv.hi.version}` : ' with no fix recorded';
  return `${version} ${lo}${hi}`;
}

function contains(s: CachedScheme, v: unknown, iv: CompiledOsvRange['intervals'][number]): boolean {
  if (iv.lo) {
    const o = s.compareParsed(v, iv.lo.parsed);
    if (o < 0 || (o === 0 && !iv.lo.inclusive)) return false;
  }
  if (iv.hi) {
    const o = s.compareParsed(v, iv.hi.parsed);
    if (o > 0 || (o === 0 && !iv.hi.inclusive)) return false;
  }
  return true;
}

/** Evaluates one affected entry for one package identity of a component (the keys are equal). */
export function evaluateAffected(entry: PreparedAffected, c: PreparedComponent, pkg: ComponentPackage): RouteOutcome {
  const who = pkg.identifier.derived ? `${pkg.identifier.value} (${pkg.identifier.note})` : pkg.identifier.value;
  if (entry.ecosystemBase && c.ecosystemBase && entry.ecosystemBase !== c.ecosystemBase) {
    return { status: 'not-affected', reason: `${entry.label}: the advisory names ecosystem ${entry.ecosystem}, the component is from ${c.ecosystemBase}` };
  }
  const applies = releaseApplies(entry, c);
  if (applies === false) {
    return { status: 'not-affected', reason: `${entry.label}: the advisory names release ${entry.ecosystemRelease} of ${entry.ecosystemBase}; the component is from ${c.distro ?? c.ecosystemRelease} (${c.ecosystemBase}:${c.ecosystemRelease ?? '?'})` };
  }
  const version = pkg.version;
  if (applies === undefined) {
    return {
      status: 'indeterminate',
      evidence: evidence(entry, pkg, version, entry.scheme ? schemeOf(entry.scheme) : null, entry.ranges[0]?.text ?? null,
        `${who}: the advisory applies to ${entry.ecosystem} only, and the component's purl has no distro qualifier saying which ${entry.ecosystemBase} release it comes from`),
    };
  }
  if (!version) {
    return {
      status: 'indeterminate',
      evidence: evidence(entry, pkg, null, entry.scheme ? schemeOf(entry.scheme) : null, entry.ranges[0]?.text ?? null, `${who} has no version: cannot evaluate the affected ranges of ${entry.label}`),
    };
  }
  // Enumerated versions: exact text first, then equality under the ecosystem's scheme.
  if (entry.versions.size > 0) {
    let hit: string | undefined = entry.versions.has(version) ? version : undefined;
    if (hit === undefined && entry.scheme) {
      const p = c.parse(entry.scheme, version);
      if (p.ok) {
        for (const v of entry.versions) {
          const q = entry.scheme.parse(v);
          if (q.ok && entry.scheme.compareParsed(p.value, q.value) === 0) {
            hit = v;
            break;
          }
        }
      }
    }
    if (hit !== undefined) {
      const listText = `versions: ${[...entry.versions].slice(0, 12).join(', ')}${entry.versions.size > 12 ? `, … (${entry.versions.size})` : ''}`;
      return {
        status: 'affected',
        evidence: evidence(entry, pkg, version, entry.scheme ? schemeOf(entry.scheme) : null, listText,
          `${version} is listed in the affected versions of ${entry.label}${hit !== version ? ` (as ${hit})` : ''}${entry.scheme ? ` (${entry.scheme.id} scheme)` : ''}`),
      };
    }
  }
  const unresolved: string[] = [];
  let used: CachedScheme | null = null;
  for (const r of entry.ranges) {
    if (!r.compiled) {
      unresolved.push(r.problem!);
      continue;
    }
    const s = r.compiled.scheme;
    used = s;
    const p = c.parse(s, version);
    if (!p.ok) {
      unresolved.push(`'${version}' is not a valid ${s.id} version (${p.reason})`);
      continue;
    }
    for (const iv of r.compiled.intervals) {
      if (contains(s, p.value, iv)) {
        return {
          status: 'affected',
          evidence: evidence(entry, pkg, version, schemeOf(s), r.text, `${describe(version, iv)} (${s.id} scheme, ${r.type} range of ${entry.label})`),
        };
      }
    }
  }
  if (unresolved.length > 0) {
    if (entry.gitOnly && entry.versions.size > 0) {
      return { status: 'not-affected', identified: true, reason: `${entry.label}: ${version} is not in the enumerated affected versions; the GIT ranges cannot be compared with a version, so the list decides` };
    }
    const s = used ?? entry.scheme;
    return {
      status: 'indeterminate',
      evidence: evidence(entry, pkg, version, s ? schemeOf(s) : null, entry.ranges.map((r) => r.text).join('; ') || null, `cannot decide whether ${version} of ${entry.label} is affected: ${unresolved.join('; ')}`),
    };
  }
  if (entry.ranges.length === 0 && entry.versions.size === 0) {
    return { status: 'indeterminate', evidence: evidence(entry, pkg, version, null, null, `the advisory's entry for ${entry.label} has neither ranges nor versions`) };
  }
  return {
    status: 'not-affected',
    identified: true,
    reason: `${entry.label}: ${version} is outside every affected range${entry.versions.size > 0 ? ' and not in the versions list' : ''}${used ? ` (${used.id} scheme)` : ''}`,
  };
}

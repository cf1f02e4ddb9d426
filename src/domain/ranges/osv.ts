/**
 * OSV `affected[]` evaluation (https://ossf.github.io/osv-schema/#affectedranges-field).
 *
 * For one package version:
 * - `versions` (the enumerated affected versions) decides "affected" when it lists the version;
 * - `ranges` of type SEMVER (SemVer 2.0.0) and ECOSYSTEM (the ecosystem's own scheme, from
 *   the ecosystem name: "Debian:12" → deb, "PyPI" → pypi, …) are read as OSV does: events
 *   sorted by version, `introduced` opens an affected interval ("0" = from the beginning),
 *   `fixed` closes it before the fixed version, `last_affected` closes it after that version,
 *   and `limit` caps every interval;
 * - GIT ranges name commits, which cannot be compared with a version: they make the answer
 *   indeterminate unless the `versions` list decides (as OSV.dev does, the enumerated list is
 *   then authoritative);
 * - an unknown ecosystem, a version that does not parse, or an event version that does not
 *   parse gives `indeterminate` with the reason — never "not affected".
 */
import { purlTypeForOsvEcosystem, schemeForPurlType, versSchemeForPurlType } from '../identity/ecosystems.ts';
import { affected, indeterminate, notAffected, type RangeResult } from './result.ts';
import { CachedScheme, lookupScheme } from './schemes.ts';
import { formatVers, VersionSet, type VersResult } from './vers.ts';

export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export interface OsvRange {
  readonly type: string;
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
}

export interface OsvPackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly purl?: string;
}

export interface OsvAffected {
  readonly package?: OsvPackage;
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
}

export interface OsvRecord {
  readonly id?: string;
  readonly affected?: readonly OsvAffected[];
}

/** The Vigil scheme id for an OSV ecosystem string, or undefined when Vigil has no mapping. */
export function schemeForOsvEcosystem(ecosystem: string): string | undefined {
  const type = purlTypeForOsvEcosystem(ecosystem);
  return type ? schemeForPurlType(type) : undefined;
}

/** The vers type for an OSV ecosystem string. */
export function versTypeForOsvEcosystem(ecosystem: string): string | undefined {
  const type = purlTypeForOsvEcosystem(ecosystem);
  return type ? versSchemeForPurlType(type) : undefined;
}

interface Bound {
  readonly version: string;
  readonly parsed: unknown;
  readonly inclusive: boolean;
  readonly event: 'introduced' | 'fixed' | 'last_affected' | 'limit';
}

interface AffectedInterval {
  readonly lo?: Bound;
  readonly hi?: Bound;
}

/** A SEMVER or ECOSYSTEM range read into intervals under one scheme. */
export interface CompiledOsvRange {
  readonly type: string;
  readonly scheme: CachedScheme;
  readonly intervals: readonly AffectedInterval[];
}

function eventVersion(e: OsvEvent): { kind: Bound['event']; version: string } | undefined {
  if (typeof e.introduced === 'string') return { kind: 'introduced', version: e.introduced };
  if (typeof e.fixed === 'string') return { kind: 'fixed', version: e.fixed };
  if (typeof e.last_affected === 'string') return { kind: 'last_affected', version: e.last_affected };
  if (typeof e.limit === 'string') return { kind: 'limit', version: e.limit };
  return undefined;
}

/** Reads an OSV range's events into affected intervals; fails when a version does not parse. */
export function compileOsvRange(range: OsvRange, scheme: CachedScheme): VersResult<CompiledOsvRange> {
  if (!Array.isArray(range.events) || range.events.length === 0) return { ok: false, reason: `${range.type} range has no events` };
  const events: { kind: Bound['event']; version: string; parsed: unknown; zero: boolean }[] = [];
  for (const e of range.events) {
    const ev = e !== null && typeof e === 'object' ? eventVersion(e) : undefined;
    if (!ev) return { ok: false, reason: `unrecognised OSV event ${JSON.stringify(e)}` };
    const zero = ev.kind === 'introduced' && ev.version === '0';
    let parsed: unknown;
    if (!zero) {
      const p = scheme.parse(ev.version);
      if (!p.ok) return { ok: false, reason: `${ev.kind} '${ev.version}' is not a valid ${scheme.id} version: ${p.reason}` };
      parsed = p.value;
    }
    events.push({ ...ev, parsed, zero });
  }
  const limits = events.filter((e) => e.kind === 'limit');
  const ordered = events.filter((e) => e.kind !== 'limit');
  const rank = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 } as const;
  ordered.sort((a, b) => {
    if (a.zero || b.zero) return a.zero === b.zero ? 0 : a.zero ? -1 : 1;
    const o = scheme.compareParsed(a.parsed, b.parsed);
    return o !== 0 ? o : rank[a.kind] - rank[b.kind];
  });
  const intervals: AffectedInterval[] = [];
  let open: Bound | undefined;
  let isOpen = false;
  for (const e of ordered) {
    if (e.kind === 'introduced') {
      if (!isOpen) {
        isOpen = true;
        open = e.zero ? undefined : { version: e.version, parsed: e.parsed, inclusive: true, event: 'introduced' };
      }
    } else if (isOpen) {
      const hi: Bound = { version: e.version, parsed: e.parsed, inclusive: e.kind === 'last_affected', event: e.kind };
      intervals.push(open ? { lo: open, hi } : { hi });
      isOpen = false;
      open = undefined;
    }
  }
  if (isOpen) intervals.push(open ? { lo: open } : {});
  let capped = intervals;
  if (limits.length > 0) {
    let max = limits[0]!;
    for (const l of limits) if (scheme.compareParsed(l.parsed, max.parsed) > 0) max = l;
    const cap: Bound = { version: max.version, parsed: max.parsed, inclusive: false, event: 'limit' };
    capped = [];
    for (const iv of intervals) {
      if (iv.lo && scheme.compareParsed(iv.lo.parsed, cap.parsed) >= 0) continue;
      const hi = !iv.hi || scheme.compareParsed(iv.hi.parsed, cap.parsed) >= 0 ? cap : iv.hi;
      capped.push(iv.lo ? { lo: iv.lo, hi } : { hi });
    }
  }
  return { ok: true, value: { type: range.type, scheme, intervals: capped } };
}

function contains(scheme: CachedScheme, v: unknown, iv: AffectedInterval): boolean {
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

function describe(version: string, iv: AffectedInterval): string {
  const lo = iv.lo ? `≥ introduced ${iv.lo.version}` : 'introduced 0 (all earlier versions)';
  const hi = iv.hi ? ` and ${iv.hi.inclusive ? '≤' : '<'} ${iv.hi.event.replace('_', ' ')} ${iv.hi.version}` : ' with no fix recorded';
  return `${version} ${lo}${hi}`;
}

function intervalVers(iv: AffectedInterval): string {
  const parts: string[] = [];
  if (iv.lo) parts.push(`>=${iv.lo.version}`);
  if (iv.hi) parts.push(`${iv.hi.inclusive ? '<=' : '<'}${iv.hi.version}`);
  return parts.join('|') || '*';
}

/** The scheme for an OSV range type within an ecosystem. */
function schemeForRange(rangeType: string, ecosystem: string): VersResult<CachedScheme> {
  let id: string | undefined;
  if (rangeType === 'SEMVER') id = 'semver';
  else if (rangeType === 'ECOSYSTEM') {
    id = schemeForOsvEcosystem(ecosystem);
    if (!id) return { ok: false, reason: `unknown OSV ecosystem '${ecosystem}': no version scheme to compare ECOSYSTEM ranges` };
  } else return { ok: false, reason: `unsupported OSV range type '${rangeType}'` };
  const lookup = lookupScheme(id);
  if (!lookup.ok) return lookup;
  return { ok: true, value: new CachedScheme(lookup.scheme) };
}

function listed(versions: readonly string[] | undefined, version: string, ecosystem: string): string | undefined {
  if (!Array.isArray(versions)) return undefined;
  if (versions.includes(version)) return version;
  const id = schemeForOsvEcosystem(ecosystem);
  const lookup = id ? lookupScheme(id) : undefined;
  if (!lookup?.ok) return undefined;
  const scheme = new CachedScheme(lookup.scheme);
  return versions.find((v) => scheme.compare(v, version) === 0);
}

/** Evaluates one OSV `affected` entry for a package version. */
export function evaluateOsvAffected(entry: OsvAffected, version: string): RangeResult {
  const ecosystem = typeof entry.package?.ecosystem === 'string' ? entry.package.ecosystem : '';
  const pkg = entry.package ? `${String(entry.package.ecosystem)}/${String(entry.package.name)}` : 'the package';
  const hit = listed(entry.versions, version, ecosystem);
  if (hit !== undefined) {
    return affected(`${version} is listed in the affected versions of ${pkg}${hit !== version ? ` (as ${hit})` : ''}`, schemeForOsvEcosystem(ecosystem), `versions[${JSON.stringify(hit)}]`);
  }
  if (entry.ranges !== undefined && !Array.isArray(entry.ranges)) return indeterminate(`the OSV entry for ${pkg} has a malformed "ranges" field`);
  if (entry.versions !== undefined && !Array.isArray(entry.versions)) return indeterminate(`the OSV entry for ${pkg} has a malformed "versions" field`);
  const ranges = (entry.ranges ?? []).filter((r): r is OsvRange => r !== null && typeof r === 'object');
  const unresolved: string[] = [];
  let gitOnly = true;
  let usedScheme: string | undefined;
  for (const range of ranges) {
    if (range.type === 'GIT') {
      unresolved.push(`GIT range${range.repo ? ` of ${range.repo}` : ''} names commits, which cannot be compared with version ${version}`);
      continue;
    }
    gitOnly = false;
    const scheme = schemeForRange(range.type, ecosystem);
    if (!scheme.ok) {
      unresolved.push(scheme.reason);
      continue;
    }
    usedScheme = scheme.value.id;
    const compiled = compileOsvRange(range, scheme.value);
    if (!compiled.ok) {
      unresolved.push(`${range.type} range: ${compiled.reason}`);
      continue;
    }
    const p = scheme.value.parse(version);
    if (!p.ok) {
      unresolved.push(`'${version}' is not a valid ${scheme.value.id} version (${p.reason})`);
      continue;
    }
    for (const iv of compiled.value.intervals) {
      if (contains(scheme.value, p.value, iv)) {
        return affected(`${describe(version, iv)} (${scheme.value.id}, ${range.type} range of ${pkg})`, scheme.value.id, intervalVers(iv));
      }
    }
  }
  const hasList = Array.isArray(entry.versions) && entry.versions.length > 0;
  if (unresolved.length > 0) {
    if (gitOnly && hasList) {
      return notAffected(`${version} is not in the enumerated affected versions of ${pkg}; its GIT ranges cannot be evaluated against a version, so the list decides`, schemeForOsvEcosystem(ecosystem));
    }
    return indeterminate(`cannot decide whether ${version} of ${pkg} is affected: ${unresolved.join('; ')}`, usedScheme);
  }
  if (ranges.length === 0 && !hasList) return indeterminate(`the OSV entry for ${pkg} has neither ranges nor versions`);
  return notAffected(`${version} is outside every affected range of ${pkg}${hasList ? ' and not in its versions list' : ''} (${usedScheme ?? 'versions list'})`, usedScheme);
}

/**
 * Selects the `affected` entry of a record for a package: by name and/or ecosystem (the
 * release suffix of the ecosystem is ignored when the query has none); the only entry when
 * no selector is given.
 */
export function selectOsvAffected(record: OsvRecord, selector: { name?: string; ecosystem?: string } = {}): VersResult<OsvAffected> {
  const all = Array.isArray(record.affected) ? record.affected.filter((a): a is OsvAffected => a !== null && typeof a === 'object') : [];
  if (all.length === 0) return { ok: false, reason: `OSV record ${record.id ?? ''} has no affected entries`.replace('  ', ' ') };
  const base = (e: string): string => e.split(':')[0]!;
  const found = all.filter((a) => {
    if (selector.name !== undefined && a.package?.name !== selector.name) return false;
    if (selector.ecosystem !== undefined) {
      const eco = a.package?.ecosystem ?? '';
      if (eco !== selector.ecosystem && !(selector.ecosystem.indexOf(':') < 0 && base(eco) === selector.ecosystem)) return false;
    }
    return true;
  });
  if (found.length === 1) return { ok: true, value: found[0]! };
  const names = all.map((a) => `${a.package?.ecosystem ?? '?'}/${a.package?.name ?? '?'}`).join(', ');
  if (found.length === 0) return { ok: false, reason: `no affected entry matches${selector.name ? ` package '${selector.name}'` : ''}${selector.ecosystem ? ` ecosystem '${selector.ecosystem}'` : ''} (entries: ${names})` };
  return { ok: false, reason: `${found.length} affected entries match; choose one with a package name and ecosystem (entries: ${names})` };
}

/** Evaluates a record for a package version (see `selectOsvAffected` for the selection). */
export function evaluateOsvRecord(record: OsvRecord, version: string, selector: { name?: string; ecosystem?: string } = {}): RangeResult {
  const entry = selectOsvAffected(record, selector);
  if (!entry.ok) return indeterminate(entry.reason);
  return evaluateOsvAffected(entry.value, version);
}

/**
 * The vers strings for an affected entry: one per scheme used (ECOSYSTEM ranges and the
 * versions list under the ecosystem's vers type, SEMVER ranges under `semver`). Fails when a
 * range cannot be expressed (GIT ranges, unknown ecosystem, unparseable versions).
 */
export function osvAffectedToVers(entry: OsvAffected): VersResult<string[]> {
  const ecosystem = entry.package?.ecosystem ?? '';
  const sets = new Map<string, VersionSet>();
  const setFor = (type: string, scheme: CachedScheme): VersionSet => {
    let s = sets.get(type);
    if (!s) sets.set(type, (s = new VersionSet(scheme)));
    return s;
  };
  for (const range of entry.ranges ?? []) {
    if (range.type === 'GIT') return { ok: false, reason: 'a GIT range names commits and cannot be written as vers' };
    const scheme = schemeForRange(range.type, ecosystem);
    if (!scheme.ok) return scheme;
    const type = range.type === 'SEMVER' ? 'semver' : versTypeForOsvEcosystem(ecosystem);
    if (!type) return { ok: false, reason: `no vers type for OSV ecosystem '${ecosystem}'` };
    const compiled = compileOsvRange(range, scheme.value);
    if (!compiled.ok) return compiled;
    const set = setFor(type, scheme.value);
    for (const iv of compiled.value.intervals) {
      const r = set.addInterval(iv.lo, iv.hi);
      if (!r.ok) return r;
    }
  }
  if (entry.versions && entry.versions.length > 0) {
    const type = versTypeForOsvEcosystem(ecosystem);
    const id = schemeForOsvEcosystem(ecosystem);
    const lookup = id ? lookupScheme(id) : undefined;
    if (!type || !lookup?.ok) return { ok: false, reason: `no version scheme for OSV ecosystem '${ecosystem}'` };
    const set = setFor(type, sets.get(type)?.scheme ?? new CachedScheme(lookup.scheme));
    for (const v of entry.versions) {
      const r = set.addPoint(v);
      if (!r.ok) return r;
    }
  }
  const out: string[] = [];
  for (const [type, set] of [...sets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const cs = set.toConstraints();
    if (cs) out.push(formatVers({ type, constraints: cs }));
  }
  if (out.length === 0) return { ok: false, reason: 'the entry affects no version' };
  return { ok: true, value: out };
}

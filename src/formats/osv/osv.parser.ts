/**
 * OSV JSON record → normalised `Advisory`.
 *
 * Every record is validated against the official OSV schema (committed copy, see osv.schema.ts).
 * A record with a hard schema error becomes a `RecordProblem` naming the JSON path of the first
 * error; it never throws, so one bad record does not stop a batch. Soft errors (an id prefix or
 * ecosystem the committed schema does not list yet, an invalid reference URL) and lint findings
 * (a range whose events repeat the same version) are returned as warnings with the advisory.
 *
 * Normalisation:
 * - `source` is 'ghsa' for GHSA- ids (the GitHub advisory database), else 'osv' (or as given).
 * - purl: `package.purl` without its version, else built from ecosystem + name through the
 *   identity mapping (`purlForOsvEcosystem`); null when the ecosystem has no purl type.
 * - ranges kept in OSV form; `fixedVersions` from the `fixed` events of SEMVER/ECOSYSTEM ranges
 *   (GIT `fixed` events are commits, not versions).
 * - severities from the record and from each affected package: CVSS v2/v3/v4 scored, `Ubuntu`
 *   and GitHub's `database_specific.severity` kept as vendor ratings.
 * - CWE ids from `database_specific.cwe_ids` and GHSA's older `affected[].database_specific.cwes`.
 */
import type { Advisory, AdvisorySource, AffectedPackage, AffectedRange, RangeEvent, RecordProblem, Reference, Severity } from '../../domain/advisories/advisory.ts';
import { buildPurl, formatPurl, parsePurl } from '../../domain/identity/purl.ts';
import { purlForOsvEcosystem } from '../../domain/identity/ecosystems.ts';
import { isSoftSchemaError, osvValidator, type OsvSchemaError } from './osv.schema.ts';
import { osvSeverity } from './osv.severity.ts';

export interface OsvWarning {
  /** JSON path in the record. */
  readonly path: string;
  readonly message: string;
}

export type OsvParseResult =
  | { readonly ok: true; readonly advisory: Advisory; readonly warnings: readonly OsvWarning[] }
  | { readonly ok: false; readonly problem: RecordProblem };

export interface OsvParseOptions {
  /** Where the record came from (file name, archive entry, URL); prefixed to problem locations. */
  readonly location?: string;
  /** Force the advisory source; by default 'ghsa' for GHSA- ids, else 'osv'. */
  readonly source?: AdvisorySource;
  /** The name used in `RecordProblem.source` (default 'osv'). */
  readonly feed?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/u;

/** JSON pointer (ajv `instancePath`) → `$.affected[0].ranges[0].events`, telling indexes from keys by the data. */
export function pointerToJsonPath(pointer: string, data: unknown): string {
  if (pointer === '') return '$';
  let path = '$';
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/gu, '/').replace(/~0/gu, '~');
    if (Array.isArray(node) && /^\d+$/u.test(seg)) {
      path += `[${seg}]`;
      node = node[Number(seg)];
    } else {
      path += IDENT.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
      node = isObject(node) ? node[seg] : undefined;
    }
  }
  return path;
}

function describe(e: OsvSchemaError, data: unknown): { path: string; message: string } {
  const base = pointerToJsonPath(e.instancePath, data);
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { path: `${base}.${String(p.missingProperty)}`, message: 'is required' };
  if (e.keyword === 'additionalProperties') return { path: `${base}.${String(p.additionalProperty)}`, message: 'is not an OSV field' };
  if (e.keyword === 'pattern' && e.schemaPath === '#/$defs/prefix/pattern') return { path: base, message: 'has an id prefix the committed OSV schema does not list' };
  if (e.keyword === 'pattern' && e.schemaPath === '#/$defs/ecosystemWithSuffix/pattern') return { path: base, message: 'names an ecosystem the committed OSV schema does not list' };
  if (e.keyword === 'contains') return { path: base, message: 'must contain an "introduced" event' };
  if (e.keyword === 'enum') return { path: base, message: `must be one of ${((p.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}` };
  if (e.keyword === 'not' && /\/ranges\/items\/allOf\//u.test(e.schemaPath)) return { path: `${base}.events`, message: 'must not mix "fixed" and "last_affected" events in one range' };
  return { path: base, message: e.message ?? `fails the "${e.keyword}" rule` };
}

/**
 * ajv with allErrors reports, for a failed `oneOf`, every branch's complaint and then the `oneOf`
 * itself; and for `contains`, one `required` per item before the `contains`. Keep the errors
 * that explain the failure: drop branch errors below a reported oneOf/contains at the same place.
 */
function relevantErrors(errors: readonly OsvSchemaError[]): OsvSchemaError[] {
  const parents = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'contains');
  return errors.filter((e) => e.keyword !== 'if' && !parents.some((p) => e.schemaPath.startsWith(`${p.schemaPath}/`) && e.instancePath.startsWith(p.instancePath)));
}

function location(base: string | undefined, path: string): string {
  return base ? `${base} ${path}` : path;
}

function purlOf(pkg: JsonObject, ecosystem: string | null, name: string, warnings: OsvWarning[], path: string): string | null {
  const given = str(pkg.purl);
  if (given) {
    try {
      const p = parsePurl(given);
      return formatPurl({ ...p, version: null });
    } catch (e) {
      warnings.push({ path: `${path}.purl`, message: `invalid purl ignored: ${(e as Error).message}` });
    }
  }
  if (!ecosystem || !name) return null;
  const target = purlForOsvEcosystem(ecosystem);
  if (!target) return null;
  let namespace = target.namespace;
  let pkgName = name;
  const splitAt = target.type === 'maven' ? name.indexOf(':') : ['golang', 'composer', 'github', 'swift', 'npm'].includes(target.type) ? name.lastIndexOf('/') : -1;
  if (splitAt > 0) {
    namespace = name.slice(0, splitAt);
    pkgName = name.slice(splitAt + 1);
  }
  const release = ecosystem.includes(':') ? ecosystem.slice(ecosystem.indexOf(':') + 1) : '';
  const qualifiers: Record<string, string> = {};
  if (release && target.type === 'deb') qualifiers.distro = `${target.namespace ?? 'debian'}-${release.split(':')[0]!}`;
  if (release && target.type === 'apk' && target.namespace === 'alpine') qualifiers.distro = release.replace(/^v/u, '');
  if (release && target.type === 'rpm' && /^\d/u.test(release)) qualifiers.distro = `${target.namespace ?? 'rpm'}-${release}`;
  try {
    return formatPurl(buildPurl({ type: target.type, namespace, name: pkgName, qualifiers }));
  } catch (e) {
    warnings.push({ path: `${path}.name`, message: `no purl for ${ecosystem}/${name}: ${(e as Error).message}` });
    return null;
  }
}

function rangeEvents(v: unknown): RangeEvent[] {
  const out: RangeEvent[] = [];
  for (const ev of Array.isArray(v) ? v : []) {
    if (!isObject(ev)) continue;
    if (typeof ev.introduced === 'string') out.push({ introduced: ev.introduced });
    else if (typeof ev.fixed === 'string') out.push({ fixed: ev.fixed });
    else if (typeof ev.last_affected === 'string') out.push({ last_affected: ev.last_affected });
    else if (typeof ev.limit === 'string') out.push({ limit: ev.limit });
  }
  return out;
}

function eventValue(ev: RangeEvent): string {
  return 'introduced' in ev ? ev.introduced : 'fixed' in ev ? ev.fixed : 'last_affected' in ev ? ev.last_affected : ev.limit;
}

function affectedPackage(a: JsonObject, path: string, warnings: OsvWarning[], severities: Severity[], cwes: string[]): AffectedPackage {
  const pkg = isObject(a.package) ? a.package : {};
  const ecosystem = str(pkg.ecosystem);
  const name = str(pkg.name) ?? '';
  const ranges: AffectedRange[] = [];
  const fixedVersions: string[] = [];
  (Array.isArray(a.ranges) ? a.ranges : []).forEach((r, i) => {
    if (!isObject(r)) return;
    const type = r.type === 'SEMVER' || r.type === 'ECOSYSTEM' || r.type === 'GIT' ? r.type : null;
    if (!type) return;
    const events = rangeEvents(r.events);
    const seen = new Set<string>();
    for (const ev of events) {
      const value = eventValue(ev);
      const kind = Object.keys(ev)[0]!;
      if (seen.has(value) && value !== '0') warnings.push({ path: `${path}.ranges[${i}].events`, message: `version ${JSON.stringify(value)} appears in more than one event (${kind}); events must be distinct` });
      seen.add(value);
      if (type !== 'GIT' && 'fixed' in ev) fixedVersions.push(ev.fixed);
    }
    ranges.push(typeof r.repo === 'string' ? { type, repo: r.repo, events } : { type, events });
  });
  for (const s of Array.isArray(a.severity) ? a.severity : []) {
    if (isObject(s) && typeof s.type === 'string' && typeof s.score === 'string') {
      const sev = osvSeverity(s.type, s.score, null);
      if (sev) severities.push(sev);
    }
  }
  const db = isObject(a.database_specific) ? a.database_specific : undefined;
  if (db) {
    cwes.push(...strings(db.cwe_ids));
    for (const c of Array.isArray(db.cwes) ? db.cwes : []) if (isObject(c) && typeof c.cweId === 'string') cwes.push(c.cweId);
  }
  return {
    purl: purlOf(pkg, ecosystem, name, warnings, `${path}.package`),
    ecosystem,
    name,
    ranges,
    versions: strings(a.versions),
    fixedVersions: unique(fixedVersions),
    ...(a.ecosystem_specific !== undefined ? { ecosystemSpecific: a.ecosystem_specific } : {}),
    ...(db !== undefined ? { databaseSpecific: db } : {}),
  };
}

function severityKey(s: Severity): string {
  return `${s.type}\u0000${s.vector ?? ''}\u0000${s.rating ?? ''}`;
}

/** Parses one OSV record (already JSON-decoded). Never throws. */
export function parseOsvRecord(input: unknown, options: OsvParseOptions = {}): OsvParseResult {
  const feed = options.feed ?? 'osv';
  if (!isObject(input)) {
    return { ok: false, problem: { source: feed, id: null, location: location(options.location, '$'), reason: `an OSV record must be a JSON object, got ${Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input}` } };
  }
  const id = str(input.id);
  const validate = osvValidator();
  const warnings: OsvWarning[] = [];
  const badReferences = new Set<number>();
  if (!validate(input)) {
    const errors = relevantErrors(validate.errors ?? []);
    const hard = errors.filter((e) => !isSoftSchemaError(e));
    for (const e of errors.filter(isSoftSchemaError)) {
      const d = describe(e, input);
      warnings.push(d);
      const m = /^\/references\/(\d+)\/url$/u.exec(e.instancePath);
      if (m) badReferences.add(Number(m[1]));
    }
    if (hard.length > 0) {
      const described = hard.map((e) => describe(e, input));
      const distinct = [...new Map(described.map((d) => [`${d.path} ${d.message}`, d])).values()];
      const reason = distinct
        .slice(0, 3)
        .map((d) => `${d.path} ${d.message}`)
        .join('; ');
      return {
        ok: false,
        problem: { source: feed, id, location: location(options.location, distinct[0]!.path), reason: `invalid OSV record: ${reason}${distinct.length > 3 ? ` (and ${distinct.length - 3} more)` : ''}` },
      };
    }
  }
  if (id === null || typeof input.modified !== 'string') {
    return { ok: false, problem: { source: feed, id, location: location(options.location, '$'), reason: 'invalid OSV record: id and modified are required' } };
  }

  const severities: Severity[] = [];
  for (const s of Array.isArray(input.severity) ? input.severity : []) {
    if (isObject(s) && typeof s.type === 'string' && typeof s.score === 'string') {
      const sev = osvSeverity(s.type, s.score, null);
      if (sev) severities.push(sev);
    }
  }
  const cwes: string[] = [];
  const db = isObject(input.database_specific) ? input.database_specific : undefined;
  if (db) {
    cwes.push(...strings(db.cwe_ids));
    const ghSeverity = str(db.severity);
    if (ghSeverity) severities.push({ type: 'vendor', vector: null, score: null, rating: ghSeverity, source: id.startsWith('GHSA-') ? 'GitHub' : null });
  }
  const affected = (Array.isArray(input.affected) ? input.affected : []).filter(isObject).map((a, i) => affectedPackage(a, `$.affected[${i}]`, warnings, severities, cwes));
  for (const s of severities) {
    if (s.vector !== null && s.score === null) warnings.push({ path: '$.severity', message: `CVSS vector could not be scored: ${s.vector}` });
  }
  const references: Reference[] = [];
  (Array.isArray(input.references) ? input.references : []).forEach((r, i) => {
    if (isObject(r) && typeof r.type === 'string' && typeof r.url === 'string' && !badReferences.has(i)) references.push({ type: r.type, url: r.url });
  });
  const credits = (Array.isArray(input.credits) ? input.credits : []).filter(isObject).map((c) => str(c.name)).filter((n): n is string => n !== null);

  const advisory: Advisory = {
    source: options.source ?? (id.startsWith('GHSA-') ? 'ghsa' : 'osv'),
    id,
    aliases: unique(strings(input.aliases)).filter((a) => a !== id),
    related: unique(strings(input.related)).filter((a) => a !== id),
    summary: str(input.summary),
    details: str(input.details),
    published: str(input.published),
    modified: input.modified,
    withdrawn: str(input.withdrawn),
    affected,
    cpeConfigurations: [],
    csafProducts: [],
    severities: [...new Map(severities.map((s) => [severityKey(s), s])).values()],
    cwes: unique(cwes.filter((c) => /^CWE-\d+$/u.test(c))),
    references,
    credits: unique(credits),
  };
  return { ok: true, advisory, warnings };
}

export interface OsvDocumentResult {
  readonly advisories: Advisory[];
  readonly problems: RecordProblem[];
  readonly warnings: Array<{ readonly id: string; readonly warning: OsvWarning }>;
  /** The raw records of the advisories, by id. */
  readonly raw: Map<string, unknown>;
}

/**
 * Parses a JSON document holding one OSV record or an array of records (as `/v1/query` pages and
 * hand-made exports do). A document that is not JSON is one problem; each bad record is one problem.
 */
export function parseOsvDocument(text: string, options: OsvParseOptions = {}): OsvDocumentResult {
  const out: OsvDocumentResult = { advisories: [], problems: [], warnings: [], raw: new Map() };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    out.problems.push({ source: options.feed ?? 'osv', id: null, location: options.location ?? '$', reason: `not valid JSON: ${(e as Error).message}` });
    return out;
  }
  const records = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.vulns) ? data.vulns : [data];
  records.forEach((record, i) => {
    const where = Array.isArray(data) ? `${options.location ?? ''}[${i}]` : isObject(data) && Array.isArray(data.vulns) ? `${options.location ?? ''}.vulns[${i}]` : options.location;
    const r = parseOsvRecord(record, { ...options, ...(where !== undefined ? { location: where } : {}) });
    if (r.ok) {
      out.advisories.push(r.advisory);
      out.raw.set(r.advisory.id, record);
      for (const w of r.warnings) out.warnings.push({ id: r.advisory.id, warning: w });
    } else out.problems.push(r.problem);
  });
  return out;
}

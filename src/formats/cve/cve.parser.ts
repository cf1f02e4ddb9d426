/**
 * CVE JSON 5 record (CVE Record Format 5.0–5.2: `cveMetadata`, `containers.cna`, `containers.adp[]`)
 * → Advisory (source `cve`, id = the CVE id).
 *
 * The CVE Program's JSON schema is not among the shared conformance data and no npm package
 * ships it, so the fields used here are checked by hand; a record with missing or mistyped
 * required fields throws RecordError (JSON path + reason) and the caller reports and skips it.
 *
 * Mapping:
 * - `cveMetadata.state: REJECTED` → withdrawn (dateRejected, else dateUpdated); the rejected
 *   reasons become the details.
 * - `affected[]` (CNA first, then each ADP) → AffectedPackage: purl from `packageURL` when given,
 *   else derived from `collectionURL` + `packageName` for the registries below; name =
 *   packageName, else product. Each `affected`-status version with `lessThan` /
 *   `lessThanOrEqual` becomes a range (introduced → fixed / last_affected, `changes[]` adding
 *   further events); type GIT for versionType `git` (with `repo`), SEMVER for `semver`, else
 *   ECOSYSTEM. A lone affected version goes to `versions`; the version of an `unaffected` entry
 *   goes to `fixedVersions`. vendor, product, defaultStatus, cpes, platforms, versionType and the
 *   versions as written are kept in `databaseSpecific`, since `defaultStatus: affected` records
 *   (the Linux kernel's) describe what is *unaffected* and need the raw form to be evaluated.
 * - `cpeApplicability` (5.1+) → cpeConfigurations (same shape as NVD configurations).
 * - metrics `cvssV2_0` / `cvssV3_0` / `cvssV3_1` / `cvssV4_0` → Severity with the container's
 *   provider as source; `other` metrics of type `unknown` / textual ratings → a vendor rating.
 *   SSVC and KEV `other` metrics stay in the raw record.
 * - `problemTypes[].descriptions[].cweId` (or a `CWE-n` in the text) → cwes.
 */
import type { AffectedPackage, AffectedRange, Advisory, CpeConfiguration, RangeEvent, Reference, Severity } from '../../domain/advisories/advisory.ts';
import { osvEcosystemForPurl, osvPackageName } from '../../domain/identity/ecosystems.ts';
import { buildPurl, formatPurl, parsePurl, type Purl } from '../../domain/identity/purl.ts';
import { CVE_ID, cpeConfigurations, isObject, RecordError, referenceType, utcTimestamp } from '../nvd/nvd.parser.ts';

type Json = Record<string, unknown>;

function str(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new RecordError(`${path}.${key}`, `${key} must be a non-empty string`);
  return v;
}

function arr(o: Json, key: string, path: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new RecordError(`${path}.${key}`, `${key} must be an array`);
  return v;
}

function optString(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** True for a parsed JSON value that looks like a CVE JSON 5 record. */
export function isCveRecord(doc: unknown): boolean {
  return isObject(doc) && doc.dataType === 'CVE_RECORD' && isObject(doc.cveMetadata) && isObject(doc.containers);
}

/** Package registries named by `collectionURL` → purl type (and how the name is written). */
const COLLECTIONS: ReadonlyArray<{ readonly host: RegExp; readonly type: string }> = [
  { host: /^https?:\/\/(?:registry\.)?npmjs\.(?:org|com)/iu, type: 'npm' },
  { host: /^https?:\/\/(?:pypi\.org|pypi\.python\.org)/iu, type: 'pypi' },
  { host: /^https?:\/\/(?:repo1?\.maven\.(?:apache\.)?org|repo\.maven\.apache\.org|search\.maven\.org|central\.sonatype\.com)/iu, type: 'maven' },
  { host: /^https?:\/\/rubygems\.org/iu, type: 'gem' },
  { host: /^https?:\/\/crates\.io/iu, type: 'cargo' },
  { host: /^https?:\/\/(?:pkg\.go\.dev|proxy\.golang\.org)/iu, type: 'golang' },
  { host: /^https?:\/\/(?:repo\.)?packagist\.org/iu, type: 'composer' },
  { host: /^https?:\/\/(?:www\.|api\.)?nuget\.org/iu, type: 'nuget' },
  { host: /^https?:\/\/pub\.dev/iu, type: 'pub' },
  { host: /^https?:\/\/(?:repo\.)?hex\.pm/iu, type: 'hex' },
];

function purlFromCollection(collectionURL: string | null, packageName: string | null): Purl | null {
  if (!collectionURL) return null;
  const gh = /^https?:\/\/github\.com\/([^/]+)\/([^/#?]+?)(?:\.git)?\/?$/iu.exec(collectionURL);
  if (gh) return buildPurl({ type: 'github', namespace: gh[1]!, name: gh[2]! });
  const registry = COLLECTIONS.find((c) => c.host.test(collectionURL));
  if (!registry) return null;
  let name = packageName;
  if (!name) {
    // https://pypi.org/project/protobuf/, https://www.npmjs.com/package/x, https://crates.io/crates/x
    const m = /\/(?:project|package|packages|crates|gems)\/(.+?)\/?$/iu.exec(collectionURL);
    name = m ? decodeURIComponent(m[1]!) : null;
  }
  if (!name) return null;
  if (registry.type === 'maven') {
    const [group, artifact] = name.split(':');
    return artifact ? buildPurl({ type: 'maven', namespace: group!, name: artifact }) : null;
  }
  if (registry.type === 'npm' && name.startsWith('@') && name.includes('/')) {
    const slash = name.indexOf('/');
    return buildPurl({ type: 'npm', namespace: name.slice(0, slash), name: name.slice(slash + 1) });
  }
  if (registry.type === 'golang' || registry.type === 'composer') {
    const slash = name.lastIndexOf('/');
    return slash > 0 ? buildPurl({ type: registry.type, namespace: name.slice(0, slash), name: name.slice(slash + 1) }) : buildPurl({ type: registry.type, name });
  }
  return buildPurl({ type: registry.type, name });
}

const OPEN_LOWER = new Set(['0', '*', 'unspecified', 'n/a', '']);

function unbounded(bound: string): boolean {
  return bound.includes('*') || OPEN_LOWER.has(bound.toLowerCase());
}

function rangeType(versionType: string | null): AffectedRange['type'] {
  if (versionType === 'git') return 'GIT';
  if (versionType === 'semver') return 'SEMVER';
  return 'ECOSYSTEM';
}

function affectedPackage(a: unknown, path: string, provider: string | null): AffectedPackage {
  if (!isObject(a)) throw new RecordError(path, 'affected entry must be an object');
  const vendor = optString(a.vendor);
  const product = optString(a.product);
  const packageName = optString(a.packageName);
  const collectionURL = optString(a.collectionURL);
  let purl: Purl | null = null;
  const declared = optString(a.packageURL);
  if (declared) {
    try {
      const p = parsePurl(declared);
      purl = { ...p, version: null };
    } catch {
      throw new RecordError(`${path}.packageURL`, `not a valid purl: ${declared}`);
    }
  } else {
    try {
      purl = purlFromCollection(collectionURL, packageName);
    } catch {
      purl = null; // a collection URL we cannot turn into a valid purl: keep the names only
    }
  }
  const name = purl ? osvPackageName(purl) : (packageName ?? product ?? vendor);
  if (!name) throw new RecordError(path, 'affected entry names no product or package');
  const ranges: AffectedRange[] = [];
  const versions: string[] = [];
  const fixed = new Set<string>();
  const rawVersions = arr(a, 'versions', path);
  rawVersions.forEach((v, i) => {
    const vp = `${path}.versions[${i}]`;
    if (!isObject(v)) throw new RecordError(vp, 'version entry must be an object');
    const version = str(v, 'version', vp);
    const status = v.status;
    if (status !== 'affected' && status !== 'unaffected' && status !== 'unknown') throw new RecordError(`${vp}.status`, `status must be affected, unaffected or unknown`);
    const lessThan = optString(v.lessThan);
    const lessThanOrEqual = optString(v.lessThanOrEqual);
    const versionType = optString(v.versionType);
    if (status === 'unaffected') {
      if (!OPEN_LOWER.has(version) && versionType !== 'original_commit_for_fix') fixed.add(version);
      return;
    }
    if (status !== 'affected') return;
    if (!lessThan && !lessThanOrEqual) {
      versions.push(version);
      return;
    }
    const events: RangeEvent[] = [{ introduced: OPEN_LOWER.has(version) ? '0' : version }];
    const changes = arr(v, 'changes', vp);
    changes.forEach((c, j) => {
      if (!isObject(c)) throw new RecordError(`${vp}.changes[${j}]`, 'change must be an object');
      const at = str(c, 'at', `${vp}.changes[${j}]`);
      if (c.status === 'unaffected') {
        events.push({ fixed: at });
        fixed.add(at);
      } else if (c.status === 'affected') events.push({ introduced: at });
    });
    // `*`, `5.15.*`, `log4j-core*`, `unspecified`: no usable upper bound (kept raw in databaseSpecific)
    if (lessThan && !unbounded(lessThan)) {
      events.push({ fixed: lessThan });
      fixed.add(lessThan);
    } else if (lessThanOrEqual && !unbounded(lessThanOrEqual)) events.push({ last_affected: lessThanOrEqual });
    const type = rangeType(versionType);
    const repo = optString(a.repo);
    ranges.push(type === 'GIT' && repo ? { type, repo, events } : { type, events });
  });
  return {
    purl: purl ? formatPurl(purl) : null,
    ecosystem: purl ? (osvEcosystemForPurl(purl) ?? null) : null,
    name,
    ranges,
    versions,
    fixedVersions: [...fixed],
    databaseSpecific: {
      provider,
      vendor,
      product,
      packageName,
      collectionURL,
      repo: optString(a.repo),
      defaultStatus: optString(a.defaultStatus),
      cpes: Array.isArray(a.cpes) ? a.cpes : [],
      platforms: Array.isArray(a.platforms) ? a.platforms : [],
      versions: rawVersions,
    },
  };
}

const CVSS_KEYS = [
  ['cvssV4_0', 'CVSS_V4'],
  ['cvssV3_1', 'CVSS_V3'],
  ['cvssV3_0', 'CVSS_V3'],
  ['cvssV2_0', 'CVSS_V2'],
] as const;

function metrics(list: unknown[], path: string, provider: string | null): Severity[] {
  const out: Severity[] = [];
  list.forEach((m, i) => {
    const mp = `${path}[${i}]`;
    if (!isObject(m)) throw new RecordError(mp, 'metric must be an object');
    for (const [key, type] of CVSS_KEYS) {
      const c = m[key];
      if (c === undefined) continue;
      if (!isObject(c)) throw new RecordError(`${mp}.${key}`, `${key} must be an object`);
      const vector = str(c, 'vectorString', `${mp}.${key}`);
      const score = c.baseScore;
      if (typeof score !== 'number' || score < 0 || score > 10) throw new RecordError(`${mp}.${key}.baseScore`, 'baseScore must be a number 0–10');
      out.push({ type, vector, score, rating: optString(c.baseSeverity), source: provider });
    }
    const other = m.other;
    if (isObject(other) && other.type !== 'ssvc' && other.type !== 'kev' && isObject(other.content)) {
      const text = Object.values(other.content).find((v): v is string => typeof v === 'string' && v.length <= 40);
      if (text) out.push({ type: 'vendor', vector: null, score: null, rating: text, source: provider });
    }
  });
  return out;
}

function problemTypeCwes(list: unknown[], path: string, into: Set<string>): void {
  list.forEach((pt, i) => {
    if (!isObject(pt)) throw new RecordError(`${path}[${i}]`, 'problem type must be an object');
    for (const d of arr(pt, 'descriptions', `${path}[${i}]`)) {
      if (!isObject(d)) continue;
      const id = optString(d.cweId) ?? /\bCWE-\d+\b/u.exec(typeof d.description === 'string' ? d.description : '')?.[0] ?? null;
      if (id && /^CWE-\d+$/u.test(id)) into.add(id);
    }
  });
}

function references(list: unknown[], path: string, seen: Set<string>, out: Reference[]): void {
  list.forEach((r, i) => {
    if (!isObject(r)) throw new RecordError(`${path}[${i}]`, 'reference must be an object');
    const url = str(r, 'url', `${path}[${i}]`);
    if (seen.has(url)) return;
    seen.add(url);
    const tags = Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/-/gu, ' ')) : [];
    out.push({ type: referenceType(tags), url });
  });
}

function english(list: unknown[]): string | null {
  const texts = list.filter((d): d is Json => isObject(d) && typeof d.value === 'string');
  const en = texts.find((d) => typeof d.lang === 'string' && /^en\b/iu.test(d.lang)) ?? texts[0];
  return en ? (en.value as string) : null;
}

/** One CVE JSON 5 record → Advisory; throws RecordError (JSON path + reason) when malformed. */
export function parseCveRecord(doc: unknown, path = '$'): Advisory {
  if (!isObject(doc)) throw new RecordError(path, 'record must be an object');
  if (doc.dataType !== 'CVE_RECORD') throw new RecordError(`${path}.dataType`, 'dataType must be CVE_RECORD');
  if (typeof doc.dataVersion !== 'string' || !/^5\.\d+(?:\.\d+)?$/u.test(doc.dataVersion)) throw new RecordError(`${path}.dataVersion`, 'dataVersion must be 5.x');
  const meta = doc.cveMetadata;
  if (!isObject(meta)) throw new RecordError(`${path}.cveMetadata`, 'cveMetadata must be an object');
  const id = str(meta, 'cveId', `${path}.cveMetadata`);
  if (!CVE_ID.test(id)) throw new RecordError(`${path}.cveMetadata.cveId`, `not a CVE id: ${JSON.stringify(id)}`);
  const state = meta.state;
  if (state !== 'PUBLISHED' && state !== 'REJECTED') throw new RecordError(`${path}.cveMetadata.state`, 'state must be PUBLISHED or REJECTED');
  const containers = doc.containers;
  if (!isObject(containers) || !isObject(containers.cna)) throw new RecordError(`${path}.containers.cna`, 'containers.cna must be an object');
  const cna = containers.cna;
  const ts = (k: string): string | null => (typeof meta[k] === 'string' ? utcTimestamp(meta[k] as string, `${path}.cveMetadata.${k}`) : null);
  const published = ts('datePublished');
  const modified = ts('dateUpdated') ?? published ?? ts('dateRejected') ?? ts('dateReserved');
  if (!modified) throw new RecordError(`${path}.cveMetadata.dateUpdated`, 'no dateUpdated, datePublished or dateRejected');
  const withdrawn = state === 'REJECTED' ? (ts('dateRejected') ?? modified) : null;

  const containersList: Array<{ c: Json; p: string }> = [{ c: cna, p: `${path}.containers.cna` }];
  arr(containers, 'adp', `${path}.containers`).forEach((c, i) => {
    if (!isObject(c)) throw new RecordError(`${path}.containers.adp[${i}]`, 'adp container must be an object');
    containersList.push({ c, p: `${path}.containers.adp[${i}]` });
  });
  const affected: AffectedPackage[] = [];
  const configs: CpeConfiguration[] = [];
  const severities: Severity[] = [];
  const cwes = new Set<string>();
  const refs: Reference[] = [];
  const seenRefs = new Set<string>();
  const credits: string[] = [];
  for (const { c, p } of containersList) {
    const provider = isObject(c.providerMetadata) ? optString(c.providerMetadata.shortName) : null;
    arr(c, 'affected', p).forEach((a, i) => affected.push(affectedPackage(a, `${p}.affected[${i}]`, provider)));
    configs.push(...cpeConfigurations(arr(c, 'cpeApplicability', p), `${p}.cpeApplicability`));
    severities.push(...metrics(arr(c, 'metrics', p), `${p}.metrics`, provider));
    problemTypeCwes(arr(c, 'problemTypes', p), `${p}.problemTypes`, cwes);
    references(arr(c, 'references', p), `${p}.references`, seenRefs, refs);
    for (const cr of arr(c, 'credits', p)) if (isObject(cr) && typeof cr.value === 'string') credits.push(cr.value);
  }
  const details = state === 'REJECTED' ? english(arr(cna, 'rejectedReasons', `${path}.containers.cna`)) : english(arr(cna, 'descriptions', `${path}.containers.cna`));
  return {
    source: 'cve',
    id,
    aliases: [],
    related: [],
    summary: optString(cna.title),
    details,
    published,
    modified,
    withdrawn,
    affected,
    cpeConfigurations: configs,
    csafProducts: [],
    severities,
    cwes: [...cwes],
    references: refs,
    credits,
  };
}

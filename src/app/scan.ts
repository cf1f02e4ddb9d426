/**
 * Offline SBOM scan (`vigil scan`, docs/scan.md): the components of one parsed SBOM against the
 * advisories an intelligence provider offers for them → explained, alias-grouped findings with
 * severity, KEV and EPSS, the ignore file applied.
 *
 * Pure except the provider (`ScanIntel`): a Vigil database or an in-memory index of a mirror
 * bundle. "Today" (for ignore-entry expiry) comes in as a parameter.
 */
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Advisory } from '../domain/advisories/advisory.ts';
import { primaryIdentifier } from '../domain/advisories/alias-merge.ts';
import { affectedPackageKey, cpeVendorProduct, maxCvssScore } from '../domain/advisories/keys.ts';
import { VigilError } from '../domain/errors.ts';
import type { ParsedSbom, SbomComponent } from '../domain/inventory/sbom.ts';
import { componentCsafKeys, csafProductKeys, groupFindings, matchComponent, prepareComponent, type MatchConfidence, type MatchResult, type MatchStatus, type PreparedComponent } from '../domain/matching/index.ts';

// ── Ports ─────────────────────────────────────────────────────────────────────────────────────

export interface ScanCandidate {
  readonly advisory: Advisory;
  /** Primary identifier of the advisory's alias group (a CVE when the group has exactly one). */
  readonly primaryId: string;
}

export interface ScanGroupInfo {
  readonly primaryId: string;
  /** Every identifier of the alias group (CVE, GHSA, OSV ids…). */
  readonly identifiers: readonly string[];
  readonly maxCvss: number | null;
  readonly summary: string | null;
  readonly kev: { readonly dateAdded: string; readonly dueDate: string | null; readonly ransomware: boolean } | null;
  readonly epss: { readonly epss: number; readonly percentile: number; readonly date: string } | null;
}

/** Where the scan gets its intelligence from. */
export interface ScanIntel {
  candidates(packageKeys: readonly string[], vendorProducts: readonly string[]): Promise<ScanCandidate[]>;
  group(primaryId: string): Promise<ScanGroupInfo | null>;
}

// ── Results ───────────────────────────────────────────────────────────────────────────────────

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';
export type FailOn = 'critical' | 'high' | 'medium' | 'low' | 'any';
export const FAIL_ON_VALUES: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'any'];
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 4, high: 3, medium: 2, low: 1, unknown: 0 };

export interface ScanFinding {
  /** The alias group's primary identifier. */
  readonly id: string;
  /** The group's other identifiers, sorted. */
  readonly aliases: readonly string[];
  readonly status: MatchStatus;
  readonly confidence: MatchConfidence;
  /** Effective severity: from the highest CVSS of the group, `critical` when KEV-listed. */
  readonly severity: Severity;
  readonly maxCvss: number | null;
  readonly kev: ScanGroupInfo['kev'];
  readonly epss: ScanGroupInfo['epss'];
  readonly summary: string | null;
  readonly cwes: readonly string[];
  /** CVSS severities of the finding's advisories (for ratings). */
  readonly severities: ReadonlyArray<{ readonly source: string; readonly advisoryId: string; readonly type: string; readonly vector: string | null; readonly score: number | null }>;
  readonly component: {
    readonly ref: string;
    readonly name: string;
    readonly group: string | null;
    readonly version: string | null;
    readonly purl: string | null;
    readonly cpe: string | null;
  };
  readonly fixedVersions: readonly string[];
  readonly advisories: ReadonlyArray<{ readonly source: string; readonly id: string }>;
  /** Every match result behind the finding, strongest first. */
  readonly evidence: readonly MatchResult[];
}

export interface IgnoreRule {
  readonly id: string;
  readonly component?: string;
  readonly reason: string;
  readonly expires: string;
}

export interface ScanReport {
  readonly sbom: { readonly specVersion: string; readonly serialNumber: string | null; readonly subject: ParsedSbom['metadata']['subject']; readonly components: number };
  /** Findings not suppressed, sorted: affected before indeterminate, severity, id, component. */
  readonly findings: readonly ScanFinding[];
  readonly suppressed: ReadonlyArray<{ readonly finding: ScanFinding; readonly rule: IgnoreRule; readonly ruleIndex: number }>;
  readonly ignore: {
    /** Entries past their expiry date: they no longer suppress anything. */
    readonly expired: ReadonlyArray<{ readonly rule: IgnoreRule; readonly ruleIndex: number; readonly wouldMatch: number }>;
    /** Live entries that matched no finding. */
    readonly unused: ReadonlyArray<{ readonly rule: IgnoreRule; readonly ruleIndex: number }>;
  };
  readonly counts: { readonly affected: number; readonly indeterminate: number; readonly suppressed: number; readonly bySeverity: Readonly<Record<Severity, number>> };
}

// ── Severity and threshold ────────────────────────────────────────────────────────────────────

export function severityFromCvss(score: number | null): Severity {
  if (score === null || !(score > 0)) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/**
 * Does a finding trip `--fail-on`? Affected findings: severity at or above the threshold
 * (`unknown` only for `any`). Indeterminate findings: only for `any` (conservative).
 */
export function tripsThreshold(f: Pick<ScanFinding, 'status' | 'severity'>, failOn: FailOn): boolean {
  if (failOn === 'any') return true;
  if (f.status !== 'affected') return false;
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn];
}

// ── Ignore file ───────────────────────────────────────────────────────────────────────────────

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

export const IGNORE_FILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Vigil scan ignore file',
  type: 'object',
  additionalProperties: false,
  required: ['ignore'],
  properties: {
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'reason', 'expires'],
        properties: {
          id: { type: 'string', minLength: 1, description: 'any identifier of the vulnerability group (CVE-…, GHSA-…, OSV id)' },
          component: { type: 'string', minLength: 1, description: 'purl prefix or exact component name; omitted = every component' },
          reason: { type: 'string', minLength: 1, pattern: '\\S' },
          expires: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      },
    },
  },
} as const;

let ignoreValidator: ReturnType<InstanceType<typeof Ajv>['compile']> | null = null;

function jsonPath(pointer: string): string {
  let out = '$';
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  }
  return out;
}

/**
 * Reads an ignore file (JSON). Throws `SCAN_IGNORE_INVALID` naming the file, the JSON path and
 * the problem: unknown keys, missing `reason` or `expires`, a malformed date.
 */
export function parseIgnoreFile(text: string, source: string): IgnoreRule[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new VigilError('SCAN_IGNORE_INVALID', `${source}: not valid JSON: ${(err as Error).message}`, { file: source });
  }
  if (!ignoreValidator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv, ['date']);
    ignoreValidator = ajv.compile(IGNORE_FILE_SCHEMA);
  }
  if (!ignoreValidator(doc)) {
    const issues = (ignoreValidator.errors ?? []).map((e) => {
      const p = e.params as { additionalProperty?: string; missingProperty?: string };
      if (e.keyword === 'additionalProperties') return { path: jsonPath(`${e.instancePath}/${p.additionalProperty}`), message: 'unknown key (allowed: ignore; in an entry: id, component, reason, expires)' };
      if (e.keyword === 'required') return { path: jsonPath(`${e.instancePath}/${p.missingProperty}`), message: 'is required' };
      if (e.instancePath.endsWith('/expires')) return { path: jsonPath(e.instancePath), message: 'must be a date YYYY-MM-DD' };
      return { path: jsonPath(e.instancePath), message: e.message ?? 'is invalid' };
    });
    // Unknown keys first: a misspelt key is the likely cause of a "required" error beside it.
    const unique = issues
      .filter((x, i) => issues.findIndex((y) => y.path === x.path && y.message === x.message) === i)
      .sort((a, b) => Number(b.message.startsWith('unknown key')) - Number(a.message.startsWith('unknown key')));
    const first = unique[0]!;
    throw new VigilError('SCAN_IGNORE_INVALID', `${source}: ${first.path} ${first.message}${unique.length > 1 ? ` (and ${unique.length - 1} more problem${unique.length > 2 ? 's' : ''})` : ''}`, {
      file: source,
      errors: unique,
    });
  }
  return (doc as { ignore: IgnoreRule[] }).ignore.map((r) => ({ ...r }));
}

function ruleMatches(rule: IgnoreRule, f: ScanFinding): boolean {
  if (rule.id !== f.id && !f.aliases.includes(rule.id) && !f.advisories.some((a) => a.id === rule.id)) return false;
  if (rule.component === undefined) return true;
  return (f.component.purl !== null && f.component.purl.startsWith(rule.component)) || f.component.name === rule.component;
}

// ── The use case ──────────────────────────────────────────────────────────────────────────────

export interface ScanOptions {
  readonly ignore?: readonly IgnoreRule[];
  /** Today's date, YYYY-MM-DD: entries whose `expires` is before it no longer suppress. */
  readonly today: string;
  /** Called every `progressEvery` components (for big SBOMs). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
}

/** Look-up keys of one component, as the store indexes advisories (domain/advisories/keys.ts). */
export function componentKeys(c: PreparedComponent): { packageKeys: string[]; vendorProducts: string[] } {
  const packageKeys = c.packages.map((p) => p.key);
  packageKeys.push(...componentCsafKeys(c.component));
  const vendorProducts: string[] = [];
  if (c.cpe) {
    const vp = cpeVendorProduct(c.cpe.text);
    if (vp) vendorProducts.push(vp);
  }
  return { packageKeys, vendorProducts };
}

const BATCH = 200;

export async function scanSbom(deps: { intel: ScanIntel }, sbom: ParsedSbom, opts: ScanOptions): Promise<ScanReport> {
  const components = new Map<string, SbomComponent>();
  for (const c of sbom.components) components.set(c.ref, c);
  const results: MatchResult[] = [];
  const groupOf = new Map<string, string>();
  const advisoryData = new Map<string, Advisory>();
  const total = sbom.components.length;
  const every = opts.progressEvery ?? 500;
  for (let i = 0; i < total; i += BATCH) {
    const slice = sbom.components.slice(i, i + BATCH).map((c) => prepareComponent(c));
    const pk = new Set<string>();
    const vp = new Set<string>();
    const perComponent = slice.map((c) => {
      const k = componentKeys(c);
      k.packageKeys.forEach((x) => pk.add(x));
      k.vendorProducts.forEach((x) => vp.add(x));
      return k;
    });
    const candidates = pk.size || vp.size ? await deps.intel.candidates([...pk].sort(), [...vp].sort()) : [];
    const byKey = new Map<string, Advisory[]>();
    for (const cand of candidates) {
      const ak = `${cand.advisory.source}\u0000${cand.advisory.id}`;
      groupOf.set(ak, cand.primaryId);
      advisoryData.set(ak, cand.advisory);
      for (const key of advisoryKeys(cand.advisory)) {
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        if (!list.includes(cand.advisory)) list.push(cand.advisory);
      }
    }
    slice.forEach((c, j) => {
      const mine = new Set<Advisory>();
      for (const key of [...perComponent[j]!.packageKeys, ...perComponent[j]!.vendorProducts.map((v) => `cpe:${v}`)]) for (const a of byKey.get(key) ?? []) mine.add(a);
      if (mine.size) results.push(...matchComponent(c, [...mine]));
    });
    const done = Math.min(total, i + BATCH);
    if (opts.onProgress && (Math.floor(done / every) > Math.floor(i / every) || done === total)) opts.onProgress(done, total);
  }

  const grouped = groupFindings(results, (source, id) => groupOf.get(`${source}\u0000${id}`) ?? id);
  const infoCache = new Map<string, ScanGroupInfo | null>();
  const all: ScanFinding[] = [];
  for (const g of grouped) {
    if (!infoCache.has(g.groupKey)) infoCache.set(g.groupKey, await deps.intel.group(g.groupKey));
    const info = infoCache.get(g.groupKey) ?? null;
    const advs = g.advisories.map((a) => advisoryData.get(`${a.source}\u0000${a.id}`)).filter((a): a is Advisory => a !== undefined);
    const identifiers = new Set<string>(info?.identifiers ?? []);
    for (const a of advs) [a.id, ...a.aliases].forEach((x) => identifiers.add(x));
    identifiers.delete(g.groupKey);
    let maxCvss = info?.maxCvss ?? null;
    for (const a of advs) {
      const s = maxCvssScore(a);
      if (s !== null && (maxCvss === null || s > maxCvss)) maxCvss = s;
    }
    const kev = info?.kev ?? null;
    const c = components.get(g.componentRef)!;
    all.push({
      id: g.groupKey,
      aliases: [...identifiers].sort(),
      status: g.status,
      confidence: g.confidence,
      severity: kev ? 'critical' : severityFromCvss(maxCvss),
      maxCvss,
      kev,
      epss: info?.epss ?? null,
      summary: info?.summary ?? groupSummary(advs),
      cwes: [...new Set(advs.flatMap((a) => a.cwes))].sort(),
      severities: advs
        .flatMap((a) => a.severities.filter((x) => x.type !== 'vendor').map((x) => ({ source: a.source, advisoryId: a.id, type: x.type, vector: x.vector, score: x.score })))
        .sort((a, b) => cmp(a.source, b.source) || cmp(a.advisoryId, b.advisoryId) || cmp(a.type, b.type) || cmp(a.vector ?? '', b.vector ?? '')),
      component: { ref: c.ref, name: c.name, group: c.group, version: c.version, purl: c.purl, cpe: c.cpe },
      fixedVersions: g.fixedVersions,
      advisories: [...g.advisories].sort((a, b) => cmp(a.source, b.source) || cmp(a.id, b.id)),
      evidence: g.evidence,
    });
  }
  all.sort(compareFindings);

  const rules = opts.ignore ?? [];
  const live = rules.map((r, i) => ({ rule: r, ruleIndex: i })).filter((x) => x.rule.expires >= opts.today);
  const expired = rules.map((r, i) => ({ rule: r, ruleIndex: i })).filter((x) => x.rule.expires < opts.today);
  const used = new Set<number>();
  const findings: ScanFinding[] = [];
  const suppressed: Array<{ finding: ScanFinding; rule: IgnoreRule; ruleIndex: number }> = [];
  for (const f of all) {
    const hit = live.find((x) => ruleMatches(x.rule, f));
    if (hit) {
      used.add(hit.ruleIndex);
      suppressed.push({ finding: f, rule: hit.rule, ruleIndex: hit.ruleIndex });
    } else findings.push(f);
  }
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const f of findings) if (f.status === 'affected') bySeverity[f.severity] += 1;
  return {
    sbom: { specVersion: sbom.specVersion, serialNumber: sbom.serialNumber, subject: sbom.metadata.subject, components: total },
    findings,
    suppressed,
    ignore: {
      expired: expired.map((x) => ({ ...x, wouldMatch: all.filter((f) => ruleMatches(x.rule, f)).length })),
      unused: live.filter((x) => !used.has(x.ruleIndex)),
    },
    counts: {
      affected: findings.filter((f) => f.status === 'affected').length,
      indeterminate: findings.filter((f) => f.status === 'indeterminate').length,
      suppressed: suppressed.length,
      bySeverity,
    },
  };
}

/** The keys under which an advisory is found (same as the store's index), CPE ones prefixed `cpe:`. */
export function advisoryKeys(a: Advisory): string[] {
  const keys = new Set<string>();
  for (const p of a.affected) keys.add(affectedPackageKey(p));
  for (const config of a.cpeConfigurations)
    for (const node of config.nodes)
      for (const m of node.cpeMatch) {
        const vp = cpeVendorProduct(m.criteria);
        if (vp) keys.add(`cpe:${vp}`);
      }
  for (const product of a.csafProducts) {
    const vp = product.helpers.cpe ? cpeVendorProduct(product.helpers.cpe) : null;
    if (vp) keys.add(`cpe:${vp}`);
    if (product.helpers.purl) keys.add(affectedPackageKey({ purl: product.helpers.purl, ecosystem: null, name: product.name, ranges: [], versions: [], fixedVersions: [] }));
    else for (const k of csafProductKeys(product)) keys.add(k);
  }
  return [...keys];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const SUMMARY_SOURCE_RANK: Readonly<Record<string, number>> = { nvd: 0, cve: 1, ghsa: 2 };

/** A group's summary as the store gives it: an advisory's summary, else the first line of its details; NVD first, then CVE, GHSA, others. */
export function groupSummary(advisories: readonly Advisory[]): string | null {
  const texts = advisories
    .map((a) => ({ a, text: a.summary ?? (a.details ? a.details.split('\n')[0]!.slice(0, 300) : null) }))
    .filter((x): x is { a: Advisory; text: string } => x.text !== null)
    .sort((x, y) => (SUMMARY_SOURCE_RANK[x.a.source] ?? 3) - (SUMMARY_SOURCE_RANK[y.a.source] ?? 3) || cmp(x.a.source, y.a.source) || cmp(x.a.id, y.a.id));
  return texts[0]?.text ?? null;
}

export function compareFindings(a: ScanFinding, b: ScanFinding): number {
  if (a.status !== b.status) return a.status === 'affected' ? -1 : 1;
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (b.maxCvss ?? -1) - (a.maxCvss ?? -1) ||
    cmp(a.id, b.id) ||
    cmp(a.component.name, b.component.name) ||
    cmp(a.component.version ?? '', b.component.version ?? '') ||
    cmp(a.component.ref, b.component.ref)
  );
}

// ── In-memory intelligence (mirror bundle) ────────────────────────────────────────────────────

export interface MemoryIntelInput {
  readonly advisories: Iterable<Advisory>;
  readonly kev: Iterable<{ cveId: string; dateAdded: string; dueDate?: string | null; knownRansomwareCampaignUse?: string }>;
  readonly epss: Iterable<{ cve: string; epss: number; percentile: number; date: string }>;
}

/**
 * An in-memory `ScanIntel` over advisories (e.g. read from a bundle): alias groups built the
 * way the store builds them (id + aliases, transitively; primary = the only CVE, else the
 * smallest id), indexed by the store's keys. Withdrawn advisories are kept (the matcher skips them).
 */
export function memoryIntel(input: MemoryIntelInput): ScanIntel {
  const advisories = [...input.advisories];
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    let c = x;
    while (parent.get(c)! !== r) {
      const n = parent.get(c)!;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  for (const a of advisories) {
    const ids = [a.id, ...a.aliases].filter((x) => x.length > 0);
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    for (const id of ids.slice(1)) {
      const ra = find(ids[0]!);
      const rb = find(id);
      if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
    }
  }
  const members = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const r = find(id);
    let m = members.get(r);
    if (!m) members.set(r, (m = []));
    m.push(id);
  }
  const primaryOfRoot = new Map<string, string>();
  const groups = new Map<string, { identifiers: string[]; advisories: Advisory[] }>();
  for (const [root, ids] of members) {
    const primary = primaryIdentifier(ids);
    primaryOfRoot.set(root, primary);
    groups.set(primary, { identifiers: [...ids].sort(), advisories: [] });
  }
  const byKey = new Map<string, Array<{ advisory: Advisory; primaryId: string }>>();
  for (const a of advisories) {
    const primaryId = primaryOfRoot.get(find(a.id))!;
    groups.get(primaryId)!.advisories.push(a);
    for (const key of advisoryKeys(a)) {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push({ advisory: a, primaryId });
    }
  }
  const kev = new Map<string, ScanGroupInfo['kev'] & object>();
  for (const k of input.kev) kev.set(k.cveId, { dateAdded: k.dateAdded, dueDate: k.dueDate ?? null, ransomware: k.knownRansomwareCampaignUse === 'Known' });
  const epss = new Map<string, { epss: number; percentile: number; date: string }>();
  for (const e of input.epss) {
    const prior = epss.get(e.cve);
    if (!prior || e.date > prior.date) epss.set(e.cve, { epss: e.epss, percentile: e.percentile, date: e.date });
  }
  return {
    async candidates(packageKeys, vendorProducts) {
      const out = new Map<string, ScanCandidate>();
      for (const key of [...packageKeys, ...vendorProducts.map((v) => `cpe:${v}`)])
        for (const c of byKey.get(key) ?? []) out.set(`${c.advisory.source}\u0000${c.advisory.id}`, c);
      return [...out.entries()].sort(([a], [b]) => cmp(a, b)).map(([, c]) => c);
    },
    async group(primaryId) {
      const g = groups.get(primaryId);
      if (!g) return null;
      const cves = g.identifiers.filter((i) => i.startsWith('CVE-'));
      let maxCvss: number | null = null;
      for (const a of g.advisories) {
        const s = maxCvssScore(a);
        if (s !== null && (maxCvss === null || s > maxCvss)) maxCvss = s;
      }
      const kevHit = cves.map((c) => kev.get(c)).filter((x) => x !== undefined).sort((a, b) => cmp(a.dateAdded, b.dateAdded))[0] ?? null;
      const epssHit = cves.map((c) => epss.get(c)).filter((x) => x !== undefined).sort((a, b) => b.epss - a.epss)[0] ?? null;
      return { primaryId, identifiers: g.identifiers, maxCvss, summary: groupSummary(g.advisories), kev: kevHit, epss: epssHit };
    },
  };
}

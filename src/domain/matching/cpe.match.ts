/**
 * The CPE route (confidence low): NVD configurations. A `vulnerable: true` cpeMatch criterion
 * whose non-version attributes match the component's CPE (NIST IR 7696) and whose version
 * bounds contain the component's version. Criteria are parsed once per advisory and indexed
 * by vendor/product; version bounds are parsed once per (criterion, scheme).
 *
 * AND configurations ("vulnerable X running on platform Y"): Vigil knows the component, not
 * what it runs on, so the other nodes cannot be checked. The match is reported as affected,
 * confidence low, with each unchecked node named in `evidence.conditions` — a reviewer sees
 * the condition instead of a silent miss (a false negative is worse than a labelled maybe).
 */
import type { CpeConfiguration, CpeMatchCriterion } from '../advisories/advisory.ts';
import { compareCpeValues, cpeValueText, parseCpe, type Cpe } from '../identity/cpe.ts';
import { cpeMatchToVers, evaluateCpeMatch } from '../ranges/nvd.ts';
import type { CachedScheme } from '../ranges/schemes.ts';
import { cachedScheme, cpeAttributeKeys, cpeIndexKey, CPE_IDENTITY_ATTRIBUTES, type CpeAttributeKey, type PreparedComponent } from './component.ts';
import type { RouteOutcome } from './purl.match.ts';
import type { MatchScheme } from './types.ts';

/**
 * Products whose releases Vigil has a dedicated comparator for, used on the CPE route when the
 * component's purl declares no scheme (pkg:generic or no purl): OpenSSL letter releases
 * (1.1.1k > 1.1.1, which the generic heuristic reads as a prerelease) and nginx.
 */
export const CPE_PRODUCT_SCHEMES: Readonly<Record<string, string>> = {
  'openssl:openssl': 'openssl',
  'f5:nginx': 'nginx',
  'nginx:nginx': 'nginx',
};


interface Bound {
  readonly parsed: unknown;
  readonly inclusive: boolean;
}

/** A criterion's version test under one scheme: 'check' means the full evaluation must decide. */
type FastTest = { readonly kind: 'any' | 'check' } | { readonly kind: 'bounds'; readonly lo?: Bound; readonly hi?: Bound; readonly point?: unknown } | { readonly kind: 'point'; readonly point: unknown };

export interface PreparedCriterion {
  readonly configuration: number;
  readonly node: number;
  readonly match: CpeMatchCriterion;
  readonly wfn: Cpe;
  /** The criteria's version and update fields (as in the formatted string). */
  readonly cpeVersion: string;
  /** True when the criteria's update is ANY or NA (a specific update cannot be confirmed from a version). */
  readonly updateIsAny: boolean;
  /** Nodes (or sibling criteria of an AND node) of the same configuration Vigil cannot check. */
  readonly conditions: readonly string[];
  readonly keys: readonly CpeAttributeKey[];
  readonly tests: Map<string, FastTest>;
  /** vers of the criterion per vers type, computed on first hit. */
  readonly vers: Map<string, string | null>;
}

export interface PreparedCpeConfigurations {
  readonly byKey: ReadonlyMap<string, readonly PreparedCriterion[]>;
  /** Criteria whose vendor or product is ANY or a wildcard: compared with every component CPE. */
  readonly open: readonly PreparedCriterion[];
  /** Criteria that could not be read, with the reason (shown by explainMatch). */
  readonly problems: readonly string[];
  readonly count: number;
}

function nodeText(node: CpeConfiguration['nodes'][number], i: number): string {
  const list = node.cpeMatch.map((m) => `${m.criteria}${boundsText(m)}${m.vulnerable ? '' : ' (platform)'}`).join(node.operator === 'AND' ? ' AND ' : ' OR ');
  return `node ${i + 1}${node.negate ? ' (negated)' : ''}: ${list}`;
}

function boundsText(m: CpeMatchCriterion): string {
  const b: string[] = [];
  if (m.versionStartIncluding) b.push(`≥ ${m.versionStartIncluding}`);
  if (m.versionStartExcluding) b.push(`> ${m.versionStartExcluding}`);
  if (m.versionEndIncluding) b.push(`≤ ${m.versionEndIncluding}`);
  if (m.versionEndExcluding) b.push(`< ${m.versionEndExcluding}`);
  return b.length ? ` [${b.join(', ')}]` : '';
}

export function prepareCpeConfigurations(configurations: readonly CpeConfiguration[]): PreparedCpeConfigurations {
  const byKey = new Map<string, PreparedCriterion[]>();
  const open: PreparedCriterion[] = [];
  const problems: string[] = [];
  let count = 0;
  configurations.forEach((conf, ci) => {
    conf.nodes.forEach((node, ni) => {
      if (node.negate) return; // a negated node says what is NOT affected; never a positive match
      node.cpeMatch.forEach((m, mi) => {
        if (!m.vulnerable) return;
        let wfn: Cpe;
        try {
          wfn = parseCpe(m.criteria);
        } catch (err) {
          problems.push(`configuration ${ci + 1}: criteria '${m.criteria}' does not parse: ${(err as Error).message}`);
          return;
        }
        const conditions: string[] = [];
        if (node.operator === 'AND') {
          node.cpeMatch.forEach((other, oi) => {
            if (oi !== mi) conditions.push(`and ${other.criteria}${boundsText(other)} (same node, not checked)`);
          });
        }
        if (conf.operator === 'AND') {
          conf.nodes.forEach((other, oi) => {
            if (oi !== ni) conditions.push(`${nodeText(other, oi)} — not checked: Vigil does not know what the component runs on or with`);
          });
        }
        const v = wfn.version;
        const cpeVersion = 'value' in v ? cpeValueText(v) : v.logical === 'ANY' ? '*' : '-';
        const update = wfn.update;
        const c: PreparedCriterion = { configuration: ci, node: ni, match: m, wfn, cpeVersion, updateIsAny: 'logical' in update, conditions, keys: cpeAttributeKeys(wfn), tests: new Map(), vers: new Map() };
        count++;
        const key = cpeIndexKey(wfn);
        if (key === null) open.push(c);
        else {
          let list = byKey.get(key);
          if (!list) byKey.set(key, (list = []));
          list.push(c);
        }
      });
    });
  });
  return { byKey, open, problems, count };
}

/** Do the criteria's non-version attributes name the component? 'narrower' attributes become conditions. */
function identityMatches(crit: PreparedCriterion, component: Cpe, keys: readonly CpeAttributeKey[], narrower: string[] | null): boolean {
  for (let i = 0; i < CPE_IDENTITY_ATTRIBUTES.length; i++) {
    const a = crit.keys[i]!;
    const b = keys[i]!;
    if (typeof a === 'string' && typeof b === 'string') {
      if (a !== b) return false;
      continue;
    }
    if (a === 0 && b !== 2) continue; // ANY names every value
    const attr = CPE_IDENTITY_ATTRIBUTES[i]!;
    const r = compareCpeValues(crit.wfn[attr], component[attr]);
    if (r === 'EQUAL' || r === 'SUPERSET') continue;
    if (r === 'SUBSET' && i >= 3) {
      narrower?.push(`the advisory names ${attr} ${cpeValueText(crit.wfn[attr])}; the component's CPE does not say`);
      continue;
    }
    return false;
  }
  return true;
}

function compileTest(c: PreparedCriterion, s: CachedScheme): FastTest {
  const m = c.match;
  const parseBound = (text: string | undefined, inclusive: boolean): Bound | null | undefined => {
    if (!text) return undefined;
    const p = s.parse(text);
    return p.ok ? { parsed: p.value, inclusive } : null;
  };
  const lo = m.versionStartIncluding ? parseBound(m.versionStartIncluding, true) : parseBound(m.versionStartExcluding, false);
  const hi = m.versionEndIncluding ? parseBound(m.versionEndIncluding, true) : parseBound(m.versionEndExcluding, false);
  if (lo === null || hi === null) return { kind: 'check' };
  if (lo || hi) {
    let point: unknown;
    if (c.cpeVersion !== '*' && c.cpeVersion !== '-') {
      const p = s.parse(c.cpeVersion);
      if (!p.ok) return { kind: 'check' };
      point = p.value;
    }
    return { kind: 'bounds', ...(lo ? { lo } : {}), ...(hi ? { hi } : {}), ...(point !== undefined ? { point } : {}) };
  }
  if (c.cpeVersion === '*') return { kind: 'any' };
  if (c.cpeVersion === '-' || !c.updateIsAny) return { kind: 'check' };
  const p = s.parse(c.cpeVersion);
  return p.ok ? { kind: 'point', point: p.value } : { kind: 'check' };
}

/**
 * The hot path: 'no' when the version is certainly outside the criterion, the affected reason
 * when it is certainly inside, 'check' when the full evaluation (evaluateCpeMatch) must decide.
 */
function fastEvaluate(c: PreparedCriterion, s: CachedScheme, v: unknown, version: string): 'no' | 'check' | { reason: string } {
  let t = c.tests.get(s.id);
  if (!t) c.tests.set(s.id, (t = compileTest(c, s)));
  switch (t.kind) {
    case 'check':
      return 'check';
    case 'any':
      return { reason: `${c.match.criteria} names every version (version '*', no range)` };
    case 'point':
      return s.compareParsed(v, t.point) === 0 ? { reason: `${version} = ${c.cpeVersion} named in ${c.match.criteria}` } : 'no';
    case 'bounds': {
      if (t.point !== undefined && s.compareParsed(v, t.point) === 0) return { reason: `${version} = ${c.cpeVersion} named in ${c.match.criteria}` };
      if (t.lo) {
        const o = s.compareParsed(v, t.lo.parsed);
        if (o < 0 || (o === 0 && !t.lo.inclusive)) return 'no';
      }
      if (t.hi) {
        const o = s.compareParsed(v, t.hi.parsed);
        if (o > 0 || (o === 0 && !t.hi.inclusive)) return 'no';
      }
      const m = c.match;
      const checks: string[] = [];
      if (m.versionStartIncluding) checks.push(`≥ ${m.versionStartIncluding} (versionStartIncluding)`);
      else if (m.versionStartExcluding) checks.push(`> ${m.versionStartExcluding} (versionStartExcluding)`);
      if (m.versionEndIncluding) checks.push(`≤ ${m.versionEndIncluding} (versionEndIncluding)`);
      else if (m.versionEndExcluding) checks.push(`< ${m.versionEndExcluding} (versionEndExcluding)`);
      return { reason: `${version} ${checks.join(' and ')}` };
    }
  }
}

function criterionVers(c: PreparedCriterion, versType: string, declared: string | undefined): string | null {
  const k = `${versType}\u0000${declared ?? ''}`;
  let v = c.vers.get(k);
  if (v === undefined) {
    const r = cpeMatchToVers(c.match, versType, declared ? { scheme: declared } : {});
    c.vers.set(k, (v = r.ok ? r.value : null));
  }
  return v;
}

/** The scheme for NVD bounds: the purl type's, else the product's own, else generic (said so). */
export function cpeScheme(c: PreparedComponent): { scheme: CachedScheme; info: MatchScheme; declared: string | undefined } {
  if (c.scheme && c.scheme !== 'generic') {
    return { scheme: cachedScheme(c.scheme)!, info: { id: c.scheme, origin: 'declared' }, declared: c.scheme };
  }
  const product = c.cpe ? CPE_PRODUCT_SCHEMES[c.cpe.vendorProduct] : undefined;
  if (product) return { scheme: cachedScheme(product)!, info: { id: product, origin: 'product' }, declared: product };
  return { scheme: cachedScheme('generic')!, info: { id: 'generic', origin: 'generic' }, declared: undefined };
}

export interface CpeHit {
  readonly outcome: RouteOutcome;
  readonly criterion: PreparedCriterion;
}

/** The version the CPE route compares: the CPE's own version, else the component's. */
export function cpeVersionOf(c: PreparedComponent): string | null {
  return (c.cpe && !c.cpe.derived ? c.cpe.version : null) ?? c.component.version ?? c.version;
}

function schemeLabel(info: MatchScheme, c: PreparedComponent): string {
  if (info.origin === 'declared') return `${info.id} scheme of the component's purl type`;
  if (info.origin === 'product') return `${info.id} scheme, the release scheme of ${c.cpe!.vendorProduct}`;
  return 'generic scheme: no scheme known for this component';
}

/**
 * Evaluates every candidate criterion for the component's CPE. Returns the best hit
 * (affected without conditions, then affected with conditions, then indeterminate), or the
 * reasons nothing matched when `trace` is given.
 */
/** Purl types of distribution packages (fixes are backported under the same upstream version). */
const DISTRO_PURL_TYPES = new Set(['deb', 'rpm', 'apk', 'alpm']);

export function matchCpe(prepared: PreparedCpeConfigurations, c: PreparedComponent, fixedVersions: readonly string[], trace: string[] | null): CpeHit | null {
  const cpe = c.cpe;
  if (!cpe || prepared.count === 0) {
    if (trace && prepared.count > 0) trace.push(c.cpeProblem ?? 'CPE route: the component has no CPE and none can be derived from its purl');
    return null;
  }
  const keyed = cpe.indexKey !== null ? prepared.byKey.get(cpe.indexKey) : undefined;
  let candidates: readonly PreparedCriterion[];
  if (cpe.indexKey === null) candidates = [...prepared.open, ...[...prepared.byKey.values()].flat()];
  else if (prepared.open.length === 0) candidates = keyed ?? [];
  else candidates = keyed ? [...keyed, ...prepared.open] : prepared.open;
  if (candidates.length === 0) {
    if (trace) trace.push(`CPE route: no criterion names ${cpe.vendorProduct} (criteria: ${[...prepared.byKey.keys()].map((k) => k.replace('\u0000', ':')).join(', ')})`);
    return null;
  }
  const version = cpeVersionOf(c);
  const { scheme, info, declared } = cpeScheme(c);
  const parsed = version ? c.parse(scheme, version) : null;
  let best: CpeHit | null = null;
  const rank = (h: CpeHit): number => (h.outcome.status === 'affected' ? (h.outcome.evidence.conditions.length === 0 ? 3 : 2) : h.outcome.status === 'indeterminate' ? 1 : 0);
  for (const crit of candidates) {
    const narrower: string[] = [];
    if (!identityMatches(crit, cpe.wfn, cpe.keys, narrower)) {
      if (trace) trace.push(`CPE route: ${crit.match.criteria} does not name ${cpe.text} (vendor/product/other attributes differ under NIST IR 7696)`);
      continue;
    }
    const fast = version && parsed && parsed.ok ? fastEvaluate(crit, scheme, parsed.value, version) : 'check';
    if (fast === 'no' && !trace) continue;
    const identifier = { kind: 'cpe' as const, value: cpe.text, derived: cpe.derived, ...(cpe.derived ? { note: `derived CPE: ${cpe.vendorProduct} is the known CPE product for ${c.purl ? c.packages[0]!.identifier.value : c.component.name}` } : {}) };
    const criterion = {
      kind: 'cpe' as const,
      configuration: crit.configuration,
      criteria: crit.match.criteria,
      matchCriteriaId: crit.match.matchCriteriaId ?? null,
      versionStartIncluding: crit.match.versionStartIncluding ?? null,
      versionStartExcluding: crit.match.versionStartExcluding ?? null,
      versionEndIncluding: crit.match.versionEndIncluding ?? null,
      versionEndExcluding: crit.match.versionEndExcluding ?? null,
    };
    const rangeTextValue = `${crit.match.criteria}${boundsText(crit.match)}`;
    const conditions = [...narrower, ...crit.conditions];
    const fixed = crit.match.versionEndExcluding && !fixedVersions.includes(crit.match.versionEndExcluding) ? [...fixedVersions, crit.match.versionEndExcluding] : fixedVersions;
    let outcome: RouteOutcome;
    if (!version) {
      outcome = {
        status: 'indeterminate',
        evidence: { identifier, criterion, version: null, scheme: info, range: { text: rangeTextValue, vers: null }, reason: `${cpe.text} matches ${crit.match.criteria}, but the component has no version to compare`, conditions, fixedVersions: fixed },
      };
    } else {
      const r = typeof fast === 'object' ? { status: 'affected' as const, reason: fast.reason } : evaluateCpeMatch(crit.match, version, declared ? { scheme: declared } : {});
      if (r.status === 'not-affected') {
        if (trace) trace.push(`CPE route: ${r.reason}`);
        continue;
      }
      const vers = criterionVers(crit, c.versType && info.origin === 'declared' ? c.versType : info.id, declared);
      const condText = conditions.length > 0 ? `; unchecked condition${conditions.length > 1 ? 's' : ''}: ${conditions.join('; ')}` : '';
      // Distributions backport fixes without changing the upstream version, which an upstream CPE
      // range cannot see: a CPE hit on a distribution package needs a look, it is not proof.
      const distroPackage = c.purl !== null && DISTRO_PURL_TYPES.has(c.purl.type);
      const backportText = r.status === 'affected' && distroPackage ? `; ${c.purl!.type} packages may carry backported fixes that upstream CPE ranges cannot see — check the distribution's advisory` : '';
      outcome = {
        status: r.status === 'affected' && distroPackage ? 'indeterminate' : r.status,
        evidence: {
          identifier,
          criterion,
          version,
          scheme: info,
          range: { text: rangeTextValue, vers },
          reason: `${cpe.derived ? 'derived CPE ' : ''}${cpe.text} matches ${crit.match.criteria}: ${r.reason.replace(/ \([a-z]+, NVD CPE match[^)]*\)$/, '')} (${schemeLabel(info, c)})${condText}${backportText}`,
          conditions,
          fixedVersions: fixed,
        },
      };
    }
    const hit = { outcome, criterion: crit };
    if (!best || rank(hit) > rank(best)) best = hit;
    if (!trace && rank(best) === 3) break;
  }
  return best;
}

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
import { compareCpeValues, CPE_ATTRIBUTES, cpeValueText, parseCpe, type Cpe, type CpeAttribute } from '../identity/cpe.ts';
import { cpeMatchToVers, evaluateCpeMatch } from '../ranges/nvd.ts';
import type { CachedScheme } from '../ranges/schemes.ts';
import { cachedScheme, cpeIndexKey, type PreparedComponent } from './component.ts';
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

/** The non-version attributes compared; `update` is left to the version check (evaluateCpeMatch). */
const IDENTITY: readonly CpeAttribute[] = ['part', 'vendor', 'product'];
const EXTRA: readonly CpeAttribute[] = CPE_ATTRIBUTES.filter((a) => a !== 'part' && a !== 'vendor' && a !== 'product' && a !== 'version' && a !== 'update');

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
  /** Nodes (or sibling criteria of an AND node) of the same configuration Vigil cannot check. */
  readonly conditions: readonly string[];
  readonly tests: Map<string, FastTest>;
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
        const c: PreparedCriterion = { configuration: ci, node: ni, match: m, wfn, cpeVersion, conditions, tests: new Map() };
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
function identityMatches(criterion: Cpe, component: Cpe, narrower: string[] | null): boolean {
  for (const a of IDENTITY) {
    const r = compareCpeValues(criterion[a], component[a]);
    if (r !== 'EQUAL' && r !== 'SUPERSET') return false;
  }
  for (const a of EXTRA) {
    const r = compareCpeValues(criterion[a], component[a]);
    if (r === 'EQUAL' || r === 'SUPERSET') continue;
    if (r === 'SUBSET' && narrower) {
      narrower.push(`the advisory names ${a} ${cpeValueText(criterion[a])}; the component's CPE does not say`);
      continue;
    }
    if (r === 'SUBSET') continue;
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
  if (c.cpeVersion === '-') return { kind: 'check' };
  const p = s.parse(c.cpeVersion);
  return p.ok ? { kind: 'point', point: p.value } : { kind: 'check' };
}

/** False only when the version is certainly outside the criterion (the cheap test of the hot path). */
function mayContain(c: PreparedCriterion, s: CachedScheme, v: unknown): boolean {
  let t = c.tests.get(s.id);
  if (!t) c.tests.set(s.id, (t = compileTest(c, s)));
  switch (t.kind) {
    case 'any':
    case 'check':
      return true;
    case 'point':
      return s.compareParsed(v, t.point) === 0;
    case 'bounds': {
      if (t.point !== undefined && s.compareParsed(v, t.point) === 0) return true;
      if (t.lo) {
        const o = s.compareParsed(v, t.lo.parsed);
        if (o < 0 || (o === 0 && !t.lo.inclusive)) return false;
      }
      if (t.hi) {
        const o = s.compareParsed(v, t.hi.parsed);
        if (o > 0 || (o === 0 && !t.hi.inclusive)) return false;
      }
      return true;
    }
  }
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
export function matchCpe(prepared: PreparedCpeConfigurations, c: PreparedComponent, fixedVersions: readonly string[], trace: string[] | null): CpeHit | null {
  const cpe = c.cpe;
  if (!cpe || prepared.count === 0) {
    if (trace && prepared.count > 0) trace.push(c.cpeProblem ?? 'CPE route: the component has no CPE and none can be derived from its purl');
    return null;
  }
  const keyed = cpe.indexKey !== null ? prepared.byKey.get(cpe.indexKey) : undefined;
  const candidates: PreparedCriterion[] = [];
  if (keyed) candidates.push(...keyed);
  candidates.push(...prepared.open);
  if (cpe.indexKey === null) for (const list of prepared.byKey.values()) candidates.push(...list);
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
    if (!identityMatches(crit.wfn, cpe.wfn, narrower)) {
      if (trace) trace.push(`CPE route: ${crit.match.criteria} does not name ${cpe.text} (vendor/product/other attributes differ under NIST IR 7696)`);
      continue;
    }
    if (!trace && parsed && parsed.ok && !mayContain(crit, scheme, parsed.value)) continue;
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
      const r = evaluateCpeMatch(crit.match, version, declared ? { scheme: declared } : {});
      if (r.status === 'not-affected') {
        if (trace) trace.push(`CPE route: ${r.reason}`);
        continue;
      }
      const vers = cpeMatchToVers(crit.match, c.versType && info.origin === 'declared' ? c.versType : info.id, declared ? { scheme: declared } : {});
      const condText = conditions.length > 0 ? `; unchecked condition${conditions.length > 1 ? 's' : ''}: ${conditions.join('; ')}` : '';
      outcome = {
        status: r.status,
        evidence: {
          identifier,
          criterion,
          version,
          scheme: info,
          range: { text: rangeTextValue, vers: vers.ok ? vers.value : null },
          reason: `${cpe.derived ? 'derived CPE ' : ''}${cpe.text} matches ${crit.match.criteria}: ${r.reason.replace(/ \([a-z]+, NVD CPE match[^)]*\)$/, '')} (${schemeLabel(info, c)})${condText}`,
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

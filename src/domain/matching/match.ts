/**
 * Component × advisory → explained match (docs/matching.md).
 *
 * `prepareAdvisory` compiles an advisory once (package keys, OSV ranges, NVD criteria indexed
 * by vendor/product, CSAF products); `prepareComponent` reads a component once. The caller
 * (store, scan, incremental jobs) finds candidate advisories by key and calls
 * `matchComponent(component, candidates)`; unprepared advisories are compiled on first use
 * and remembered per object. Routes, strongest first: purl (high) · CSAF helpers (high/medium)
 * · CSAF vendor+name (medium/low) · CPE (low). One result per (component, advisory): the purl
 * route, when it identifies the package, silences the CPE route of the same advisory.
 */
import type { Advisory } from '../advisories/advisory.ts';
import { isPreparedComponent, prepareComponent, type PreparedComponent } from './component.ts';
import { matchCpe, prepareCpeConfigurations, type PreparedCpeConfigurations } from './cpe.match.ts';
import { matchCsaf, prepareCsafProduct, type PreparedCsafProduct } from './csaf.match.ts';
import { evaluateAffected, prepareAffected, type PreparedAffected, type RouteOutcome } from './purl.match.ts';
import { confidenceRank, type MatchComponent, type MatchConfidence, type MatchExplanation, type MatchMethod, type MatchResult } from './types.ts';

export interface PreparedAdvisory {
  readonly prepared: true;
  readonly advisory: Advisory;
  readonly withdrawn: boolean;
  /** Affected entries by package key. */
  readonly packages: ReadonlyMap<string, readonly PreparedAffected[]>;
  readonly cpe: PreparedCpeConfigurations;
  readonly csaf: readonly PreparedCsafProduct[];
  /** Fixed versions named anywhere in the advisory's affected entries (for CPE evidence). */
  readonly fixedVersions: readonly string[];
}

function isPreparedAdvisory(a: Advisory | PreparedAdvisory): a is PreparedAdvisory {
  return (a as PreparedAdvisory).prepared === true;
}

/** Compiles an advisory into a matcher object the caller can cache (it holds no component state). */
export function prepareAdvisory(advisory: Advisory): PreparedAdvisory {
  const packages = new Map<string, PreparedAffected[]>();
  advisory.affected.forEach((entry, i) => {
    const p = prepareAffected(entry, i);
    let list = packages.get(p.key);
    if (!list) packages.set(p.key, (list = []));
    list.push(p);
  });
  const fixed = new Set<string>();
  for (const e of advisory.affected) for (const f of e.fixedVersions) fixed.add(f);
  return {
    prepared: true,
    advisory,
    withdrawn: advisory.withdrawn !== null,
    packages,
    cpe: prepareCpeConfigurations(advisory.cpeConfigurations),
    csaf: advisory.csafProducts.map(prepareCsafProduct),
    fixedVersions: [...fixed],
  };
}

const PREPARED = new WeakMap<Advisory, PreparedAdvisory>();

function prepared(a: Advisory | PreparedAdvisory): PreparedAdvisory {
  if (isPreparedAdvisory(a)) return a;
  let p = PREPARED.get(a);
  if (!p) PREPARED.set(a, (p = prepareAdvisory(a)));
  return p;
}

interface Candidate {
  readonly status: 'affected' | 'indeterminate';
  readonly method: MatchMethod;
  readonly confidence: MatchConfidence;
  readonly outcome: Extract<RouteOutcome, { status: 'affected' | 'indeterminate' }>;
}

const METHOD_RANK: Readonly<Record<MatchMethod, number>> = { purl: 4, csaf: 3, name: 2, cpe: 1 };

function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  if (a.status !== b.status) return a.status === 'affected';
  const c = confidenceRank(a.confidence) - confidenceRank(b.confidence);
  if (c !== 0) return c > 0;
  return METHOD_RANK[a.method] > METHOD_RANK[b.method];
}

/** Evaluates one pair; `trace` collects why each route did not match (explainMatch only). */
function evaluate(c: PreparedComponent, a: PreparedAdvisory, trace: string[] | null): MatchResult | null {
  const adv = a.advisory;
  if (a.withdrawn) {
    trace?.push(`${adv.source} ${adv.id} was withdrawn on ${adv.withdrawn}: a withdrawn advisory never matches (its findings are retracted)`);
    return null;
  }
  let best: Candidate | null = null;
  let purlIdentified = false;

  // purl route
  if (a.packages.size > 0) {
    let keyed = false;
    for (const pkg of c.packages) {
      const entries = a.packages.get(pkg.key);
      if (!entries) continue;
      keyed = true;
      for (const entry of entries) {
        const o = evaluateAffected(entry, c, pkg);
        if (o.status === 'not-affected') {
          if (o.identified) purlIdentified = true;
          trace?.push(`purl route: ${o.reason}`);
          continue;
        }
        purlIdentified = true;
        const cand: Candidate = { status: o.status, method: 'purl', confidence: 'high', outcome: o };
        if (better(cand, best)) best = cand;
      }
    }
    if (!keyed && trace) {
      const mine = c.packages.map((p) => p.key).join(' or ') || (c.purlProblem ?? 'the component has no purl');
      trace.push(`purl route: no affected package has the key ${mine} (advisory keys: ${[...a.packages.keys()].join(', ')})`);
    }
  }

  // CSAF route
  if (a.csaf.length > 0) {
    const o = matchCsaf(a.csaf, c, trace);
    if (o && o.outcome.status !== 'not-affected') {
      if (o.method === 'purl') purlIdentified = true;
      const cand: Candidate = { status: o.outcome.status, method: o.method, confidence: o.confidence, outcome: o.outcome };
      if (better(cand, best)) best = cand;
    } else if (!o && trace && !trace.some((t) => t.startsWith('CSAF product'))) {
      trace.push(`CSAF route: no product of the advisory identifies ${c.component.name} (by hash, purl, model number, SKU, CPE or vendor and name)`);
    }
  }

  // CPE route: never when the purl route identified the package (purl wins)
  if (a.cpe.count > 0) {
    if (purlIdentified) {
      trace?.push('CPE route: skipped, the purl route identified the package in this advisory (purl wins over CPE)');
    } else {
      const hit = matchCpe(a.cpe, c, a.fixedVersions, trace);
      if (hit && hit.outcome.status !== 'not-affected') {
        const cand: Candidate = { status: hit.outcome.status, method: 'cpe', confidence: 'low', outcome: hit.outcome };
        if (better(cand, best)) best = cand;
      }
    }
    if (trace && a.cpe.problems.length > 0) trace.push(...a.cpe.problems.map((p) => `CPE route: ${p}`));
  }

  if (!best) return null;
  return {
    componentRef: c.ref,
    advisory: { source: adv.source, id: adv.id },
    status: best.status,
    confidence: best.confidence,
    method: best.method,
    evidence: best.outcome.evidence,
  };
}

/**
 * Matches one component against candidate advisories (found by `affectedPackageKey`,
 * `cpeVendorProduct`, `csafProductKeys`). Returns one result per advisory that applies —
 * affected or indeterminate, never not-affected — in the order of `advisories`.
 */
export function matchComponent(component: MatchComponent | PreparedComponent, advisories: Iterable<Advisory | PreparedAdvisory>): MatchResult[] {
  const c = isPreparedComponent(component) ? component : prepareComponent(component);
  const out: MatchResult[] = [];
  for (const a of advisories) {
    const r = evaluate(c, prepared(a), null);
    if (r) out.push(r);
  }
  return out;
}

/** The "why (not)?" view: the result for one pair, and a line for each route that did not match. */
export function explainMatch(component: MatchComponent | PreparedComponent, advisory: Advisory | PreparedAdvisory): MatchExplanation {
  const c = isPreparedComponent(component) ? component : prepareComponent(component);
  const a = prepared(advisory);
  const reasons: string[] = [];
  const result = evaluate(c, a, reasons);
  if (!result && reasons.length === 0) reasons.push(`${a.advisory.source} ${a.advisory.id} names no package, CPE or product`);
  return {
    componentRef: c.ref,
    advisory: { source: a.advisory.source, id: a.advisory.id },
    status: result ? result.status : 'not-affected',
    result,
    reasons: result ? [result.evidence.reason, ...reasons] : reasons,
  };
}

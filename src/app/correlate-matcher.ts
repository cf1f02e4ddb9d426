/**
 * The matching half of a correlation run, without the store: candidate advisories compiled once
 * and indexed by key, and component identities matched against them. Runs in the caller's thread
 * for incremental correlation and in a worker thread for a full run (`correlate-worker.ts`), so
 * that matching the next chunk overlaps writing the last one.
 */
import type { Advisory } from '../domain/advisories/advisory.ts';
import { affectedPackageKey, cpeVendorProduct } from '../domain/advisories/keys.ts';
import { componentCsafKeys, csafProductKeys, groupFindings, matchComponent, prepareAdvisory, prepareComponent, type PreparedAdvisory } from '../domain/matching/index.ts';
import type { FindingMatch, FindingWrite, MatchableIdentity } from './ports.ts';

/** One match per alias group of an identity. */
export type IdentityMatches = Array<{ groupId: number; status: FindingWrite['status']; confidence: FindingWrite['confidence']; match: FindingMatch }>;

/** A candidate advisory as the store gives it (its JSON text, parsed where it is matched), with its alias group. */
export interface Candidate {
  json: string;
  groupId: number;
}

function prepare(c: Omit<MatchableIdentity, 'instances'>) {
  return prepareComponent({ ref: c.id, name: c.name, group: c.group, version: c.version, purl: c.purl, cpe: c.cpe, supplier: c.supplier, hashes: c.hashes, properties: c.properties });
}

function lookupKeys(pc: ReturnType<typeof prepareComponent>): string[] {
  return [...new Set([...pc.packages.map((p) => p.key), ...componentCsafKeys(pc.component), ...(pc.cpe ? [`cpe:${pc.cpe.vendorProduct}`] : [])])];
}

/** The keys an identity is indexed under (`identity_keys`): package keys, CSAF name and model keys, `cpe:vendor:product`. */
export function identityKeys(c: Omit<MatchableIdentity, 'instances'>): string[] {
  return lookupKeys(prepare(c));
}

/** The keys an advisory is stored under (package keys, `cpe:vendor:product`, CSAF helpers). */
function advisoryKeys(a: Advisory): Set<string> {
  const keys = new Set<string>(a.affected.map((x) => affectedPackageKey(x)));
  for (const cfg of a.cpeConfigurations) for (const n of cfg.nodes) for (const m of n.cpeMatch) {
    const vp = cpeVendorProduct(m.criteria);
    if (vp) keys.add(`cpe:${vp}`);
  }
  for (const p of a.csafProducts) {
    if (p.helpers.purl) keys.add(affectedPackageKey({ purl: p.helpers.purl, ecosystem: null, name: p.name, ranges: [], versions: [], fixedVersions: [] }));
    else for (const k of csafProductKeys(p)) keys.add(k);
    const vp = p.helpers.cpe ? cpeVendorProduct(p.helpers.cpe) : null;
    if (vp) keys.add(`cpe:${vp}`);
  }
  return keys;
}

export class Matcher {
  private readonly compiled = new Map<string, { prepared: PreparedAdvisory; groupId: number }>();
  private readonly byKey = new Map<string, PreparedAdvisory[]>();

  get size(): number {
    return this.compiled.size;
  }

  clear(): void {
    this.compiled.clear();
    this.byKey.clear();
  }

  /** Compiles and indexes candidates not met before. */
  add(candidates: readonly Candidate[]): void {
    for (const c of candidates) {
      const advisory = JSON.parse(c.json) as Advisory;
      const k = `${advisory.source}:${advisory.id}`;
      if (this.compiled.has(k)) continue;
      const entry = { prepared: prepareAdvisory(advisory), groupId: c.groupId };
      this.compiled.set(k, entry);
      for (const key of advisoryKeys(advisory)) {
        let list = this.byKey.get(key);
        if (!list) this.byKey.set(key, (list = []));
        list.push(entry.prepared);
      }
    }
  }

  /**
   * Matches each identity against the candidates indexed under its keys (all of which must have
   * been added). The evidence of a match is given as its JSON text: it is written, never read back.
   */
  match(identities: ReadonlyArray<Omit<MatchableIdentity, 'instances'>>): IdentityMatches[] {
    const groupOf = (source: string, id: string) => String(this.compiled.get(`${source}:${id}`)?.groupId ?? `${source}:${id}`);
    return identities.map((identity) => {
      const pc = prepare(identity);
      const mine = new Set<PreparedAdvisory>();
      for (const key of lookupKeys(pc)) for (const a of this.byKey.get(key) ?? []) mine.add(a);
      const results = mine.size ? matchComponent(pc, [...mine]) : [];
      return groupFindings(results, groupOf).map((g) => ({
        groupId: Number(g.groupKey),
        status: g.status,
        confidence: g.confidence,
        match: {
          methods: [...new Set(g.evidence.map((e) => e.method))],
          fixedVersions: [...g.fixedVersions],
          advisories: g.advisories.map((a) => ({ source: a.source, id: a.id })),
          evidenceJson: JSON.stringify(g.evidence.map((e) => ({ advisory: e.advisory, status: e.status, confidence: e.confidence, method: e.method, ...e.evidence }))),
        },
      }));
    });
  }
}

/**
 * Correlation: components × advisories → findings, reconciled rather than appended. A finding is
 * one (component instance, vulnerability alias group) with the evidence of every matching source.
 * When the match no longer holds (advisory withdrawn, range changed) the finding turns inactive
 * with its history; it comes back, with its earlier record, when the match returns. Every change
 * is an event in the `finding_events` outbox.
 *
 * Incremental both ways: a new SBOM correlates only its components; ingested advisories re-match
 * only the components indexed under the packages and CPE products they name.
 */
import type { Advisory } from '../domain/advisories/advisory.ts';
import { affectedPackageKey, cpeVendorProduct } from '../domain/advisories/keys.ts';
import { componentCsafKeys, csafProductKeys, groupFindings, matchComponent, prepareAdvisory, prepareComponent, type PreparedAdvisory } from '../domain/matching/index.ts';
import type { Clock, FindingWrite, MatchableComponent, StoredFinding, UnitOfWork } from './ports.ts';

export interface CorrelateDeps {
  uow: UnitOfWork;
  clock: Clock;
}

export interface CorrelationCounts {
  components: number;
  new: number;
  retracted: number;
  reactivated: number;
  changed: number;
  unchanged: number;
}

const empty = (): CorrelationCounts => ({ components: 0, new: 0, retracted: 0, reactivated: 0, changed: 0, unchanged: 0 });

function keysOf(prepared: ReturnType<typeof prepareComponent>): { packageKeys: string[]; vendorProducts: string[] } {
  return {
    packageKeys: [...new Set([...prepared.packages.map((p) => p.key), ...componentCsafKeys(prepared.component)])],
    vendorProducts: prepared.cpe ? [prepared.cpe.vendorProduct] : [],
  };
}

function signature(f: FindingWrite | StoredFinding): string {
  return JSON.stringify([f.status, f.confidence, [...f.fixedVersions].sort(), f.advisories.map((a) => `${a.source}:${a.id}`).sort()]);
}

/** Re-matches the given components against every stored candidate and reconciles their findings. */
export async function correlateComponents(deps: CorrelateDeps, components: readonly MatchableComponent[]): Promise<CorrelationCounts> {
  const counts = empty();
  for (let i = 0; i < components.length; i += 500) {
    const chunk = components.slice(i, i + 500);
    const prepared = chunk.map((c) => prepareComponent({ ref: c.id, name: c.name, group: c.group, version: c.version, purl: c.purl, cpe: c.cpe, supplier: c.supplier, hashes: c.hashes, properties: c.properties }));
    const keys = prepared.map(keysOf);
    const allPackages = [...new Set(keys.flatMap((k) => k.packageKeys))];
    const allCpes = [...new Set(keys.flatMap((k) => k.vendorProducts))];
    const candidates = await deps.uow.read((s) => s.advisories.candidates(allPackages, allCpes));
    const compiled = new Map<string, { prepared: PreparedAdvisory; advisory: Advisory; groupId: number }>();
    // Candidates by the keys they are stored under, so each component meets only its own.
    const byKey = new Map<string, PreparedAdvisory[]>();
    for (const c of candidates) {
      const k = `${c.advisory.source}:${c.advisory.id}`;
      if (compiled.has(k)) continue;
      const entry = { prepared: prepareAdvisory(c.advisory), advisory: c.advisory, groupId: c.groupId };
      compiled.set(k, entry);
      const keys = new Set<string>(c.advisory.affected.map((a) => affectedPackageKey(a)));
      for (const cfg of c.advisory.cpeConfigurations) for (const n of cfg.nodes) for (const m of n.cpeMatch) {
        const vp = cpeVendorProduct(m.criteria);
        if (vp) keys.add(`cpe:${vp}`);
      }
      for (const p of c.advisory.csafProducts) {
        if (p.helpers.purl) keys.add(affectedPackageKey({ purl: p.helpers.purl, ecosystem: null, name: p.name, ranges: [], versions: [], fixedVersions: [] }));
        else for (const k of csafProductKeys(p)) keys.add(k);
        const vp = p.helpers.cpe ? cpeVendorProduct(p.helpers.cpe) : null;
        if (vp) keys.add(`cpe:${vp}`);
      }
      for (const key of keys) {
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push(entry.prepared);
      }
    }
    const groupOf = (source: string, id: string) => String(compiled.get(`${source}:${id}`)?.groupId ?? `${source}:${id}`);
    const writes: FindingWrite[] = [];
    prepared.forEach((pc, j) => {
      const component = chunk[j]!;
      const mine = new Set<PreparedAdvisory>();
      for (const key of [...keys[j]!.packageKeys, ...keys[j]!.vendorProducts.map((v) => `cpe:${v}`)]) for (const a of byKey.get(key) ?? []) mine.add(a);
      const results = mine.size ? matchComponent(pc, [...mine]) : [];
      for (const g of groupFindings(results, groupOf)) {
        writes.push({
          componentId: component.id,
          sbomId: component.sbomId,
          releaseId: component.releaseId,
          groupId: Number(g.groupKey),
          status: g.status,
          confidence: g.confidence,
          methods: [...new Set(g.evidence.map((e) => e.method))],
          fixedVersions: [...g.fixedVersions],
          advisories: g.advisories.map((a) => ({ source: a.source, id: a.id })),
          evidence: g.evidence.map((e) => ({ advisory: e.advisory, status: e.status, confidence: e.confidence, method: e.method, ...e.evidence })),
        });
      }
    });
    const now = deps.clock.now();
    const c = await deps.uow.write(async (s) => {
      const local = empty();
      await s.findings.setComponentKeys(chunk.map((component, j) => ({ componentId: component.id, keys: [...keys[j]!.packageKeys, ...keys[j]!.vendorProducts.map((v) => `cpe:${v}`)] })));
      const existing = await s.findings.forComponents(chunk.map((x) => x.id));
      const byKey = new Map(existing.map((f) => [`${f.componentId}:${f.groupId}`, f]));
      const seen = new Set<string>();
      const events: Array<{ findingId: string; kind: 'new' | 'retracted' | 'reactivated' | 'changed'; payload: unknown }> = [];
      const payloadOf = (w: FindingWrite) => ({ componentId: w.componentId, releaseId: w.releaseId, groupId: w.groupId, status: w.status, confidence: w.confidence });
      const fresh = writes.filter((w) => !byKey.has(`${w.componentId}:${w.groupId}`));
      const freshIds = await s.findings.insertMany(fresh, now);
      fresh.forEach((w, i) => events.push({ findingId: freshIds[i]!, kind: 'new', payload: payloadOf(w) }));
      local.new += fresh.length;
      for (const w of writes) {
        const key = `${w.componentId}:${w.groupId}`;
        seen.add(key);
        const old = byKey.get(key);
        const payload = payloadOf(w);
        if (!old) {
          continue;
        } else if (!old.active) {
          await s.findings.update(old.id, w, true, now);
          events.push({ findingId: old.id, kind: 'reactivated', payload });
          local.reactivated += 1;
        } else if (signature(old) !== signature(w)) {
          await s.findings.update(old.id, w, true, now);
          events.push({ findingId: old.id, kind: 'changed', payload: { ...payload, before: { status: old.status, confidence: old.confidence } } });
          local.changed += 1;
        } else local.unchanged += 1;
      }
      const retracted = existing.filter((f) => f.active && !seen.has(`${f.componentId}:${f.groupId}`));
      await s.findings.deactivate(retracted.map((f) => f.id), now);
      for (const f of retracted) events.push({ findingId: f.id, kind: 'retracted', payload: { componentId: f.componentId, groupId: f.groupId } });
      local.retracted += retracted.length;
      await s.findings.addEvents(events, now);
      return local;
    });
    counts.components += chunk.length;
    for (const k of ['new', 'retracted', 'reactivated', 'changed', 'unchanged'] as const) counts[k] += c[k];
  }
  return counts;
}

/** After an SBOM import: correlates its components. */
export async function correlateSbom(deps: CorrelateDeps, sbomId: string): Promise<CorrelationCounts> {
  const components = await deps.uow.read((s) => s.findings.componentsForMatching({ sbomId }));
  return correlateComponents(deps, components);
}

/** After advisories changed: re-matches the components indexed under what they name. */
export async function correlateAdvisoryKeys(deps: CorrelateDeps, packageKeys: readonly string[], vendorProducts: readonly string[]): Promise<CorrelationCounts> {
  const keys = [...new Set([...packageKeys, ...vendorProducts.map((v) => `cpe:${v}`)])];
  if (keys.length === 0) return empty();
  const ids = await deps.uow.read((s) => s.findings.componentIdsByKeys(keys));
  if (ids.length === 0) return empty();
  const components = await deps.uow.read((s) => s.findings.componentsForMatching({ componentIds: ids }));
  return correlateComponents(deps, components);
}

/**
 * Full re-correlation of every stored component (after a matcher or version-scheme upgrade, or to
 * check the incremental path). Reconciles like the incremental path: unchanged findings stay as
 * they are, so running it twice changes nothing.
 */
export async function correlateAll(deps: CorrelateDeps, onProgress?: (done: number) => void): Promise<CorrelationCounts> {
  const total = empty();
  let after: string | null = null;
  for (;;) {
    const ids = await deps.uow.read((s) => s.findings.componentIdPage(after, 5000));
    if (ids.length === 0) break;
    const components = await deps.uow.read((s) => s.findings.componentsForMatching({ componentIds: ids }));
    const c = await correlateComponents(deps, components);
    for (const k of Object.keys(total) as Array<keyof CorrelationCounts>) total[k] += c[k];
    onProgress?.(total.components);
    after = ids[ids.length - 1]!;
  }
  return total;
}

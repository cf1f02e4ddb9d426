/**
 * Correlation: components × advisories → findings, reconciled rather than appended. A finding is
 * one (component instance, vulnerability alias group) with the evidence of every matching source.
 * When the match no longer holds (advisory withdrawn, range changed) the finding turns inactive
 * with its history; it comes back, with its earlier record, when the match returns. Every change
 * is an event in the `finding_events` outbox.
 *
 * Incremental both ways: a new SBOM correlates only its components; ingested advisories re-match
 * only the components indexed under the packages and CPE products they name, and only for the
 * alias groups they changed.
 *
 * At portfolio scale most component instances share their identity (the same purl, version, CPE
 * … in release after release), so a run matches each distinct identity once and fans the result
 * out to its instances; compiled advisories are cached for the whole run (ADR 009).
 */
import { createHash } from 'node:crypto';
import type { Advisory } from '../domain/advisories/advisory.ts';
import { affectedPackageKey, cpeVendorProduct } from '../domain/advisories/keys.ts';
import { componentCsafKeys, csafProductKeys, groupFindings, matchComponent, prepareAdvisory, prepareComponent, type PreparedAdvisory } from '../domain/matching/index.ts';
import type { Clock, FindingMatch, FindingWrite, MatchableComponent, ReconcileFinding, UnitOfWork } from './ports.ts';

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

/** Components per write transaction. */
const CHUNK = 5000;
/** Compiled advisories kept by one run (about 1 GB of heap at the most). */
const MAX_COMPILED = 100_000;

/** What matching one distinct component identity gave: its look-up keys and one match per alias group. */
interface IdentityResult {
  keys: string[];
  matches: Array<{ groupId: number; status: FindingWrite['status']; confidence: FindingWrite['confidence']; match: FindingMatch }>;
}

/**
 * Everything that the matcher reads of a component, without its ref and store ids: instances
 * with the same identity get the same matches (the ref is only copied into results).
 */
function identityOf(c: MatchableComponent): string {
  return JSON.stringify([c.name, c.group, c.version, c.purl, c.cpe, c.supplier, c.hashes, c.properties]);
}

function lookupKeys(pc: ReturnType<typeof prepareComponent>): string[] {
  return [...new Set([...pc.packages.map((p) => p.key), ...componentCsafKeys(pc.component), ...(pc.cpe ? [`cpe:${pc.cpe.vendorProduct}`] : [])])];
}

/** The keys a component is indexed under (`component_keys`): package keys, CSAF name and model keys, `cpe:vendor:product`. */
export function componentLookupKeys(c: Omit<MatchableComponent, 'id' | 'sbomId' | 'releaseId'>): string[] {
  return lookupKeys(prepareComponent({ ref: c.ref, name: c.name, group: c.group, version: c.version, purl: c.purl, cpe: c.cpe, supplier: c.supplier, hashes: c.hashes, properties: c.properties }));
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

/** A match with its content address (MD5 of its JSON, written as a uuid). */
function matchOf(methods: string[], fixedVersions: string[], advisories: FindingMatch['advisories'], evidence: unknown[]): FindingMatch {
  const h = createHash('md5').update(JSON.stringify([methods, fixedVersions, advisories, evidence])).digest('hex');
  return { id: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, methods, fixedVersions, advisories, evidence };
}

/**
 * One correlation run: candidate advisories compiled once (not once per chunk) and each distinct
 * component identity matched once. `groups` restricts the run to those alias groups (the
 * incremental advisory path: a finding of any other group cannot have changed).
 */
class Run {
  private readonly compiled = new Map<string, { prepared: PreparedAdvisory; groupId: number }>();
  /** Candidates by key; complete for every key in `loaded`. */
  private readonly byKey = new Map<string, PreparedAdvisory[]>();
  private readonly loaded = new Set<string>();
  private readonly identities = new Map<string, IdentityResult>();
  /** Matches this run has stored (in committed transactions). */
  readonly storedMatches = new Set<string>();
  readonly groups: ReadonlySet<number> | null;

  constructor(
    private readonly deps: CorrelateDeps,
    groups: readonly number[] | null,
  ) {
    this.groups = groups ? new Set(groups) : null;
  }

  /** Matches the identities of `components` not met before in this run. */
  async match(components: readonly MatchableComponent[]): Promise<IdentityResult[]> {
    const ids = components.map(identityOf);
    const todo = new Map<string, ReturnType<typeof prepareComponent>>();
    for (let i = 0; i < components.length; i++) {
      const id = ids[i]!;
      if (this.identities.has(id) || todo.has(id)) continue;
      const c = components[i]!;
      todo.set(id, prepareComponent({ ref: c.id, name: c.name, group: c.group, version: c.version, purl: c.purl, cpe: c.cpe, supplier: c.supplier, hashes: c.hashes, properties: c.properties }));
    }
    const keysOf = new Map<string, string[]>();
    const wanted = new Set<string>();
    for (const [id, pc] of todo) {
      const keys = lookupKeys(pc);
      keysOf.set(id, keys);
      for (const k of keys) if (!this.loaded.has(k)) wanted.add(k);
    }
    if (wanted.size) await this.load([...wanted]);
    const groupOf = (source: string, id: string) => String(this.compiled.get(`${source}:${id}`)?.groupId ?? `${source}:${id}`);
    for (const [id, pc] of todo) {
      const keys = keysOf.get(id)!;
      const mine = new Set<PreparedAdvisory>();
      for (const key of keys) for (const a of this.byKey.get(key) ?? []) mine.add(a);
      const results = mine.size ? matchComponent(pc, [...mine]) : [];
      const matches = groupFindings(results, groupOf).map((g) => ({
        groupId: Number(g.groupKey),
        status: g.status,
        confidence: g.confidence,
        match: matchOf(
          [...new Set(g.evidence.map((e) => e.method))],
          [...g.fixedVersions],
          g.advisories.map((a) => ({ source: a.source, id: a.id })),
          g.evidence.map((e) => ({ advisory: e.advisory, status: e.status, confidence: e.confidence, method: e.method, ...e.evidence })),
        ),
      }));
      this.identities.set(id, { keys, matches });
    }
    return ids.map((id) => this.identities.get(id)!);
  }

  private async load(keys: string[]): Promise<void> {
    // Bounded memory: a run over a whole portfolio meets most of the feed; start over past the bound.
    if (this.compiled.size > MAX_COMPILED) {
      this.compiled.clear();
      this.byKey.clear();
      this.loaded.clear();
    }
    const packageKeys = keys.filter((k) => !k.startsWith('cpe:'));
    const vendorProducts = keys.filter((k) => k.startsWith('cpe:')).map((k) => k.slice(4));
    const candidates = await this.deps.uow.read((s) => s.advisories.candidates(packageKeys, vendorProducts, this.groups ? [...this.groups] : undefined));
    for (const c of candidates) {
      const k = `${c.advisory.source}:${c.advisory.id}`;
      if (this.compiled.has(k)) continue;
      const entry = { prepared: prepareAdvisory(c.advisory), groupId: c.groupId };
      this.compiled.set(k, entry);
      for (const key of advisoryKeys(c.advisory)) {
        let list = this.byKey.get(key);
        if (!list) this.byKey.set(key, (list = []));
        list.push(entry.prepared);
      }
    }
    for (const k of keys) this.loaded.add(k);
  }
}

function signature(f: { status: string; confidence: string; fixedVersions: readonly string[]; advisories: ReadonlyArray<{ source: string; id: string }> }): string {
  return JSON.stringify([f.status, f.confidence, [...f.fixedVersions].sort(), f.advisories.map((a) => `${a.source}:${a.id}`).sort()]);
}
const sigOf = (w: FindingWrite) => signature({ status: w.status, confidence: w.confidence, fixedVersions: w.match.fixedVersions, advisories: w.match.advisories });

async function reconcile(deps: CorrelateDeps, run: Run, chunk: readonly MatchableComponent[]): Promise<CorrelationCounts> {
  const results = await run.match(chunk);
  const writes: FindingWrite[] = [];
  chunk.forEach((component, j) => {
    for (const m of results[j]!.matches) {
      writes.push({ componentId: component.id, sbomId: component.sbomId, releaseId: component.releaseId, groupId: m.groupId, status: m.status, confidence: m.confidence, match: m.match });
    }
  });
  const now = deps.clock.now();
  return deps.uow.write(async (s) => {
    const local = empty();
    local.components = chunk.length;
    const groups = run.groups ? [...run.groups] : undefined;
    // The keys are a function of the component alone: a run restricted to some groups leaves them.
    if (!groups) await s.findings.setComponentKeys(chunk.map((component, j) => ({ componentId: component.id, keys: results[j]!.keys })));
    const existing: ReconcileFinding[] = await s.findings.forComponents(chunk.map((x) => x.id), groups);
    const byKey = new Map(existing.map((f) => [`${f.componentId}:${f.groupId}`, f]));
    const seen = new Set<string>();
    const events: Array<{ findingId: string; kind: 'retracted' | 'reactivated' | 'changed'; payload: unknown }> = [];
    const payloadOf = (w: FindingWrite) => ({ componentId: w.componentId, releaseId: w.releaseId, groupId: w.groupId, status: w.status, confidence: w.confidence });
    const fresh = writes.filter((w) => !byKey.has(`${w.componentId}:${w.groupId}`));
    const updates: Array<{ id: string; write: FindingWrite }> = [];
    for (const w of writes) {
      const key = `${w.componentId}:${w.groupId}`;
      seen.add(key);
      const old = byKey.get(key);
      const payload = payloadOf(w);
      if (!old) {
        continue;
      } else if (!old.active) {
        updates.push({ id: old.id, write: w });
        events.push({ findingId: old.id, kind: 'reactivated', payload });
        local.reactivated += 1;
      } else if (signature(old) !== sigOf(w)) {
        updates.push({ id: old.id, write: w });
        events.push({ findingId: old.id, kind: 'changed', payload: { ...payload, before: { status: old.status, confidence: old.confidence } } });
        local.changed += 1;
      } else local.unchanged += 1;
    }
    // Each match is stored once (content-addressed), then findings refer to it. In id order, in one
    // statement, so that two transactions storing the same matches take their locks in one order.
    const unsaved = new Map<string, FindingMatch>();
    for (const w of [...fresh, ...updates.map((u) => u.write)]) if (!run.storedMatches.has(w.match.id)) unsaved.set(w.match.id, w.match);
    await s.findings.saveMatches([...unsaved.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // New findings and their `new` events are written together, before the other events.
    await s.findings.insertNew(fresh, now);
    local.new += fresh.length;
    await s.findings.updateMany(updates, now);
    const retracted = existing.filter((f) => f.active && !seen.has(`${f.componentId}:${f.groupId}`));
    await s.findings.deactivate(retracted.map((f) => f.id), now);
    for (const f of retracted) events.push({ findingId: f.id, kind: 'retracted', payload: { componentId: f.componentId, groupId: f.groupId } });
    local.retracted += retracted.length;
    await s.findings.addEvents(events, now);
    return { local, saved: [...unsaved.keys()] };
  }).then(({ local, saved }) => {
    for (const id of saved) run.storedMatches.add(id);
    return local;
  });
}

function add(total: CorrelationCounts, c: CorrelationCounts): void {
  for (const k of Object.keys(total) as Array<keyof CorrelationCounts>) total[k] += c[k];
}

async function correlateWith(deps: CorrelateDeps, run: Run, components: readonly MatchableComponent[]): Promise<CorrelationCounts> {
  const counts = empty();
  for (let i = 0; i < components.length; i += CHUNK) add(counts, await reconcile(deps, run, components.slice(i, i + CHUNK)));
  return counts;
}

/** Re-matches the given components against every stored candidate and reconciles their findings. */
export async function correlateComponents(deps: CorrelateDeps, components: readonly MatchableComponent[]): Promise<CorrelationCounts> {
  return correlateWith(deps, new Run(deps, null), components);
}

/** After an SBOM import: correlates its components. */
export async function correlateSbom(deps: CorrelateDeps, sbomId: string): Promise<CorrelationCounts> {
  const components = await deps.uow.read((s) => s.findings.componentsForMatching({ sbomId }));
  return correlateComponents(deps, components);
}

/**
 * After advisories changed: re-matches the components indexed under what they name, and those
 * with a finding in a changed group. With `groups` (the alias groups the change touched), only
 * those groups are re-evaluated and reconciled; without, every group of the components.
 */
export async function correlateAdvisoryKeys(deps: CorrelateDeps, packageKeys: readonly string[], vendorProducts: readonly string[], groups?: readonly number[]): Promise<CorrelationCounts> {
  const keys = [...new Set([...packageKeys, ...vendorProducts.map((v) => `cpe:${v}`)])];
  if (keys.length === 0 && !groups?.length) return empty();
  if (groups && groups.length === 0) return empty();
  const ids = await deps.uow.read((s) => s.findings.componentIdsByKeys(keys, groups));
  if (ids.length === 0) return empty();
  const components = await deps.uow.read((s) => s.findings.componentsForMatching({ componentIds: ids }));
  return correlateWith(deps, new Run(deps, groups ?? null), components);
}

/**
 * Full re-correlation of every stored component (after a matcher or version-scheme upgrade, or to
 * check the incremental path). Reconciles like the incremental path: unchanged findings stay as
 * they are, so running it twice changes nothing.
 */
export async function correlateAll(deps: CorrelateDeps, onProgress?: (done: number) => void): Promise<CorrelationCounts> {
  const total = empty();
  const run = new Run(deps, null);
  await deps.uow.write((s) => s.findings.refreshStatistics());
  let after: string | null = null;
  for (;;) {
    const components = await deps.uow.read((s) => s.findings.componentPage(after, 10_000));
    if (components.length === 0) break;
    add(total, await correlateWith(deps, run, components));
    onProgress?.(total.components);
    after = components[components.length - 1]!.id;
  }
  await deps.uow.write(async (s) => {
    await s.findings.pruneMatches();
    await s.findings.refreshStatistics();
  });
  return total;
}

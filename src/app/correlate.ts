/**
 * Correlation: components × advisories → findings, reconciled rather than appended. A finding is
 * one (component instance, vulnerability alias group) with the evidence of every matching source.
 * When the match no longer holds (advisory withdrawn, range changed) the finding turns inactive
 * with its history; it comes back, with its earlier record, when the match returns. Every change
 * is an event in the `finding_events` outbox.
 *
 * Everything the matcher reads of a component is its identity, and instances with the same
 * identity (the same package at the same version in release after release) have the same
 * findings. So the store keeps the match state per identity and alias group, and a finding of an
 * instance is that state seen through the instance (ADR 010): matching, reconciling and events
 * happen once per identity, however many releases carry it.
 *
 * Incremental both ways: a new SBOM correlates only its components' identities; ingested
 * advisories re-match only the identities indexed under the packages and CPE products they name,
 * and only for the alias groups they changed.
 */
import { Worker } from 'node:worker_threads';
import { identityKeys, Matcher, type Candidate, type IdentityMatches } from './correlate-matcher.ts';
import type { MatchRequest } from './correlate-worker.ts';
import type { Clock, FindingWrite, MatchableIdentity, ReconcileFinding, UnitOfWork } from './ports.ts';

export interface CorrelateDeps {
  uow: UnitOfWork;
  clock: Clock;
}

export interface CorrelationCounts {
  /** Component instances in scope (the SBOM's, or every imported instance of the identities matched). */
  components: number;
  /** Distinct component identities matched. */
  identities: number;
  /** Findings of component instances, by what happened to them. */
  new: number;
  retracted: number;
  reactivated: number;
  changed: number;
  unchanged: number;
}

const empty = (): CorrelationCounts => ({ components: 0, identities: 0, new: 0, retracted: 0, reactivated: 0, changed: 0, unchanged: 0 });

/** Identities per write transaction. */
const CHUNK = 2500;
/** Compiled advisories kept by one run (about 1 GB of heap at the most). */
const MAX_COMPILED = 100_000;

/** What matching one component identity gave: its look-up keys and one match per alias group. */
interface IdentityResult {
  keys: string[];
  matches: IdentityMatches;
}

/** Where a run's matching happens: in this thread, or in a worker thread (full runs). */
interface MatchBackend {
  match(reset: boolean, candidates: Candidate[], identities: ReadonlyArray<Omit<MatchableIdentity, 'instances'>>): Promise<IdentityMatches[]>;
  close(): Promise<void>;
}

function localBackend(): MatchBackend {
  const matcher = new Matcher();
  return {
    async match(reset, candidates, identities) {
      if (reset) matcher.clear();
      matcher.add(candidates);
      return matcher.match(identities);
    },
    async close() {},
  };
}

function workerBackend(): MatchBackend {
  const worker = new Worker(new URL('./correlate-worker.mjs', import.meta.url));
  const waiting = new Map<number, { resolve: (r: IdentityMatches[]) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (m: { id: number; results?: IdentityMatches[]; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(`correlation worker: ${m.error}`));
    else w?.resolve(m.results!);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`correlation worker exited (${code})`)));
  let next = 0;
  return {
    match(reset, candidates, identities) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const request: MatchRequest = { id, reset, candidates, identities: [...identities] };
        worker.postMessage(request);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/**
 * One correlation run: candidate advisories read once per key and compiled once (not once per
 * chunk). `groups` restricts the run to those alias groups (the incremental advisory path: a
 * finding of any other group cannot have changed).
 */
class Run {
  /** Keys whose candidates the backend holds. */
  private readonly loaded = new Set<string>();
  private compiled = 0;
  readonly groups: ReadonlySet<number> | null;

  constructor(
    private readonly deps: CorrelateDeps,
    groups: readonly number[] | null,
    private readonly backend: MatchBackend = localBackend(),
  ) {
    this.groups = groups ? new Set(groups) : null;
  }

  /**
   * Reads the candidates the identities need that the backend lacks and hands the identities to
   * it; the returned promise settles when they are matched (in a worker, while the caller writes).
   */
  async start(identities: readonly MatchableIdentity[]): Promise<{ results: Promise<IdentityResult[]> }> {
    const keysOf = identities.map(identityKeys);
    // Bounded memory: a run over a whole portfolio meets most of the feed; start over past the bound.
    const reset = this.compiled > MAX_COMPILED;
    if (reset) {
      this.loaded.clear();
      this.compiled = 0;
    }
    const wanted = new Set<string>();
    for (const keys of keysOf) for (const k of keys) if (!this.loaded.has(k)) wanted.add(k);
    const candidates = wanted.size ? await this.load([...wanted]) : [];
    this.compiled += candidates.length;
    const matched = this.backend.match(reset, candidates, identities);
    const results = matched.then((all) => all.map((matches, i) => ({ keys: keysOf[i]!, matches })));
    // Keep a rejection from going unhandled while the caller writes an earlier chunk.
    results.catch(() => undefined);
    return { results };
  }

  private async load(keys: string[]): Promise<Candidate[]> {
    const packageKeys = keys.filter((k) => !k.startsWith('cpe:'));
    const vendorProducts = keys.filter((k) => k.startsWith('cpe:')).map((k) => k.slice(4));
    const candidates = await this.deps.uow.read((s) => s.advisories.candidateTexts(packageKeys, vendorProducts, this.groups ? [...this.groups] : undefined));
    for (const k of keys) this.loaded.add(k);
    return candidates;
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

function signature(f: { status: string; confidence: string; fixedVersions: readonly string[]; advisories: ReadonlyArray<{ source: string; id: string }> }): string {
  return JSON.stringify([f.status, f.confidence, [...f.fixedVersions].sort(), f.advisories.map((a) => `${a.source}:${a.id}`).sort()]);
}
const sigOf = (w: FindingWrite) => signature({ status: w.status, confidence: w.confidence, fixedVersions: w.match.fixedVersions, advisories: w.match.advisories });

/**
 * Reconciles the findings of a chunk of identities with what matching gave. Counts are of
 * component instances: an identity's outcome counts once for each of its instances in scope.
 */
async function reconcile(deps: CorrelateDeps, run: Run, chunk: readonly MatchableIdentity[], results: readonly IdentityResult[]): Promise<CorrelationCounts> {
  const writes: FindingWrite[] = [];
  const instances = new Map<string, number>();
  chunk.forEach((identity, j) => {
    instances.set(identity.id, identity.instances);
    for (const m of results[j]!.matches) writes.push({ identityId: identity.id, groupId: m.groupId, status: m.status, confidence: m.confidence, match: m.match });
  });
  const n = (identityId: string) => instances.get(identityId) ?? 0;
  const now = deps.clock.now();
  return deps.uow.write(async (s) => {
    const local = empty();
    local.identities = chunk.length;
    for (const identity of chunk) local.components += identity.instances;
    const groups = run.groups ? [...run.groups] : undefined;
    // The keys are a function of the identity alone: a run restricted to some groups leaves them.
    if (!groups) await s.findings.setIdentityKeys(chunk.map((identity, j) => ({ identityId: identity.id, keys: results[j]!.keys })));
    const existing: ReconcileFinding[] = await s.findings.forIdentities(chunk.map((x) => x.id), groups);
    const byKey = new Map(existing.map((f) => [`${f.identityId}:${f.groupId}`, f]));
    const seen = new Set<string>();
    const events: Array<{ findingId: string; kind: 'retracted' | 'reactivated' | 'changed'; payload: unknown }> = [];
    const payloadOf = (w: FindingWrite) => ({ identityId: w.identityId, groupId: w.groupId, status: w.status, confidence: w.confidence });
    const fresh = writes.filter((w) => !byKey.has(`${w.identityId}:${w.groupId}`));
    const updates: Array<{ id: string; write: FindingWrite }> = [];
    for (const w of writes) {
      const key = `${w.identityId}:${w.groupId}`;
      seen.add(key);
      const old = byKey.get(key);
      const payload = payloadOf(w);
      if (!old) {
        continue;
      } else if (!old.active) {
        updates.push({ id: old.id, write: w });
        events.push({ findingId: old.id, kind: 'reactivated', payload });
        local.reactivated += n(w.identityId);
      } else if (signature(old) !== sigOf(w)) {
        updates.push({ id: old.id, write: w });
        events.push({ findingId: old.id, kind: 'changed', payload: { ...payload, before: { status: old.status, confidence: old.confidence } } });
        local.changed += n(w.identityId);
      } else local.unchanged += n(w.identityId);
    }
    // New findings and their `new` events are written together, before the other events.
    await s.findings.insertNew(fresh, now);
    for (const w of fresh) local.new += n(w.identityId);
    await s.findings.updateMany(updates, now);
    const retracted = existing.filter((f) => f.active && !seen.has(`${f.identityId}:${f.groupId}`));
    await s.findings.deactivate(retracted.map((f) => f.id), now);
    for (const f of retracted) {
      events.push({ findingId: f.id, kind: 'retracted', payload: { identityId: f.identityId, groupId: f.groupId } });
      local.retracted += n(f.identityId);
    }
    await s.findings.addEvents(events, now);
    return local;
  });
}

function add(total: CorrelationCounts, c: CorrelationCounts): void {
  for (const k of Object.keys(total) as Array<keyof CorrelationCounts>) total[k] += c[k];
}

async function correlateWith(deps: CorrelateDeps, run: Run, identities: readonly MatchableIdentity[]): Promise<CorrelationCounts> {
  const counts = empty();
  for (let i = 0; i < identities.length; i += CHUNK) {
    const chunk = identities.slice(i, i + CHUNK);
    add(counts, await reconcile(deps, run, chunk, await (await run.start(chunk)).results));
  }
  return counts;
}

/**
 * After an SBOM import: its components' identities are re-matched (those already known to the
 * store normally change nothing) and the findings its instances gain are announced: one `new`
 * event scoped to the SBOM for each finding their identities already had, and the usual events
 * for what the re-match changed. Counts are of the SBOM's instances.
 */
export async function correlateSbom(deps: CorrelateDeps, sbomId: string): Promise<CorrelationCounts> {
  const announced = await deps.uow.write((s) => s.findings.announceSbom(sbomId, deps.clock.now()));
  const identities = await deps.uow.read((s) => s.findings.identitiesForMatching({ sbomId }));
  const run = new Run(deps, null);
  const counts = await correlateWith(deps, run, identities).finally(() => run.close());
  counts.new += announced;
  counts.unchanged = Math.max(0, counts.unchanged - announced);
  return counts;
}

/**
 * After advisories changed: re-matches the identities indexed under what they name, and those
 * with a finding in a changed group. With `groups` (the alias groups the change touched), only
 * those groups are re-evaluated and reconciled; without, every group of the identities.
 */
export async function correlateAdvisoryKeys(deps: CorrelateDeps, packageKeys: readonly string[], vendorProducts: readonly string[], groups?: readonly number[]): Promise<CorrelationCounts> {
  const keys = [...new Set([...packageKeys, ...vendorProducts.map((v) => `cpe:${v}`)])];
  if (keys.length === 0 && !groups?.length) return empty();
  if (groups && groups.length === 0) return empty();
  const ids = await deps.uow.read((s) => s.findings.identityIdsByKeys(keys, groups));
  if (ids.length === 0) return empty();
  const identities = await deps.uow.read((s) => s.findings.identitiesForMatching({ identityIds: ids }));
  const run = new Run(deps, groups ?? null);
  return correlateWith(deps, run, identities).finally(() => run.close());
}

/**
 * Full re-correlation of every component identity (after a matcher or version-scheme upgrade, or
 * to check the incremental path). Reconciles like the incremental path: unchanged findings stay as
 * they are, so running it twice changes nothing. `onProgress` gets the instances done so far.
 */
export async function correlateAll(deps: CorrelateDeps, onProgress?: (done: number) => void): Promise<CorrelationCounts> {
  const total = empty();
  // Matching in a worker thread: while this thread writes one chunk's findings, the worker
  // matches the next (the database's work and the matcher's overlap on two cores).
  const run = new Run(deps, null, workerBackend());
  try {
    await deps.uow.write((s) => s.findings.refreshStatistics('identities'));
    // Counts are of instances: one grouped read of every identity's instances in imported SBOMs,
    // first needed by the first reconciliation, so it runs while the worker matches.
    let instances: Map<string, number> | null = null;
    let pending: { chunk: MatchableIdentity[]; results: Promise<IdentityResult[]> } | null = null;
    const flush = async () => {
      if (!pending) return;
      const { chunk, results } = pending;
      pending = null;
      instances ??= await deps.uow.read((s) => s.findings.instanceCounts());
      for (const identity of chunk) identity.instances = instances.get(identity.id) ?? 0;
      add(total, await reconcile(deps, run, chunk, await results));
      onProgress?.(total.components);
    };
    let after: string | null = null;
    for (;;) {
      const identities = await deps.uow.read((s) => s.findings.identityPage(after, 2 * CHUNK));
      if (identities.length === 0) break;
      for (let i = 0; i < identities.length; i += CHUNK) {
        const chunk = identities.slice(i, i + CHUNK);
        const { results } = await run.start(chunk);
        await flush();
        pending = { chunk, results };
      }
      after = identities[identities.length - 1]!.id;
    }
    await flush();
    await deps.uow.write((s) => s.findings.refreshStatistics('findings'));
    return total;
  } finally {
    await run.close();
  }
}

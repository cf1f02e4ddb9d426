/**
 * Ingest: each batch a source yields is committed in one transaction together with the source's
 * watermark, so a crash or kill resumes from the last committed batch, and re-ingesting the same
 * records changes nothing (content hashes).
 */
import type { Advisory } from '../domain/advisories/advisory.ts';
import { csafProductKeys } from '../domain/matching/index.ts';
import { advisoryContentHash, affectedPackageKey, cpeVendorProduct, maxCvssScore } from '../domain/advisories/keys.ts';
import type { AdvisoryWrite, Clock, UnitOfWork } from './ports.ts';
import { correlateAdvisoryKeys } from './correlate.ts';

/** What the ingest needs of a batch (structurally the sources' SourceBatch). */
export interface IngestBatch {
  readonly advisories?: readonly Advisory[];
  readonly kev?: readonly import('../domain/advisories/advisory.ts').KevEntry[];
  readonly epss?: readonly import('../domain/advisories/advisory.ts').EpssScore[];
  readonly problems?: ReadonlyArray<{ source: string; id: string | null; location: string; reason: string }>;
  readonly watermark: unknown;
  readonly progress?: { readonly done: number; readonly total: number | null };
  readonly raw?: ReadonlyMap<string, unknown>;
}

export interface IngestDeps {
  uow: UnitOfWork;
  clock: Clock;
}

export interface IngestCounts {
  advisories: number;
  inserted: number;
  updated: number;
  unchanged: number;
  kev: number;
  epss: number;
  problems: number;
  touchedGroups: number[];
}

export function prepareAdvisory(advisory: Advisory, raw: unknown): AdvisoryWrite {
  const packages: AdvisoryWrite['packages'] = advisory.affected.map((p) => ({ key: affectedPackageKey(p), ecosystem: p.ecosystem, data: p }));
  const cpes: AdvisoryWrite['cpes'] = [];
  for (const config of advisory.cpeConfigurations) {
    for (const node of config.nodes) {
      for (const m of node.cpeMatch) {
        const vp = cpeVendorProduct(m.criteria);
        if (vp) cpes.push({ vendorProduct: vp, data: { ...m, negate: node.negate, nodeOperator: node.operator, configOperator: config.operator } });
      }
    }
  }
  for (const product of advisory.csafProducts) {
    const vp = product.helpers.cpe ? cpeVendorProduct(product.helpers.cpe) : null;
    if (vp) cpes.push({ vendorProduct: vp, data: { csaf: product } });
    const keys = product.helpers.purl ? [affectedPackageKey({ purl: product.helpers.purl, ecosystem: null, name: product.name, ranges: [], versions: [], fixedVersions: [] })] : csafProductKeys(product);
    for (const key of keys) packages.push({ key, ecosystem: null, data: { csaf: product } });
  }
  return { advisory, raw, contentHash: advisoryContentHash(advisory), maxCvss: maxCvssScore(advisory), packages, cpes };
}

export interface IngestOptions {
  /** Commit the batch's watermark as the source's resume point (false for one-off file imports). */
  commitWatermark: boolean;
  /** Progress throughput for display. */
  startedAt?: number;
}

export async function ingestBatch(deps: IngestDeps, source: string, batch: IngestBatch, opts: IngestOptions): Promise<IngestCounts> {
  const now = deps.clock.now();
  const items = (batch.advisories ?? []).map((a) => prepareAdvisory(a, batch.raw?.get(a.id) ?? null));
  const { counts, changed } = await deps.uow.write(async (s) => {
    const result = await s.advisories.upsertBatch(items, now);
    if (batch.kev?.length) await s.advisories.upsertKev(batch.kev, now, false);
    const epss = batch.epss?.length ? await s.advisories.upsertEpss(batch.epss) : 0;
    const problems = batch.problems ?? [];
    await s.feeds.addProblems(problems.map((p) => ({ source: p.source || source, id: p.id, location: p.location, reason: p.reason })), now);
    const records = items.length + (batch.kev?.length ?? 0) + (batch.epss?.length ?? 0);
    const previous = await s.feeds.get(source);
    let progress = null;
    if (batch.progress) {
      const elapsed = opts.startedAt !== undefined ? (now.getTime() - opts.startedAt) / 1000 : null;
      const rate = elapsed && elapsed > 0 ? batch.progress.done / elapsed : null;
      const eta = rate && batch.progress.total !== null ? Math.max(0, (batch.progress.total - batch.progress.done) / rate) : null;
      progress = { done: batch.progress.done, total: batch.progress.total, rate: rate === null ? null : Math.round(rate), etaSeconds: eta === null ? null : Math.round(eta) };
    }
    await s.feeds.advance(source, opts.commitWatermark ? batch.watermark : (previous?.watermark ?? null), records, problems.length, progress, now);
    const counts: IngestCounts = {
      advisories: items.length,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      kev: batch.kev?.length ?? 0,
      epss,
      problems: problems.length,
      touchedGroups: result.touchedGroups,
    };
    return { counts, changed: new Set(result.changed) };
  });
  // Re-match the components that the changed advisories name (incremental correlation).
  if (counts.inserted + counts.updated > 0) {
    // Only the alias groups the batch touched can change; the other findings stay as they are.
    // Unchanged records of the batch are left out: a package they name but no changed record
    // names has no new match in a touched group, and one whose match a change removed (a
    // package dropped from a record, a group merged) is found through its finding in that group.
    const redo = items.filter((i) => changed.has(`${i.advisory.source}\u0000${i.advisory.id}`));
    await correlateAdvisoryKeys(deps, redo.flatMap((i) => i.packages.map((p) => p.key)), redo.flatMap((i) => i.cpes.map((c) => c.vendorProduct)), counts.touchedGroups);
  }
  return counts;
}

export interface SyncRun<B extends IngestBatch> {
  source: string;
  batches: (watermark: unknown) => AsyncIterable<B>;
  commitWatermark?: boolean;
  onBatch?: (counts: IngestCounts, batch: B) => void;
}

const STATISTICS_EVERY = 20_000;

/** Runs a source from its committed watermark to the end, committing batch by batch. */
export async function runSync<B extends IngestBatch>(deps: IngestDeps, run: SyncRun<B>): Promise<IngestCounts> {
  const startedAt = deps.clock.now().getTime();
  const total: IngestCounts = { advisories: 0, inserted: 0, updated: 0, unchanged: 0, kev: 0, epss: 0, problems: 0, touchedGroups: [] };
  const state = await deps.uow.read((s) => s.feeds.get(run.source));
  await deps.uow.write((s) => s.feeds.start(run.source, deps.clock.now()));
  // Planner statistics are refreshed every STATISTICS_EVERY written advisories: the embedded
  // database runs no autovacuum, and a first sync of a feed otherwise leaves the planner reading
  // the advisory tables as nearly empty (slow candidate look-ups for every later correlation).
  let sinceStatistics = 0;
  try {
    for await (const batch of run.batches(run.commitWatermark === false ? null : (state?.watermark ?? null))) {
      const counts = await ingestBatch(deps, run.source, batch, { commitWatermark: run.commitWatermark !== false, startedAt });
      sinceStatistics += counts.inserted + counts.updated;
      if (sinceStatistics >= STATISTICS_EVERY) {
        await deps.uow.write((s) => s.findings.refreshStatistics());
        sinceStatistics = 0;
      }
      total.advisories += counts.advisories;
      total.inserted += counts.inserted;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
      total.kev += counts.kev;
      total.epss += counts.epss;
      total.problems += counts.problems;
      total.touchedGroups.push(...counts.touchedGroups);
      run.onBatch?.(counts, batch);
    }
    await deps.uow.write((s) => s.feeds.succeed(run.source, deps.clock.now()));
    total.touchedGroups = [...new Set(total.touchedGroups)].sort((a, b) => a - b);
    return total;
  } catch (err) {
    await deps.uow.write((s) => s.feeds.fail(run.source, (err as Error).message, deps.clock.now())).catch(() => undefined);
    throw err;
  }
}

/** Queries over vulnerability intelligence: alias groups, their advisories, feed status. */
import { VigilError } from '../domain/errors.ts';
import { correlateAdvisoryKeys } from './correlate.ts';
import { prepareAdvisory } from './ingest-advisories.ts';
import type { FeedStateView, UnitOfWork, VulnGroupDetail, VulnGroupSummary, VulnQuery } from './ports.ts';

export function listVulnerabilities(deps: { uow: UnitOfWork }, q: VulnQuery): Promise<{ items: VulnGroupSummary[]; total: number }> {
  return deps.uow.read((s) => s.advisories.listGroups(q));
}

export async function getVulnerability(deps: { uow: UnitOfWork }, identifier: string): Promise<VulnGroupDetail> {
  const g = await deps.uow.read((s) => s.advisories.findGroup(identifier.trim()));
  if (!g) throw new VigilError('VULNERABILITY_NOT_FOUND', `no vulnerability known as '${identifier}'`, { identifier });
  return g;
}

export interface FeedStatus extends FeedStateView {
  /** Seconds since the last successful sync (null when never). */
  lagSeconds: number | null;
  recentProblems: Array<{ recordId: string | null; location: string; reason: string; occurredAt: string }>;
}

export async function feedStatus(deps: { uow: UnitOfWork; clock: { now(): Date } }, sources: readonly string[]): Promise<FeedStatus[]> {
  const stored = await deps.uow.read((s) => s.feeds.list());
  const names = [...new Set([...sources, ...stored.map((f) => f.source)])].sort();
  const now = deps.clock.now().getTime();
  const out: FeedStatus[] = [];
  for (const source of names) {
    const f = stored.find((x) => x.source === source) ?? {
      source, watermark: null, status: 'idle' as const, progress: null, lastStartedAt: null, lastSuccessAt: null, lastError: null, lastErrorAt: null, recordsTotal: 0, problemsTotal: 0, updatedAt: new Date(now).toISOString(),
    };
    const recentProblems = await deps.uow.read((s) => s.feeds.recentProblems(source, 5));
    out.push({ ...f, lagSeconds: f.lastSuccessAt ? Math.round((now - new Date(f.lastSuccessAt).getTime()) / 1000) : null, recentProblems });
  }
  return out;
}

/** Queues a sync of one feed now ("sync now"); refuses when one is already waiting. */
export async function requestFeedSync(deps: { uow: UnitOfWork }, actor: import('./ports.ts').Actor, source: string, queue: string): Promise<{ jobId: string }> {
  try {
    return await deps.uow.write(async (s) => {
      const jobId = await s.jobs.enqueue(queue, { requestedBy: actor.label });
      await s.audit.append({ actor, action: 'feed.sync-requested', entityType: 'feed', entityId: source, after: { jobId } });
      return { jobId };
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'JOB_ALREADY_QUEUED') throw new VigilError('FEED_SYNC_RUNNING', `a sync of ${source} is already waiting to run`, { source });
    throw err;
  }
}

/**
 * Records an internal advisory (written in Vigil: by hand, or later from a coordinated-disclosure
 * report). Same model as every feed's; a second call with the same id is a new revision.
 */
export async function recordInternalAdvisory(
  deps: { uow: UnitOfWork; clock: { now(): Date } },
  actor: import('./ports.ts').Actor,
  advisory: import('../domain/advisories/advisory.ts').Advisory,
  raw: unknown,
  reason: string | null,
): Promise<{ id: string; created: boolean; primaryId: string }> {
  if (advisory.source !== 'internal') throw new VigilError('VALIDATION_FAILED', 'an internal advisory must have source internal');
  const prepared = prepareAdvisory(advisory, raw);
  const recorded = await deps.uow.write(async (s) => {
    const result = await s.advisories.upsertBatch([prepared], deps.clock.now());
    const created = result.inserted === 1;
    if (result.inserted || result.updated) {
      await s.audit.append({ actor, action: created ? 'advisory.created' : 'advisory.updated', entityType: 'advisory', entityId: `internal:${advisory.id}`, after: advisory, reason });
    }
    const group = await s.advisories.findGroup(advisory.id);
    return { id: advisory.id, created, primaryId: group?.primaryId ?? advisory.id, touchedGroups: result.touchedGroups };
  });
  await correlateAdvisoryKeys(deps, prepared.packages.map((p) => p.key), prepared.cpes.map((c) => c.vendorProduct), recorded.touchedGroups);
  return { id: recorded.id, created: recorded.created, primaryId: recorded.primaryId };
}

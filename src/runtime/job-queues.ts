/** The queues every process defines; handlers are registered in ./jobs.ts by worker processes. */
import { SBOM_IMPORT_JOB } from '../app/import-sbom.ts';
import type { QueueDefinition } from '../store/job-queue.ts';
import { feedNames, type FeedName } from './feeds.ts';

export const feedSyncQueue = (name: FeedName) => `feed-sync-${name}`;

export const jobQueues: readonly QueueDefinition[] = [
  { name: SBOM_IMPORT_JOB, retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 15 * 60 },
  // One waiting and one running sync per feed at most; a sync resumes from its watermark, so a
  // retry after a crash continues where the last committed batch ended.
  ...feedNames.map((name) => ({ name: feedSyncQueue(name), retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 6 * 3600, policy: 'stately' as const })),
];

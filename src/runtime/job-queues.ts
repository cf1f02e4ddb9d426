/** The queues every process defines; handlers are registered in ./jobs.ts by worker processes. */
import { SBOM_IMPORT_JOB } from '../app/import-sbom.ts';
import { NOTIFY_DELIVER_JOB, NOTIFY_SCAN_JOB } from '../app/notifications.ts';
import type { QueueDefinition } from '../store/job-queue.ts';
import { feedNames, type FeedName } from './feeds.ts';

export const feedSyncQueue = (name: FeedName) => `feed-sync-${name}`;

export const jobQueues: readonly QueueDefinition[] = [
  { name: SBOM_IMPORT_JOB, retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 15 * 60 },
  // One waiting and one running sync per feed at most; a sync resumes from its watermark, so a
  // retry after a crash continues where the last committed batch ended.
  // Reminders: one scan and one delivery run waiting at most; the outbox rows carry the state, so
  // a lost run is simply the next one's work.
  { name: NOTIFY_SCAN_JOB, retryLimit: 1, retryDelaySeconds: 30, expireInSeconds: 10 * 60, policy: 'stately' },
  { name: NOTIFY_DELIVER_JOB, retryLimit: 1, retryDelaySeconds: 30, expireInSeconds: 30 * 60, policy: 'stately' },
  ...feedNames.map((name) => ({ name: feedSyncQueue(name), retryLimit: 2, retryDelaySeconds: 60, expireInSeconds: 6 * 3600, policy: 'stately' as const })),
];

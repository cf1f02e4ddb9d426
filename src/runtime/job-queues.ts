/** The queues every process defines; handlers are registered in ./jobs.ts by worker processes. */
import { SBOM_IMPORT_JOB } from '../app/import-sbom.ts';
import type { QueueDefinition } from '../store/job-queue.ts';

export const jobQueues: readonly QueueDefinition[] = [
  { name: SBOM_IMPORT_JOB, retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 15 * 60 },
];

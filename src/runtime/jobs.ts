/** Job handlers: the same ones run in-process (embedded) and in separate worker processes. */
import { SBOM_IMPORT_JOB, runSbomImport } from '../app/import-sbom.ts';
import { runSync } from '../app/ingest-advisories.ts';
import { NOTIFY_DELIVER_JOB, NOTIFY_SCAN_JOB, deliverPending, scanReminders } from '../app/notifications.ts';
import { notifyDeps } from './notifications.ts';
import { cronFor, feedBatches, feedNames, realHttp } from './feeds.ts';
import { feedSyncQueue } from './job-queues.ts';
import type { Runtime } from './runtime.ts';

/** Registers a handler for every job definition on this process's queue. */
export async function startWorkers(rt: Runtime, log: (msg: string) => void): Promise<void> {
  if (!rt.queue) throw new Error('no job queue in this process');
  await rt.queue.work(SBOM_IMPORT_JOB, rt.config.workerConcurrency, async (data, ctx) => {
    const sbomId = String(data.sbomId);
    const started = Date.now();
    const sbom = await runSbomImport(rt.importDeps, sbomId);
    log(`job ${SBOM_IMPORT_JOB} ${ctx.jobId} (attempt ${ctx.attempt}): SBOM ${sbomId} ${sbom.status}, ${sbom.componentCount} components in ${Date.now() - started} ms`);
  });
  await startNotificationWorkers(rt, log);
  for (const name of feedNames) {
    await rt.queue.work(feedSyncQueue(name), 1, async (_data, ctx) => {
      const started = Date.now();
      try {
        const total = await runSync(rt, { source: name, batches: (watermark) => feedBatches(name, rt.config, watermark, realHttp) });
        log(`feed ${name} synced (job ${ctx.jobId}): ${total.inserted} new, ${total.updated} updated, ${total.unchanged} unchanged advisories, ${total.kev} KEV, ${total.epss} EPSS, ${total.problems} problems in ${Math.round((Date.now() - started) / 1000)} s`);
      } catch (err) {
        log(`feed ${name} sync failed (job ${ctx.jobId}, attempt ${ctx.attempt}): ${(err as Error).message}`);
        throw err;
      }
    });
  }
}

/** The reminder scan and the notification delivery worker (config checked when registered). */
async function startNotificationWorkers(rt: Runtime, log: (msg: string) => void): Promise<void> {
  const deps = notifyDeps(rt);
  await rt.queue!.work(NOTIFY_SCAN_JOB, 1, async () => {
    const r = await scanReminders(deps, { enqueueDelivery: true });
    if (r.enqueued) log(`reminders: ${r.enqueued} notification(s) enqueued`);
  });
  await rt.queue!.work(NOTIFY_DELIVER_JOB, 1, async () => {
    const r = await deliverPending(deps);
    if (r.delivered || r.failed || r.dead || r.cancelled) log(`notifications: ${r.delivered} delivered, ${r.failed} failed (will retry), ${r.dead} dead, ${r.cancelled} cancelled`);
  });
}

/** Runs the reminder scan and the delivery worker on the notification cron (scheduler role). */
export async function scheduleNotifications(rt: Runtime, log: (msg: string) => void): Promise<void> {
  if (!rt.queue) return;
  const cron = rt.config.notifyCron.trim();
  await rt.queue.schedule(NOTIFY_SCAN_JOB, cron);
  await rt.queue.schedule(NOTIFY_DELIVER_JOB, cron);
  if (cron) log(`reminders and notifications: scheduled '${cron}' (UTC)`);
}

/** Puts each enabled feed on its cron schedule (scheduler role). */
export async function scheduleFeeds(rt: Runtime, log: (msg: string) => void): Promise<void> {
  if (!rt.queue) return;
  for (const name of feedNames) {
    const cron = rt.config.feedSync && rt.config.feedSources.includes(name) ? cronFor(name, rt.config) : '';
    await rt.queue.schedule(feedSyncQueue(name), cron);
    if (cron) log(`feed ${name}: scheduled '${cron}' (UTC)`);
  }
}

/**
 * Embedded mode owns its database alone, so an SBOM left 'processing' by a killed process has
 * no live worker: finish it now. (The orphaned job, once expired and retried, finds it imported.)
 */
export async function resumeUnfinishedImports(rt: Runtime, log: (msg: string) => void): Promise<number> {
  const pending = await rt.uow.read((s) => s.sboms.listProcessing());
  for (const sbom of pending) {
    log(`resuming the import of SBOM ${sbom.id} (${sbom.filename})`);
    await runSbomImport(rt.importDeps, sbom.id);
  }
  return pending.length;
}

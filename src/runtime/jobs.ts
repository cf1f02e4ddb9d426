/** Job definitions: the same ones run in-process (embedded) and in separate worker processes. */
import { SBOM_IMPORT_JOB, runSbomImport } from '../app/import-sbom.ts';
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

/**
 * SBOM import in two steps:
 *  1. submit: validate the document at the edge (syntax, schema, size) — a bad document is
 *     rejected and nothing is written; a good one is stored byte for byte as an SBOM in status
 *     'processing', with its import job enqueued in the same transaction.
 *  2. run: the job writes the components in batches (progress visible), then flips the SBOM to
 *     'imported' in one statement. Components of an SBOM that is not 'imported' are never shown,
 *     so a crash mid-import leaves nothing half-visible; a re-run clears the partial rows first.
 */
import { createHash } from 'node:crypto';
import { VigilError } from '../domain/errors.ts';
import { sbomLabels, type SbomLabel } from '../domain/inventory/product.ts';
import type { ParsedSbom } from '../domain/inventory/sbom.ts';
import type { Actor, Clock, IdSource, SbomRecord, UnitOfWork } from './ports.ts';
import { correlateSbom } from './correlate.ts';

export const SBOM_IMPORT_JOB = 'sbom.import';

export type SbomParser = (bytes: Uint8Array, opts: { maxBytes: number }) => ParsedSbom;

export interface ImportSbomDeps {
  uow: UnitOfWork;
  clock: Clock;
  ids: IdSource;
  parseSbom: SbomParser;
  maxSbomBytes: number;
  /** Components written per transaction. */
  batchSize?: number;
}

export interface SubmitSbomInput {
  releaseId: string;
  label: string;
  filename: string;
  bytes: Uint8Array;
  /** Enqueue the import job (server) or leave it for the caller to run inline (CLI). */
  enqueue: boolean;
}

export interface SubmitSbomResult {
  sbom: SbomRecord;
  /** True when the same document was already attached to this release under this label. */
  duplicate: boolean;
}

export async function submitSbom(deps: ImportSbomDeps, actor: Actor, input: SubmitSbomInput): Promise<SubmitSbomResult> {
  if (!sbomLabels.includes(input.label as SbomLabel)) {
    throw new VigilError('VALIDATION_FAILED', `label: must be one of ${sbomLabels.join(', ')}`, { errors: [{ path: '$.label', message: `must be one of ${sbomLabels.join(', ')}` }] });
  }
  const label = input.label as SbomLabel;
  const filename = (input.filename || 'sbom.json').replace(/[\\/]/g, '_').slice(0, 255);
  const parsed = deps.parseSbom(input.bytes, { maxBytes: deps.maxSbomBytes });
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  return deps.uow.write(async (s) => {
    const release = await s.releases.find(input.releaseId);
    if (!release) throw new VigilError('RELEASE_NOT_FOUND', `no release '${input.releaseId}'`, { release: input.releaseId });
    const existing = await s.sboms.findByDigest(release.id, label, sha256);
    if (existing) return { sbom: existing, duplicate: true };
    const sbom = await s.sboms.insert({
      id: deps.ids.uuid(),
      releaseId: release.id,
      label,
      filename,
      sbom: parsed,
      bytes: input.bytes,
      sha256,
      uploadedAt: deps.clock.now(),
      uploadedBy: actor.label,
    });
    await s.audit.append({
      actor,
      action: 'sbom.uploaded',
      entityType: 'sbom',
      entityId: sbom.id,
      after: { releaseId: release.id, label, filename, sha256, byteSize: sbom.byteSize, format: parsed.format, specVersion: parsed.specVersion, components: parsed.components.length },
    });
    if (input.enqueue) {
      const jobId = await s.jobs.enqueue(SBOM_IMPORT_JOB, { sbomId: sbom.id }, { singletonKey: sbom.id });
      await s.sboms.setJob(sbom.id, jobId);
      return { sbom: { ...sbom, jobId }, duplicate: false };
    }
    return { sbom, duplicate: false };
  });
}

/**
 * Writes the components of a 'processing' SBOM. Idempotent: safe to run again after a crash,
 * and a no-op for an SBOM already imported.
 */
export async function runSbomImport(deps: ImportSbomDeps, sbomId: string, onProgress?: (done: number, total: number) => void): Promise<SbomRecord> {
  const sbom = await deps.uow.read((s) => s.sboms.find(sbomId));
  if (!sbom) throw new VigilError('SBOM_NOT_FOUND', `no SBOM '${sbomId}'`);
  if (sbom.status !== 'processing') return sbom;
  const bytes = await deps.uow.read((s) => s.sboms.document(sbomId));
  if (!bytes) throw new VigilError('SBOM_NOT_FOUND', `SBOM '${sbomId}' has no stored document`);
  let parsed: ParsedSbom;
  try {
    parsed = deps.parseSbom(bytes, { maxBytes: Number.MAX_SAFE_INTEGER });
  } catch (err) {
    // The document passed validation at upload; a failure now (e.g. a newer, stricter parser)
    // is recorded on the SBOM rather than retried for ever.
    await deps.uow.write(async (s) => {
      await s.sboms.markFailed(sbomId, (err as Error).message);
      await s.audit.append({ actor: { kind: 'system', id: 'system', label: 'vigil' }, action: 'sbom.import-failed', entityType: 'sbom', entityId: sbomId, after: { error: (err as Error).message } });
    });
    return (await deps.uow.read((s) => s.sboms.find(sbomId)))!;
  }
  const total = parsed.components.length;
  const batch = deps.batchSize ?? 1000;
  await deps.uow.write((s) => s.components.clearUnfinished(sbomId));
  onProgress?.(0, total);
  for (let i = 0; i < total; i += batch) {
    const slice = parsed.components.slice(i, i + batch);
    await deps.uow.write(async (s) => {
      await s.components.insertBatch(sbomId, sbom.releaseId, i, slice);
      await s.sboms.setProgress(sbomId, i + slice.length);
    });
    onProgress?.(i + slice.length, total);
  }
  const justImported = await deps.uow.write(async (s) => {
    await s.components.insertDependencies(sbomId, parsed.dependencies);
    const stored = await s.components.countBySbom(sbomId);
    if (stored !== total) throw new VigilError('SBOM_IMPORT_INCOMPLETE', `SBOM ${sbomId}: ${stored} of ${total} components stored`);
    if (await s.sboms.markImported(sbomId, deps.clock.now())) {
      await s.audit.append({
        actor: { kind: 'system', id: 'system', label: 'vigil' },
        action: 'sbom.imported',
        entityType: 'sbom',
        entityId: sbomId,
        before: { status: 'processing' },
        after: { status: 'imported', components: total, dependencies: parsed.dependencies.reduce((n, d) => n + d.dependsOn.length, 0) },
      });
      return true;
    }
    return false;
  });
  // Findings for the new components (a re-run of a finished import has nothing new to match).
  if (justImported) await correlateSbom(deps, sbomId);
  return (await deps.uow.read((s) => s.sboms.find(sbomId)))!;
}

export async function getSbom(deps: Pick<ImportSbomDeps, 'uow'>, id: string): Promise<SbomRecord> {
  const sbom = await deps.uow.read((s) => s.sboms.find(id));
  if (!sbom) throw new VigilError('SBOM_NOT_FOUND', `no SBOM '${id}'`);
  return sbom;
}

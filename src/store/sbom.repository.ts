import type { SbomLabel } from '../domain/inventory/product.ts';
import type { NewSbom, SbomRecord, SbomStatus, SbomStore } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

interface SbomRow {
  id: string;
  release_id: string;
  label: SbomLabel;
  filename: string;
  format: string;
  spec_version: string;
  serial_number: string | null;
  document_version: number | null;
  status: SbomStatus;
  component_count: number;
  byte_size: number;
  sha256: string;
  uploaded_at: Date;
  uploaded_by: string;
  job_id: string | null;
  progress_done: number;
  error: string | null;
  imported_at: Date | null;
}

function toRecord(r: SbomRow): SbomRecord {
  return {
    id: r.id,
    releaseId: r.release_id,
    label: r.label,
    filename: r.filename,
    format: r.format,
    specVersion: r.spec_version,
    serialNumber: r.serial_number,
    documentVersion: r.document_version,
    status: r.status,
    componentCount: r.component_count,
    byteSize: r.byte_size,
    sha256: r.sha256,
    uploadedAt: iso(r.uploaded_at),
    uploadedBy: r.uploaded_by,
    jobId: r.job_id,
    progressDone: r.progress_done,
    error: r.error,
    importedAt: isoOrNull(r.imported_at),
  };
}

const columns = `id, release_id, label, filename, format, spec_version, serial_number, document_version, status,
  component_count, byte_size, sha256, uploaded_at, uploaded_by, job_id, progress_done, error, imported_at`;

export function sbomRepository(q: Queryable): SbomStore {
  return {
    async insert(s: NewSbom) {
      const { rows } = await q.query<SbomRow>(
        `INSERT INTO sboms (id, release_id, label, filename, format, spec_version, serial_number, document_version, metadata,
           status, component_count, byte_size, sha256, uploaded_at, uploaded_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'processing',$10,$11,$12,$13,$14) RETURNING ${columns}`,
        [s.id, s.releaseId, s.label, s.filename, s.sbom.format, s.sbom.specVersion, s.sbom.serialNumber, s.sbom.documentVersion,
          JSON.stringify(s.sbom.metadata), s.sbom.components.length, s.bytes.byteLength, s.sha256, s.uploadedAt.toISOString(), s.uploadedBy],
      );
      // Sent as base64 text: binary parameters are slow to encode on PGlite, and this is the same on both engines.
      await q.query(`INSERT INTO sbom_documents (sbom_id, content) VALUES ($1, decode($2, 'base64'))`, [s.id, Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength).toString('base64')]);
      return toRecord(rows[0]!);
    },
    async find(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const { rows } = await q.query<SbomRow>(`SELECT ${columns} FROM sboms WHERE id = $1::uuid`, [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async findByDigest(releaseId, label, sha256) {
      const { rows } = await q.query<SbomRow>(
        `SELECT ${columns} FROM sboms WHERE release_id = $1 AND label = $2 AND sha256 = $3 AND status <> 'failed' ORDER BY uploaded_at LIMIT 1`,
        [releaseId, label, sha256],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async listByRelease(releaseId) {
      const { rows } = await q.query<SbomRow>(`SELECT ${columns} FROM sboms WHERE release_id = $1 ORDER BY label, uploaded_at`, [releaseId]);
      return rows.map(toRecord);
    },
    async listProcessing() {
      const { rows } = await q.query<SbomRow>(`SELECT ${columns} FROM sboms WHERE status = 'processing' ORDER BY uploaded_at`);
      return rows.map(toRecord);
    },
    async document(id) {
      const { rows } = await q.query<{ content: string }>(`SELECT encode(content, 'base64') AS content FROM sbom_documents WHERE sbom_id = $1`, [id]);
      return rows[0] ? new Uint8Array(Buffer.from(rows[0].content, 'base64')) : null;
    },
    async setJob(id, jobId) {
      await q.query('UPDATE sboms SET job_id = $2 WHERE id = $1', [id, jobId]);
    },
    async setProgress(id, done) {
      await q.query(`UPDATE sboms SET progress_done = $2 WHERE id = $1 AND status = 'processing'`, [id, done]);
    },
    async markImported(id, at) {
      const r = await q.query(
        `UPDATE sboms SET status = 'imported', progress_done = component_count, imported_at = $2, error = NULL WHERE id = $1 AND status = 'processing'`,
        [id, at.toISOString()],
      );
      return r.rowCount > 0;
    },
    async markFailed(id, error) {
      await q.query(`UPDATE sboms SET status = 'failed', error = $2 WHERE id = $1 AND status = 'processing'`, [id, error]);
    },
  };
}

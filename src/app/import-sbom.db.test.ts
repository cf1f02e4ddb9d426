import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { runSbomImport, submitSbom } from './import-sbom.ts';
import { createProduct, createRelease } from './inventory.ts';
import type { Actor } from './ports.ts';

const actor: Actor = { kind: 'user', id: 'u1', label: 'analyst@example.com' };
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/sbom/${name}`, import.meta.url));

let t: TestRuntime;
let releaseId: string;

async function tableCounts() {
  const counts: Record<string, number> = {};
  for (const table of ['sboms', 'sbom_documents', 'components', 'component_dependencies', 'audit_events']) {
    const { rows } = await t.rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

beforeAll(async () => {
  t = await createTestRuntime();
  const p = await createProduct(t.rt, actor, { name: 'Test Pump', manufacturer: 'Test Devices Ltd', markets: ['US'] });
  releaseId = (await createRelease(t.rt, actor, p.slug, { version: '4.2.0' })).id;
});
afterAll(() => t.close());

describe('SBOM import', () => {
  it('rejects a schema-invalid document with JSON paths and writes nothing', async () => {
    const before = await tableCounts();
    const err = await submitSbom(t.rt.importDeps, actor, { releaseId, label: 'firmware', filename: 'bad.json', bytes: fixture('schema-invalid.cdx.json'), enqueue: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SBOM_SCHEMA_INVALID' });
    const paths = ((err as { details: { errors: Array<{ path: string }> } }).details.errors).map((e) => e.path);
    expect(paths.some((p) => p.startsWith('$.components[1]'))).toBe(true);
    expect(paths.some((p) => p.startsWith('$.components[2]'))).toBe(true);
    expect(await tableCounts()).toEqual(before);
  });

  it('rejects syntax errors and junk without writing', async () => {
    const before = await tableCounts();
    await expect(submitSbom(t.rt.importDeps, actor, { releaseId, label: 'firmware', filename: 'x.json', bytes: Buffer.from('{"bomFormat": "CycloneDX", '), enqueue: false })).rejects.toMatchObject({ code: 'SBOM_SYNTAX_INVALID' });
    const junk = Buffer.alloc(2 * 1024 * 1024, 0x41);
    await expect(submitSbom(t.rt.importDeps, actor, { releaseId, label: 'firmware', filename: 'junk.bin', bytes: junk, enqueue: false })).rejects.toMatchObject({ code: 'SBOM_SYNTAX_INVALID' });
    const small = { ...t.rt.importDeps, maxSbomBytes: 1024 };
    await expect(submitSbom(small, actor, { releaseId, label: 'firmware', filename: 'big.json', bytes: fixture('pump-firmware.cdx.json'), enqueue: false })).rejects.toMatchObject({ code: 'SBOM_TOO_LARGE' });
    expect(await tableCounts()).toEqual(before);
  });

  it('stores the document byte for byte and imports every component, nested ones included', async () => {
    const bytes = fixture('pump-firmware.cdx.json');
    const { sbom, duplicate } = await submitSbom(t.rt.importDeps, actor, { releaseId, label: 'firmware', filename: 'pump-firmware.cdx.json', bytes, enqueue: false });
    expect(duplicate).toBe(false);
    expect(sbom.status).toBe('processing');
    expect(sbom.componentCount).toBe(5);
    // Nothing is visible before the import finishes.
    const hidden = await t.rt.uow.read((s) => s.components.query({ releaseId, sort: 'name', order: 'asc', offset: 0, limit: 50 }));
    expect(hidden.total).toBe(0);

    const done = await runSbomImport(t.rt.importDeps, sbom.id);
    expect(done.status).toBe('imported');
    const stored = await t.rt.uow.read((s) => s.sboms.document(sbom.id));
    expect(Buffer.compare(Buffer.from(stored!), bytes)).toBe(0);

    const page = await t.rt.uow.read((s) => s.components.query({ releaseId, sort: 'name', order: 'asc', offset: 0, limit: 50 }));
    expect(page.total).toBe(5);
    expect(page.items.map((c) => c.name)).toEqual(['busybox', 'busybox-ash', 'lodash', 'openssl', 'zlib']);
    const openssl = page.items.find((c) => c.name === 'openssl')!;
    expect(openssl).toMatchObject({ version: '1.1.1k', purl: 'pkg:generic/openssl@1.1.1k', supplier: 'OpenSSL Project', licenses: ['OpenSSL'], levelOfSupport: 'no longer maintained', endOfSupport: '2023-09-11' });
    expect(openssl.cpe).toBe('cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*');
    expect(openssl.hashes).toEqual([{ alg: 'SHA-256', content: '892a0875b9872acd04a9fde79b1f943075d5ea162415de3047c327df33fbaee5' }]);

    const { rows } = await t.rt.db.query<{ ref: string; depends_on: string }>('SELECT ref, depends_on FROM component_dependencies WHERE sbom_id = $1 ORDER BY 1, 2', [sbom.id]);
    expect(rows).toEqual([
      { ref: 'busybox', depends_on: 'openssl' },
      { ref: 'busybox', depends_on: 'zlib' },
      { ref: 'openssl', depends_on: 'zlib' },
    ]);
  });

  it('searches, sorts and pages components', async () => {
    const q = (extra: object) => t.rt.uow.read((s) => s.components.query({ releaseId, sort: 'name', order: 'asc', offset: 0, limit: 50, ...extra }));
    expect((await q({ q: 'busy' })).total).toBe(2);
    expect((await q({ q: 'pkg:npm/' })).items.map((c) => c.name)).toEqual(['lodash']);
    expect((await q({ q: 'GPL' })).items.map((c) => c.name)).toEqual(['busybox']);
    expect((await q({ q: '100%_' })).total).toBe(0);
    expect((await q({ sort: 'name', order: 'desc', limit: 2 })).items.map((c) => c.name)).toEqual(['zlib', 'openssl']);
    const page2 = await q({ offset: 2, limit: 2 });
    expect(page2.total).toBe(5);
    expect(page2.items.map((c) => c.name)).toEqual(['lodash', 'openssl']);
  });

  it('treats the same document uploaded again as a duplicate', async () => {
    const r = await submitSbom(t.rt.importDeps, actor, { releaseId, label: 'firmware', filename: 'again.json', bytes: fixture('pump-firmware.cdx.json'), enqueue: false });
    expect(r.duplicate).toBe(true);
    expect(r.sbom.status).toBe('imported');
  });

  it('a crash mid-import leaves nothing visible, and a re-run finishes it exactly once', async () => {
    const rel = await createRelease(t.rt, actor, 'test-pump', { version: '4.3.0' });
    const { sbom } = await submitSbom(t.rt.importDeps, actor, { releaseId: rel.id, label: 'application', filename: 'app.json', bytes: fixture('pump-firmware.cdx.json'), enqueue: false });
    const crashing = { ...t.rt.importDeps, batchSize: 2 };
    await expect(runSbomImport(crashing, sbom.id, (done) => {
      if (done === 2) throw new Error('simulated crash');
    })).rejects.toThrow('simulated crash');
    expect(await t.rt.uow.read((s) => s.components.countBySbom(sbom.id))).toBe(2);
    const visible = await t.rt.uow.read((s) => s.components.query({ releaseId: rel.id, sort: 'name', order: 'asc', offset: 0, limit: 50 }));
    expect(visible.total).toBe(0);
    expect((await t.rt.uow.read((s) => s.sboms.find(sbom.id)))!.status).toBe('processing');

    const done = await runSbomImport(crashing, sbom.id);
    expect(done.status).toBe('imported');
    expect(await t.rt.uow.read((s) => s.components.countBySbom(sbom.id))).toBe(5);
    const again = await runSbomImport(crashing, sbom.id);
    expect(again.status).toBe('imported');
    expect(await t.rt.uow.read((s) => s.components.countBySbom(sbom.id))).toBe(5);
    const events = await t.rt.uow.read((s) => s.audit.list({ entityType: 'sbom', entityId: sbom.id, limit: 10 }));
    expect(events.map((e) => e.action)).toEqual(['sbom.imported', 'sbom.uploaded']);
  });

  it('runs the import as a job through the queue', async () => {
    const q = await createTestRuntime({ queue: true });
    try {
      const { startWorkers } = await import('../runtime/jobs.ts');
      const p = await createProduct(q.rt, actor, { name: 'Queue Pump', manufacturer: 'Test' });
      const rel = await createRelease(q.rt, actor, p.id, { version: '1.0.0' });
      const { sbom } = await submitSbom(q.rt.importDeps, actor, { releaseId: rel.id, label: 'firmware', filename: 'f.json', bytes: fixture('pump-firmware.cdx.json'), enqueue: true });
      expect(sbom.jobId).toBeTruthy();
      await startWorkers(q.rt, () => undefined);
      let status = sbom.status;
      for (let i = 0; i < 100 && status === 'processing'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await q.rt.uow.read((s) => s.sboms.find(sbom.id)))!.status;
      }
      expect(status).toBe('imported');
    } finally {
      await q.close();
    }
  });
});

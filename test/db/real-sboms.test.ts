/**
 * The real SBOMs of cyclonedx-bom-examples/SBOM, imported through the use case into the database:
 * every component is stored (count of rows = count in the document, nested ones included) and the
 * original bytes come back unchanged.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSbomImport, submitSbom } from '../../src/app/import-sbom.ts';
import { createProduct, createRelease } from '../../src/app/inventory.ts';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const present = requireConformanceData();
const actor = { kind: 'system' as const, id: 'test', label: 'test' };

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? jsonFiles(p) : n.endsWith('.json') ? [p] : [];
  });
}

function count(components: unknown): number {
  if (!Array.isArray(components)) return 0;
  return components.reduce((n: number, c: { components?: unknown }) => n + 1 + count(c.components), 0);
}

let t: TestRuntime;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.close());

describe.skipIf(!present)('real SBOMs into the database', () => {
  it('stores every component of every real SBOM', async () => {
    const root = conformancePath('cyclonedx-bom-examples', 'SBOM');
    const files = jsonFiles(root);
    expect(files.length).toBeGreaterThanOrEqual(5);
    const product = await createProduct(t.rt, actor, { name: 'Real SBOMs', manufacturer: 'Upstream' });
    let passed = 0;
    for (const [i, file] of files.entries()) {
      const bytes = readFileSync(file);
      const expected = count(JSON.parse(bytes.toString('utf8')).components);
      const release = await createRelease(t.rt, actor, product.id, { version: `${i + 1}.0.0` });
      const { sbom } = await submitSbom(t.rt.importDeps, actor, { releaseId: release.id, label: 'application', filename: relative(root, file), bytes, enqueue: false });
      const done = await runSbomImport(t.rt.importDeps, sbom.id);
      const stored = await t.rt.uow.read((s) => s.components.query({ releaseId: release.id, sort: 'name', order: 'asc', offset: 0, limit: 1 }));
      const doc = await t.rt.uow.read((s) => s.sboms.document(sbom.id));
      expect({ file: relative(root, file), status: done.status, stored: stored.total }).toEqual({ file: relative(root, file), status: 'imported', stored: expected });
      expect(Buffer.compare(Buffer.from(doc!), bytes)).toBe(0);
      passed += 1;
    }
    reportSuite('cyclonedx-bom-examples SBOM imported into the store', passed, files.length);
  });
});

/** Loads the demo portfolio into an empty database: products, releases, SBOMs (imported inline). */
import type { ProductInput, ReleaseInput } from '../domain/inventory/product.ts';
import { runSbomImport, submitSbom, type ImportSbomDeps } from './import-sbom.ts';
import { createProduct, createRelease } from './inventory.ts';
import { systemActor, type Actor } from './ports.ts';

export interface DemoProductSpec {
  product: ProductInput & { slug: string };
  releases: Array<ReleaseInput & { sboms: Array<{ label: string; file: string }> }>;
}

export interface DemoResult {
  products: number;
  releases: number;
  sboms: number;
  components: number;
}

export const DEMO_SEEDED_KEY = 'demo.seeded';

/** Seeds once: returns null when the database already has products or was seeded before. */
export async function seedDemoPortfolio(
  deps: ImportSbomDeps,
  portfolio: readonly DemoProductSpec[],
  readFile: (name: string) => Uint8Array,
  actor: Actor = systemActor,
): Promise<DemoResult | null> {
  const already = await deps.uow.read(async (s) => (await s.settings.get<boolean>(DEMO_SEEDED_KEY)) || (await s.products.list()).length > 0);
  if (already) return null;
  const result: DemoResult = { products: 0, releases: 0, sboms: 0, components: 0 };
  const reason = 'demo portfolio loaded on first start';
  for (const spec of portfolio) {
    const product = await createProduct(deps, actor, spec.product, reason);
    result.products += 1;
    for (const { sboms, ...releaseInput } of spec.releases) {
      const release = await createRelease(deps, actor, product.id, releaseInput, reason);
      result.releases += 1;
      for (const doc of sboms) {
        const { sbom } = await submitSbom(deps, actor, { releaseId: release.id, label: doc.label, filename: doc.file, bytes: readFile(doc.file), enqueue: false });
        const done = await runSbomImport(deps, sbom.id);
        result.sboms += 1;
        result.components += done.componentCount;
      }
    }
  }
  await deps.uow.write((s) => s.settings.set(DEMO_SEEDED_KEY, true));
  return result;
}

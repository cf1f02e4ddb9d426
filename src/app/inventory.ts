/** Use cases of the inventory: products and releases. Every write is audited in its transaction. */
import { VigilError } from '../domain/errors.ts';
import { normaliseProductInput, normaliseReleaseInput, type ProductInput, type ReleaseInput } from '../domain/inventory/product.ts';
import type { Actor, Clock, IdSource, ProductView, ReleaseView, UnitOfWork } from './ports.ts';

export interface InventoryDeps {
  uow: UnitOfWork;
  clock: Clock;
  ids: IdSource;
}

export async function createProduct(deps: InventoryDeps, actor: Actor, input: ProductInput, reason?: string): Promise<ProductView> {
  const p = normaliseProductInput(input);
  return deps.uow.write(async (s) => {
    if (await s.products.slugExists(p.slug)) {
      throw new VigilError('PRODUCT_EXISTS', `a product with the slug '${p.slug}' already exists`, { slug: p.slug });
    }
    const product = await s.products.insert(deps.ids.uuid(), p, deps.clock.now());
    await s.audit.append({ actor, action: 'product.created', entityType: 'product', entityId: product.id, after: product, reason: reason ?? null });
    return { ...product, releaseCount: 0, componentCount: 0 };
  });
}

export async function getProduct(deps: Pick<InventoryDeps, 'uow'>, idOrSlug: string): Promise<ProductView> {
  const product = await deps.uow.read((s) => s.products.find(idOrSlug));
  if (!product) throw new VigilError('PRODUCT_NOT_FOUND', `no product '${idOrSlug}'`, { product: idOrSlug });
  return product;
}

export function listProducts(deps: Pick<InventoryDeps, 'uow'>): Promise<ProductView[]> {
  return deps.uow.read((s) => s.products.list());
}

export async function createRelease(deps: InventoryDeps, actor: Actor, productIdOrSlug: string, input: ReleaseInput, reason?: string): Promise<ReleaseView> {
  const r = normaliseReleaseInput(input);
  return deps.uow.write(async (s) => {
    const product = await s.products.find(productIdOrSlug);
    if (!product) throw new VigilError('PRODUCT_NOT_FOUND', `no product '${productIdOrSlug}'`, { product: productIdOrSlug });
    if (await s.releases.findByVersion(product.id, r.version, r.variant)) {
      const label = r.variant ? `${r.version} (${r.variant})` : r.version;
      throw new VigilError('RELEASE_EXISTS', `${product.name} already has a release ${label}`, { version: r.version, variant: r.variant });
    }
    const release = await s.releases.insert(deps.ids.uuid(), product.id, r, deps.clock.now());
    await s.audit.append({ actor, action: 'release.created', entityType: 'release', entityId: release.id, after: release, reason: reason ?? null });
    return { ...release, sbomCount: 0, componentCount: 0 };
  });
}

export async function getRelease(deps: Pick<InventoryDeps, 'uow'>, id: string): Promise<ReleaseView> {
  const release = await deps.uow.read((s) => s.releases.find(id));
  if (!release) throw new VigilError('RELEASE_NOT_FOUND', `no release '${id}'`, { release: id });
  return release;
}

export async function listReleases(deps: Pick<InventoryDeps, 'uow'>, productIdOrSlug: string): Promise<ReleaseView[]> {
  const product = await getProduct(deps, productIdOrSlug);
  return deps.uow.read((s) => s.releases.listByProduct(product.id));
}

/** Finds a release by product (id or slug) and version (or release id), as the CLI names them. */
export async function resolveRelease(deps: Pick<InventoryDeps, 'uow'>, productIdOrSlug: string, versionOrId: string, variant: string | null = null): Promise<ReleaseView> {
  const product = await getProduct(deps, productIdOrSlug);
  const release = await deps.uow.read(async (s) => (await s.releases.findByVersion(product.id, versionOrId, variant)) ?? (await s.releases.find(versionOrId)));
  if (!release || release.productId !== product.id) {
    throw new VigilError('RELEASE_NOT_FOUND', `${product.name} has no release '${versionOrId}'${variant ? ` (${variant})` : ''}`, { product: productIdOrSlug, release: versionOrId });
  }
  return release;
}

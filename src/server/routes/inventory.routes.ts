import type { FastifyInstance } from 'fastify';
import { createProduct, createRelease, getProduct, getRelease, listProducts, listReleases } from '../../app/inventory.ts';
import type { ProductView, ReleaseView } from '../../app/ports.ts';
import { isCyberDevice, type ProductInput, type ReleaseInput } from '../../domain/inventory/product.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { requireActor } from '../auth.ts';
import { problemResponses, ProductInputSchema, ProductSchema, ReleaseInputSchema, ReleaseSchema, Type, type ProductInputBody, type ReleaseInputBody } from '../schemas.ts';

export function productResponse(p: ProductView) {
  return { ...p, cyberDevice: isCyberDevice(p.cyberDeviceCriteria) };
}

export function releaseResponse(r: ReleaseView) {
  return r;
}

const ProductParams = Type.Object({ productId: Type.String({ minLength: 1, maxLength: 64, description: 'Product id or slug' }) });
const ReleaseParams = Type.Object({ releaseId: Type.String({ format: 'uuid' }) });

export async function inventoryRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  app.get('/api/products', {
    schema: { tags: ['inventory'], summary: 'All products of the portfolio', response: { 200: Type.Object({ items: Type.Array(Type.Ref(ProductSchema)) }), ...problemResponses } },
  }, async () => ({ items: (await listProducts(rt)).map(productResponse) }));

  app.post('/api/products', {
    schema: { tags: ['inventory'], summary: 'Register a product (device or software product)', body: ProductInputSchema, response: { 201: Type.Ref(ProductSchema), ...problemResponses } },
  }, async (request, reply) => {
    const { reason, ...input } = request.body as ProductInputBody;
    const product = await createProduct(rt, requireActor(request), input as ProductInput, reason);
    return reply.code(201).send(productResponse(product));
  });

  app.get('/api/products/:productId', {
    schema: { tags: ['inventory'], summary: 'One product', params: ProductParams, response: { 200: Type.Ref(ProductSchema), ...problemResponses } },
  }, async (request) => productResponse(await getProduct(rt, (request.params as { productId: string }).productId)));

  app.get('/api/products/:productId/releases', {
    schema: { tags: ['inventory'], summary: "A product's releases, newest first", params: ProductParams, response: { 200: Type.Object({ items: Type.Array(Type.Ref(ReleaseSchema)) }), ...problemResponses } },
  }, async (request) => ({ items: (await listReleases(rt, (request.params as { productId: string }).productId)).map(releaseResponse) }));

  app.post('/api/products/:productId/releases', {
    schema: { tags: ['inventory'], summary: 'Add a release to a product', params: ProductParams, body: ReleaseInputSchema, response: { 201: Type.Ref(ReleaseSchema), ...problemResponses } },
  }, async (request, reply) => {
    const { reason, ...input } = request.body as ReleaseInputBody;
    const release = await createRelease(rt, requireActor(request), (request.params as { productId: string }).productId, input as ReleaseInput, reason);
    return reply.code(201).send(releaseResponse(release));
  });

  app.get('/api/releases/:releaseId', {
    schema: { tags: ['inventory'], summary: 'One release', params: ReleaseParams, response: { 200: Type.Ref(ReleaseSchema), ...problemResponses } },
  }, async (request) => releaseResponse(await getRelease(rt, (request.params as { releaseId: string }).releaseId)));
}

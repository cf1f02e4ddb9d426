import type { FastifyInstance } from 'fastify';
import { getSbom, submitSbom } from '../../app/import-sbom.ts';
import { getRelease } from '../../app/inventory.ts';
import type { ComponentQuery, SbomRecord } from '../../app/ports.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { requireActor } from '../auth.ts';
import { ComponentQuerySchema, ComponentSchema, problemResponses, ProblemSchema, SbomSchema, SbomUploadQuerySchema, Type, type ComponentQueryString } from '../schemas.ts';

export function sbomResponse(s: SbomRecord) {
  return {
    id: s.id,
    releaseId: s.releaseId,
    label: s.label,
    filename: s.filename,
    format: s.format,
    specVersion: s.specVersion,
    serialNumber: s.serialNumber,
    status: s.status,
    componentCount: s.componentCount,
    byteSize: s.byteSize,
    sha256: s.sha256,
    uploadedAt: s.uploadedAt,
    uploadedBy: s.uploadedBy,
    jobId: s.jobId,
    progress: s.status === 'processing' ? { done: s.progressDone, total: s.componentCount } : null,
    error: s.error,
  };
}

const ReleaseParams = Type.Object({ releaseId: Type.String({ format: 'uuid' }) });
const SbomParams = Type.Object({ sbomId: Type.String({ format: 'uuid' }) });

export async function sbomRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  app.get('/api/releases/:releaseId/sboms', {
    schema: { tags: ['sbom'], summary: "A release's SBOM documents", params: ReleaseParams, response: { 200: Type.Object({ items: Type.Array(Type.Ref(SbomSchema)) }), ...problemResponses } },
  }, async (request) => {
    const release = await getRelease(rt, (request.params as { releaseId: string }).releaseId);
    return { items: (await rt.uow.read((s) => s.sboms.listByRelease(release.id))).map(sbomResponse) };
  });

  // The upload takes the document's raw bytes whatever its content type, and keeps them as sent.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: rt.config.maxSbomBytes }, (_req, body, done) => done(null, body));
    scope.post('/api/releases/:releaseId/sboms', {
      bodyLimit: rt.config.maxSbomBytes,
      schema: {
        tags: ['sbom'],
        summary: 'Upload an SBOM document (raw bytes: CycloneDX JSON 1.4–1.7)',
        description: 'Validated at once (422 with the JSON path of each problem); components are imported by a background job: follow GET /api/sboms/{sbomId} until status is imported.',
        params: ReleaseParams,
        querystring: SbomUploadQuerySchema,
        response: { 200: Type.Object({ sbom: Type.Ref(SbomSchema), duplicate: Type.Boolean() }), 202: Type.Object({ sbom: Type.Ref(SbomSchema), duplicate: Type.Boolean() }), 413: Type.Ref(ProblemSchema), 422: Type.Ref(ProblemSchema), ...problemResponses },
      },
    }, async (request, reply) => {
      const { label, filename } = request.query as { label: string; filename?: string };
      const body = request.body;
      const bytes = Buffer.isBuffer(body) ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : new Uint8Array(0);
      const result = await submitSbom(rt.importDeps, requireActor(request), {
        releaseId: (request.params as { releaseId: string }).releaseId,
        label,
        filename: filename ?? 'sbom.json',
        bytes,
        enqueue: true,
      });
      return reply.code(result.duplicate ? 200 : 202).send({ sbom: sbomResponse(result.sbom), duplicate: result.duplicate });
    });
  });

  app.get('/api/sboms/:sbomId', {
    schema: { tags: ['sbom'], summary: 'One SBOM with its import status and progress', params: SbomParams, response: { 200: Type.Ref(SbomSchema), ...problemResponses } },
  }, async (request) => sbomResponse(await getSbom(rt, (request.params as { sbomId: string }).sbomId)));

  app.get('/api/sboms/:sbomId/document', {
    schema: { tags: ['sbom'], summary: 'The original document, byte for byte', params: SbomParams },
  }, async (request, reply) => {
    const sbom = await getSbom(rt, (request.params as { sbomId: string }).sbomId);
    const bytes = await rt.uow.read((s) => s.sboms.document(sbom.id));
    return reply
      .type('application/vnd.cyclonedx+json')
      .header('content-disposition', `attachment; filename="${sbom.filename.replace(/["\\\r\n]/g, '_')}"`)
      .header('x-content-sha256', sbom.sha256)
      .send(Buffer.from(bytes!));
  });

  app.get('/api/releases/:releaseId/components', {
    schema: {
      tags: ['sbom'],
      summary: "Components of a release's imported SBOMs: search, sort, paging",
      params: ReleaseParams,
      querystring: ComponentQuerySchema,
      response: { 200: Type.Object({ items: Type.Array(Type.Ref(ComponentSchema)), total: Type.Integer(), offset: Type.Integer(), limit: Type.Integer() }), ...problemResponses },
    },
  }, async (request) => {
    const release = await getRelease(rt, (request.params as { releaseId: string }).releaseId);
    const q = request.query as ComponentQueryString;
    const query: ComponentQuery = { releaseId: release.id, sort: (q.sort ?? 'name') as ComponentQuery['sort'], order: (q.order ?? 'asc') as ComponentQuery['order'], offset: q.offset ?? 0, limit: q.limit ?? 50, ...(q.q ? { q: q.q } : {}), ...(q.sbomId ? { sbomId: q.sbomId } : {}) };
    const page = await rt.uow.read((s) => s.components.query(query));
    return { ...page, offset: query.offset, limit: query.limit };
  });
}

import type { FastifyInstance } from 'fastify';
import { getRelease } from '../../app/inventory.ts';
import { getVulnerability } from '../../app/vulnerabilities.ts';
import type { FindingQuery } from '../../app/ports.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { problemResponses, Type } from '../schemas.ts';
import { VulnSummarySchema } from './vulnerability.routes.ts';

export const FindingSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9]+-[0-9]+$', description: 'The component instance and the vulnerability (alias group): <component id>-<group id>; the same finding keeps it when it is retracted and comes back' }),
    status: Type.Union([Type.Literal('affected'), Type.Literal('indeterminate')], { description: 'indeterminate: a version or range could not be evaluated — never read as "not affected"' }),
    confidence: Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')], { description: 'high: purl or hash; medium: CSAF product name/model; low: CPE' }),
    methods: Type.Array(Type.String()),
    fixedVersions: Type.Array(Type.String()),
    advisories: Type.Array(Type.Object({ source: Type.String(), id: Type.String() })),
    evidence: Type.Array(Type.Unknown(), { description: 'One entry per matching source: identifier, criterion, scheme, range, reason, conditions (docs/matching.md)' }),
    active: Type.Boolean({ description: 'false: the match no longer holds (withdrawn advisory, changed range); kept with its history' }),
    firstSeen: Type.String(),
    lastChanged: Type.String(),
    component: Type.Object({ id: Type.String(), name: Type.String(), group: Type.Union([Type.Null(), Type.String()]), version: Type.Union([Type.Null(), Type.String()]), purl: Type.Union([Type.Null(), Type.String()]), cpe: Type.Union([Type.Null(), Type.String()]), sbomId: Type.String(), sbomLabel: Type.String() }),
    release: Type.Object({ id: Type.String(), version: Type.String(), variant: Type.Union([Type.Null(), Type.String()]) }),
    product: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
    vulnerability: Type.Ref(VulnSummarySchema),
  },
  { $id: 'Finding' },
);

const FindingQuerySchema = Type.Object(
  {
    state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('all')], { default: 'active' })),
    status: Type.Optional(Type.Union([Type.Literal('affected'), Type.Literal('indeterminate')])),
    confidence: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')])),
    kev: Type.Optional(Type.Boolean()),
    minCvss: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
    minEpss: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Highest EPSS probability of the CVEs in the alias group, at least this (0–1)' })),
    product: Type.Optional(Type.String({ format: 'uuid', description: 'Only findings in releases of this product' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Component name, purl or vulnerability identifier' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

type FindingQueryString = { state?: 'active' | 'inactive' | 'all'; status?: FindingQuery['status']; confidence?: FindingQuery['confidence']; kev?: boolean; minCvss?: number; minEpss?: number; product?: string; q?: string; offset?: number; limit?: number };

function toQuery(q: FindingQueryString): FindingQuery {
  return {
    active: q.state === 'all' ? null : q.state !== 'inactive',
    offset: q.offset ?? 0,
    limit: q.limit ?? 50,
    ...(q.status ? { status: q.status } : {}),
    ...(q.confidence ? { confidence: q.confidence } : {}),
    ...(q.kev ? { kev: true } : {}),
    ...(q.minCvss !== undefined ? { minCvss: q.minCvss } : {}),
    ...(q.minEpss !== undefined ? { minEpss: q.minEpss } : {}),
    ...(q.product ? { productId: q.product } : {}),
    ...(q.q ? { q: q.q } : {}),
  };
}

const Page = Type.Object({ items: Type.Array(Type.Ref(FindingSchema)), total: Type.Integer() });

export async function findingRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  app.addSchema(FindingSchema);

  app.get('/api/findings', {
    schema: { tags: ['findings'], summary: 'Findings across the portfolio, highest CVSS first', querystring: FindingQuerySchema, response: { 200: Page, ...problemResponses } },
  }, async (request) => rt.uow.read((s) => s.findings.query(toQuery(request.query as FindingQueryString))));

  app.get('/api/releases/:releaseId/findings', {
    schema: {
      tags: ['findings'],
      summary: "A release's findings, with counts",
      params: Type.Object({ releaseId: Type.String({ format: 'uuid' }) }),
      querystring: FindingQuerySchema,
      response: { 200: Type.Object({ items: Type.Array(Type.Ref(FindingSchema)), total: Type.Integer(), counts: Type.Object({ active: Type.Integer(), affected: Type.Integer(), indeterminate: Type.Integer(), inactive: Type.Integer() }) }), ...problemResponses },
    },
  }, async (request) => {
    const release = await getRelease(rt, (request.params as { releaseId: string }).releaseId);
    const page = await rt.uow.read((s) => s.findings.query({ ...toQuery(request.query as FindingQueryString), releaseId: release.id }));
    return { ...page, counts: await rt.uow.read((s) => s.findings.counts(release.id)) };
  });

  app.get('/api/vulnerabilities/:identifier/affected', {
    schema: {
      tags: ['findings'],
      summary: 'Who is affected: every product, release and component with a finding of this vulnerability',
      params: Type.Object({ identifier: Type.String({ minLength: 1, maxLength: 200 }) }),
      querystring: FindingQuerySchema,
      response: { 200: Page, ...problemResponses },
    },
  }, async (request) => {
    const v = await getVulnerability(rt, (request.params as { identifier: string }).identifier);
    return rt.uow.read((s) => s.findings.query({ ...toQuery(request.query as FindingQueryString), groupId: v.groupId }));
  });
}

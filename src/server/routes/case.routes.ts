import type { FastifyInstance } from 'fastify';
import {
  caseKinds,
  deadlineBoard,
  evaluateCase,
  fulfilObligation,
  getCase,
  listCases,
  markObligationNotApplicable,
  openCase,
  psirtRoles,
  setCaseFacts,
  setCaseRoles,
  type BoardState,
  type CaseDetail,
} from '../../app/cases.ts';
import type { CaseKind, CaseLink, PsirtRole } from '../../app/ports.ts';
import { VigilError } from '../../domain/errors.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { requireActor } from '../auth.ts';
import { problemResponses, Type } from '../schemas.ts';

const CaseParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64, description: 'Case id (uuid) or number' }) });
const ObligationParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }), obligationId: Type.String({ minLength: 1, maxLength: 128, description: 'Stored obligation id (uuid) or the engine obligation id, e.g. fda-806-report' }) });
const Facts = Type.Object({}, { additionalProperties: true, description: 'Case facts (docs/clocks.md), validated with the facts schema; unknown keys are rejected' });

const OpenCaseBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    kind: Type.Optional(Type.Union(caseKinds.map((k) => Type.Literal(k)))),
    findingId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'Open from a finding: links it, its release and product, and its vulnerability' })),
    vulnerability: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Any identifier of the vulnerability (CVE, GHSA, …) or its alias group id' })),
    links: Type.Optional(Type.Array(Type.Object({ type: Type.Union([Type.Literal('product'), Type.Literal('release'), Type.Literal('finding')]), id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), { maxItems: 100 })),
    facts: Type.Optional(Facts),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const FactsBody = Type.Object(
  { facts: Type.Object({}, { additionalProperties: true, description: 'JSON merge patch (RFC 7396) of the facts: null removes a fact' }), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

const RolesBody = Type.Object(
  {
    roles: Type.Array(Type.Object({ role: Type.Union(psirtRoles.map((r) => Type.Literal(r))), userId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), { maxItems: 50 }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const FulfilBody = Type.Object(
  {
    at: Type.Optional(Type.String({ description: 'When it was fulfilled: ISO 8601 instant with Z or offset (default: now)' })),
    reference: Type.Optional(Type.String({ maxLength: 200, description: 'Reference number given by the recipient' })),
    document: Type.Optional(Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }), contentBase64: Type.String({ maxLength: 40_000_000 }) }, { additionalProperties: false })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const NotApplicableBody = Type.Object(
  {
    justification: Type.String({ minLength: 10, maxLength: 5000 }),
    password: Type.String({ minLength: 1, maxLength: 1024, description: "The signed-in user's password, re-entered to sign the decision" }),
  },
  { additionalProperties: false },
);

const BoardQuery = Type.Object(
  {
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('due-soon'), Type.Literal('overdue'), Type.Literal('all')], { default: 'open' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
  },
  { additionalProperties: false },
);

function detailResponse(d: CaseDetail) {
  return {
    ...d.case,
    timeline: d.timeline,
    links: d.links,
    roles: d.roles,
    obligations: d.obligations,
    evaluatedNow: { now: d.evaluation.now, packs: d.evaluation.packs, missingFacts: d.evaluation.missingFacts, notApplicable: d.evaluation.notApplicable, trace: d.evaluation.trace },
  };
}

export async function caseRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  app.post('/api/cases', {
    schema: { tags: ['cases'], summary: 'Open a regulatory case (from a finding, a vulnerability, or by hand)', body: OpenCaseBody, response: { 201: Type.Object({}, { additionalProperties: true, description: 'The case, as GET /api/cases/:caseId' }), ...problemResponses } },
  }, async (request, reply) => {
    const b = request.body as { title: string; kind?: CaseKind; findingId?: string; vulnerability?: string; links?: CaseLink[]; facts?: unknown; note?: string };
    const d = await openCase(rt, requireActor(request), b);
    return reply.code(201).send(detailResponse(d));
  });

  app.get('/api/cases', {
    schema: { tags: ['cases'], summary: 'Cases, newest first', querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])) }, { additionalProperties: false }), response: problemResponses },
  }, async (request) => ({ items: (await listCases(rt, request.query as { status?: 'open' | 'closed' })).map(({ evaluation: _trace, ...c }) => c) }));

  app.get('/api/cases/:caseId', {
    schema: { tags: ['cases'], summary: 'A case: facts, timeline, roles, obligations with time left now, decision trace and missing facts', params: CaseParams, response: problemResponses },
  }, async (request) => detailResponse(await getCase(rt, (request.params as { caseId: string }).caseId)));

  app.post('/api/cases/:caseId/facts', {
    schema: { tags: ['cases'], summary: 'Change facts (JSON merge patch + note); every change goes on the timeline and the obligations are recomputed', params: CaseParams, body: FactsBody, response: problemResponses },
  }, async (request) => {
    const b = request.body as { facts: unknown; note?: string };
    const d = await setCaseFacts(rt, requireActor(request), (request.params as { caseId: string }).caseId, b.facts, b.note ?? null);
    return { ...detailResponse(d), changed: d.changed };
  });

  app.post('/api/cases/:caseId/evaluate', {
    schema: { tags: ['cases'], summary: 'Re-evaluate the obligations now (time passing can change them)', params: CaseParams, response: problemResponses },
  }, async (request) => {
    const d = await evaluateCase(rt, requireActor(request), (request.params as { caseId: string }).caseId);
    return { ...detailResponse(d), changes: d.changes };
  });

  app.put('/api/cases/:caseId/roles', {
    schema: { tags: ['cases'], summary: 'Set the PSIRT roles (replaces them all)', params: CaseParams, body: RolesBody, response: problemResponses },
  }, async (request) => {
    const b = request.body as { roles: Array<{ role: PsirtRole; userId: string }>; reason?: string };
    return { roles: await setCaseRoles(rt, requireActor(request), (request.params as { caseId: string }).caseId, b.roles, b.reason ?? null) };
  });

  app.post('/api/cases/:caseId/obligations/:obligationId/fulfil', {
    bodyLimit: 32 * 1024 * 1024,
    schema: { tags: ['cases'], summary: 'Fulfil an obligation: when, reference number, and the document sent (stored with its SHA-256)', params: ObligationParams, body: FulfilBody, response: problemResponses },
  }, async (request) => {
    const p = request.params as { caseId: string; obligationId: string };
    const b = request.body as { at?: string; reference?: string; document?: { name: string; contentBase64: string }; note?: string };
    let document: { name: string; bytes: Uint8Array } | null = null;
    if (b.document) {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b.document.contentBase64)) throw new VigilError('VALIDATION_FAILED', 'document.contentBase64 is not base64', { errors: [{ path: 'body:$.document.contentBase64', message: 'must be base64' }] });
      document = { name: b.document.name, bytes: new Uint8Array(Buffer.from(b.document.contentBase64, 'base64')) };
    }
    return fulfilObligation(rt, requireActor(request), p.caseId, p.obligationId, { ...(b.at !== undefined ? { at: b.at } : {}), reference: b.reference ?? null, document, note: b.note ?? null });
  });

  app.post('/api/cases/:caseId/obligations/:obligationId/not-applicable', {
    schema: { tags: ['cases'], summary: 'Mark an obligation not applicable: a justification signed with the password', params: ObligationParams, body: NotApplicableBody, response: problemResponses },
  }, async (request) => {
    const p = request.params as { caseId: string; obligationId: string };
    return markObligationNotApplicable(rt, requireActor(request), p.caseId, p.obligationId, request.body as { justification: string; password: string });
  });

  app.get('/api/obligations', {
    schema: { tags: ['cases'], summary: 'The deadline board: obligations of open cases across the portfolio, by time left', querystring: BoardQuery, response: problemResponses },
  }, async (request) => {
    const q = request.query as { state?: BoardState; limit?: number };
    const items = await deadlineBoard(rt, q.state ?? 'open', q.limit ?? 500);
    return { now: rt.clock.now().toISOString(), items };
  });
}

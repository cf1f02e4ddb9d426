import type { FastifyInstance } from 'fastify';
import { addCaseTask, applyPlaybook, listCaseTasks, listPlaybooks, portfolioTasks, setCaseSeverity, taskStatuses, updateCaseTask, type TaskPatch, type TaskState } from '../../app/case-tasks.ts';
import {
  addCaseLink,
  caseDocument,
  caseKinds,
  closeCase,
  deadlineBoard,
  evaluateCase,
  fulfilObligation,
  getCase,
  listCases,
  markObligationNotApplicable,
  openCase,
  psirtRoles,
  removeCaseLink,
  reopenCase,
  setCaseFacts,
  setCaseRoles,
  type BoardState,
  type CaseDetail,
} from '../../app/cases.ts';
import type { CaseKind, CaseLink, CaseSeverity, PsirtRole } from '../../app/ports.ts';
import { builtInPlaybooks, severities } from '../../domain/cases/playbooks.ts';
import { VigilError } from '../../domain/errors.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { requireActor, userIdOf } from '../auth.ts';
import { problemResponses, Type } from '../schemas.ts';

const CaseParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64, description: 'Case id (uuid) or number' }) });
const ObligationParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }), obligationId: Type.String({ minLength: 1, maxLength: 128, description: 'Stored obligation id (uuid) or the engine obligation id, e.g. fda-806-report' }) });
const Facts = Type.Object({}, { additionalProperties: true, description: 'Case facts (docs/clocks.md), validated with the facts schema; unknown keys are rejected' });

const OpenCaseBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    kind: Type.Optional(Type.Union(caseKinds.map((k) => Type.Literal(k)))),
    findingId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}-[0-9]{1,18}$', description: 'Open from a finding: links it, its release and product, and its vulnerability' })),
    vulnerability: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Any identifier of the vulnerability (CVE, GHSA, …) or its alias group id' })),
    links: Type.Optional(Type.Array(Type.Object({ type: Type.Union([Type.Literal('product'), Type.Literal('release'), Type.Literal('finding')]), id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), { maxItems: 100 })),
    facts: Type.Optional(Facts),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    severity: Type.Optional(Type.Union(severities.map((v) => Type.Literal(v)), { description: 'Default: from the highest CVSS of the vulnerability (finding or named), else medium' })),
  },
  { additionalProperties: false },
);

const Severity = Type.Union(severities.map((v) => Type.Literal(v)));
const Role = Type.Union(psirtRoles.map((r) => Type.Literal(r)));
const LinkBody = Type.Object(
  { type: Type.Union([Type.Literal('product'), Type.Literal('release'), Type.Literal('finding')]), id: Type.String({ minLength: 1, maxLength: 64, description: 'Product id or slug, release id, or finding id' }), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
const LinkParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }), type: Type.Union([Type.Literal('product'), Type.Literal('release'), Type.Literal('finding')]), targetId: Type.String({ minLength: 1, maxLength: 64 }) });
const DocumentParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }), documentId: Type.String({ minLength: 1, maxLength: 64 }) });
const TaskParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }), taskId: Type.String({ minLength: 1, maxLength: 64 }) });
const CloseBody = Type.Object(
  {
    resolution: Type.String({ minLength: 1, maxLength: 5000, description: 'How the case was resolved' }),
    force: Type.Optional(Type.Boolean({ description: 'Close although obligations are open (needs reason)' })),
    reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Why closing with open obligations is right (at least 10 characters)' })),
  },
  { additionalProperties: false },
);
const ReopenBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
const PatchCaseBody = Type.Object({ severity: Severity, reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
const PlaybookBody = Type.Object({ playbook: Type.Union(builtInPlaybooks.map((p) => Type.Literal(p.id))) }, { additionalProperties: false });
const NewTaskBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    role: Type.Optional(Role),
    assigneeId: Type.Optional(Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 64 })], { description: 'Default: the user holding the role on the case' })),
    dueAt: Type.Optional(Type.String({ description: 'ISO 8601 instant with Z or offset' })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const PatchTaskBody = Type.Object(
  {
    status: Type.Optional(Type.Union(taskStatuses.map((v) => Type.Literal(v)))),
    assigneeId: Type.Optional(Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 64 })], { description: 'null unassigns' })),
    dueAt: Type.Optional(Type.Union([Type.Null(), Type.String()], { description: 'ISO 8601 instant with Z or offset; null removes it. A due date set here is kept when the severity changes.' })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    note: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })])),
  },
  { additionalProperties: false },
);
const TasksQuery = Type.Object(
  {
    assignee: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "'me', 'none' (unassigned) or a user id; default: everyone" })),
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('skipped'), Type.Literal('all')], { default: 'open' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
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
    documents: d.documents,
    tasks: d.tasks,
    evaluatedNow: { now: d.evaluation.now, packs: d.evaluation.packs, missingFacts: d.evaluation.missingFacts, notApplicable: d.evaluation.notApplicable, trace: d.evaluation.trace },
  };
}

export async function caseRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  app.post('/api/cases', {
    schema: { tags: ['cases'], summary: 'Open a regulatory case (from a finding, a vulnerability, or by hand)', body: OpenCaseBody, response: { 201: Type.Object({}, { additionalProperties: true, description: 'The case, as GET /api/cases/:caseId' }), ...problemResponses } },
  }, async (request, reply) => {
    const b = request.body as { title: string; kind?: CaseKind; findingId?: string; vulnerability?: string; links?: CaseLink[]; facts?: unknown; note?: string; severity?: CaseSeverity };
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
  app.patch('/api/cases/:caseId', {
    schema: { tags: ['cases'], summary: 'Change the case severity; open playbook tasks are re-planned (those whose due date nobody set by hand)', params: CaseParams, body: PatchCaseBody, response: problemResponses },
  }, async (request) => {
    const b = request.body as { severity: CaseSeverity; reason?: string };
    const r = await setCaseSeverity(rt, requireActor(request), (request.params as { caseId: string }).caseId, b.severity, b.reason ?? null);
    return { ...detailResponse(await getCase(rt, r.case.id)), replanned: r.replanned };
  });

  app.post('/api/cases/:caseId/close', {
    schema: { tags: ['cases'], summary: 'Close a case with a resolution note; 409 CASE_OBLIGATIONS_OPEN while obligations are open unless force with a reason', params: CaseParams, body: CloseBody, response: problemResponses },
  }, async (request) => {
    const b = request.body as { resolution: string; force?: boolean; reason?: string };
    return detailResponse(await closeCase(rt, requireActor(request), (request.params as { caseId: string }).caseId, { resolution: b.resolution, force: b.force ?? false, reason: b.reason ?? null }));
  });

  app.post('/api/cases/:caseId/reopen', {
    schema: { tags: ['cases'], summary: 'Reopen a closed case (with a reason); its obligations are re-evaluated', params: CaseParams, body: ReopenBody, response: problemResponses },
  }, async (request) => detailResponse(await reopenCase(rt, requireActor(request), (request.params as { caseId: string }).caseId, (request.body as { reason: string }).reason)));

  app.post('/api/cases/:caseId/links', {
    schema: { tags: ['cases'], summary: 'Link a product, release or finding to the case (it must exist)', params: CaseParams, body: LinkBody, response: problemResponses },
  }, async (request) => {
    const b = request.body as CaseLink & { reason?: string };
    return { links: await addCaseLink(rt, requireActor(request), (request.params as { caseId: string }).caseId, { type: b.type, id: b.id }, b.reason ?? null) };
  });

  app.delete('/api/cases/:caseId/links/:type/:targetId', {
    schema: { tags: ['cases'], summary: 'Remove a link from the case', params: LinkParams, response: problemResponses },
  }, async (request) => {
    const p = request.params as { caseId: string; type: CaseLink['type']; targetId: string };
    return { links: await removeCaseLink(rt, requireActor(request), p.caseId, { type: p.type, id: p.targetId }) };
  });

  app.get('/api/cases/:caseId/documents/:documentId', {
    schema: { tags: ['cases'], summary: 'Download a stored document (evidence of a fulfilment), byte for byte (X-Content-SHA256)', params: DocumentParams },
  }, async (request, reply) => {
    const p = request.params as { caseId: string; documentId: string };
    const d = await caseDocument(rt, p.documentId, p.caseId);
    const ascii = d.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.name)}`)
      .header('x-content-sha256', d.sha256)
      .send(Buffer.from(d.bytes));
  });

  app.get('/api/playbooks', {
    schema: { tags: ['cases'], summary: 'The playbooks (task templates by severity), with the organisation overrides applied', response: problemResponses },
  }, async () => ({ items: await listPlaybooks(rt) }));

  app.post('/api/cases/:caseId/playbook', {
    schema: { tags: ['cases'], summary: 'Apply a playbook: creates its tasks (owner role, assignee = role holder, due by severity)', params: CaseParams, body: PlaybookBody, response: { 201: Type.Object({}, { additionalProperties: true, description: '{ items: every task of the case }' }), ...problemResponses } },
  }, async (request, reply) => {
    const tasks = await applyPlaybook(rt, requireActor(request), (request.params as { caseId: string }).caseId, (request.body as { playbook: string }).playbook);
    return reply.code(201).send({ items: tasks });
  });

  app.get('/api/cases/:caseId/tasks', {
    schema: { tags: ['cases'], summary: "The case's tasks, in plan order", params: CaseParams, response: problemResponses },
  }, async (request) => ({ items: await listCaseTasks(rt, (request.params as { caseId: string }).caseId) }));

  app.post('/api/cases/:caseId/tasks', {
    schema: { tags: ['cases'], summary: 'Add an ad-hoc task', params: CaseParams, body: NewTaskBody, response: { 201: Type.Object({}, { additionalProperties: true, description: 'The task' }), ...problemResponses } },
  }, async (request, reply) => {
    const b = request.body as { title: string; role?: PsirtRole; assigneeId?: string | null; dueAt?: string; note?: string };
    return reply.code(201).send(await addCaseTask(rt, requireActor(request), (request.params as { caseId: string }).caseId, b));
  });

  app.patch('/api/cases/:caseId/tasks/:taskId', {
    schema: { tags: ['cases'], summary: 'Change a task: status (open, done, skipped), assignee, due date, title, note', params: TaskParams, body: PatchTaskBody, response: problemResponses },
  }, async (request) => {
    const p = request.params as { caseId: string; taskId: string };
    return updateCaseTask(rt, requireActor(request), p.caseId, p.taskId, request.body as TaskPatch);
  });

  app.get('/api/tasks', {
    schema: { tags: ['cases'], summary: 'Tasks of open cases across the portfolio ("my tasks": assignee=me), by due date', querystring: TasksQuery, response: problemResponses },
  }, async (request) => {
    const q = request.query as { assignee?: string; state?: TaskState; limit?: number };
    const assigneeId = q.assignee === undefined ? undefined : q.assignee === 'me' ? userIdOf(requireActor(request)) : q.assignee === 'none' ? null : q.assignee;
    const items = await portfolioTasks(rt, { ...(assigneeId !== undefined ? { assigneeId } : {}), state: q.state ?? 'open', limit: q.limit ?? 500 });
    return { now: rt.clock.now().toISOString(), items };
  });
}

/**
 * Regulatory cases: facts with a timeline, PSIRT roles, and the obligations the clock engine derives
 * from the facts — stored, reconciled by obligation id on every evaluation (never deleted),
 * fulfilled with evidence or marked not applicable with a password-signed justification.
 * Every write is audited in its transaction.
 */
import { createHash } from 'node:crypto';
import { VigilError } from '../domain/errors.ts';
import { evaluate, type EngineSettings, type Evaluation, type Obligation } from '../domain/clocks/engine.ts';
import { severities, severityFromCvss } from '../domain/cases/playbooks.ts';
import type { CaseFacts } from '../domain/clocks/facts.ts';
import { validateFacts } from '../domain/clocks/facts.schema.ts';
import { obligationIds } from '../domain/clocks/rule-packs.ts';
import { parseTime } from '../domain/clocks/zoned-time.ts';
import type {
  Actor,
  BoardObligation,
  CaseKind,
  CaseLink,
  CaseRecord,
  CaseDocumentInfo,
  CaseRoleAssignment,
  CaseSeverity,
  CaseTask,
  Clock,
  FactChange,
  IdSource,
  ObligationWrite,
  PasswordHasher,
  PsirtRole,
  StoredObligation,
  StoredObligationStatus,
  Stores,
  UnitOfWork,
} from './ports.ts';
import { actorRef } from './ports.ts';
import { effectiveEngineSettings, loadClockSettings } from './org-settings.ts';

export interface CaseDeps {
  uow: UnitOfWork;
  clock: Clock;
  ids: IdSource;
}

export const caseKinds: readonly CaseKind[] = ['vulnerability', 'incident', 'complaint', 'cvd-report', 'other'];
export const psirtRoles: readonly PsirtRole[] = ['lead', 'analyst', 'engineer', 'regulatory', 'clinical', 'product', 'support'];

const HOUR = 3_600_000;

// ── Facts as a timeline of leaf changes ──────────────────────────────────────────────────────
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A `{ at, zone }` time is one fact, not two. */
const isTimeObject = (v: unknown): boolean => isPlainObject(v) && typeof v.at === 'string' && Object.keys(v).every((k) => k === 'at' || k === 'zone');

const escapeSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeSegment = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** RFC 7396 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The leaf changes from `before` to `after`: JSON pointer and new value (null: removed). */
export function diffFacts(before: unknown, after: unknown, prefix = ''): Array<{ path: string; value: unknown }> {
  const out: Array<{ path: string; value: unknown }> = [];
  if (isPlainObject(before) && isPlainObject(after) && !isTimeObject(before) && !isTimeObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of [...keys].sort()) {
      const path = `${prefix}/${escapeSegment(k)}`;
      if (!(k in after)) out.push({ path, value: null });
      else if (!(k in before)) out.push(...diffFacts(undefined, after[k], path));
      else out.push(...diffFacts(before[k], after[k], path));
    }
    return out;
  }
  if (before === undefined && isPlainObject(after) && !isTimeObject(after)) {
    for (const k of Object.keys(after).sort()) out.push(...diffFacts(undefined, after[k], `${prefix}/${escapeSegment(k)}`));
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path: prefix, value: after === undefined ? null : after });
  return out;
}

/** Rebuilds the facts from the timeline. */
export function factsFromTimeline(changes: ReadonlyArray<Pick<FactChange, 'path' | 'value'>>): unknown {
  const root: Record<string, Json> = {};
  for (const c of changes) {
    const segments = c.path.split('/').slice(1).map(unescapeSegment);
    let node: Record<string, Json> = root;
    for (const s of segments.slice(0, -1)) {
      if (!isPlainObject(node[s])) node[s] = {};
      node = node[s] as Record<string, Json>;
    }
    const last = segments[segments.length - 1]!;
    if (c.value === null) delete node[last];
    else node[last] = structuredClone(c.value) as Json;
  }
  return root;
}

/** The instant and zone a time fact names (for the timeline), or nulls. */
function timeOf(value: unknown, caseZone: string): { instant: Date | null; timeZone: string | null } {
  const at = typeof value === 'string' ? value : isTimeObject(value) ? (value as { at: string }).at : null;
  if (at === null) return { instant: null, timeZone: null };
  const zone = isPlainObject(value) && typeof value.zone === 'string' ? value.zone : caseZone;
  const parsed = parseTime(at, zone);
  return parsed.ok ? { instant: new Date(parsed.instantMs), timeZone: zone } : { instant: null, timeZone: null };
}

function checkFacts(data: unknown): CaseFacts {
  const checked = validateFacts(data, obligationIds());
  if (!checked.ok) {
    throw new VigilError('CASE_FACTS_INVALID', `the case facts are invalid: ${checked.problems.length} problem(s); first: ${checked.problems[0]!.path} ${checked.problems[0]!.message}`, {
      errors: checked.problems.map((p) => ({ path: p.path, message: p.message })),
    });
  }
  return checked.facts;
}

async function recordFacts(s: Stores, c: { id: string }, before: unknown, after: CaseFacts, by: string, at: Date, note: string | null): Promise<number> {
  const changes = diffFacts(before, after).map((ch) => ({ ...ch, ...(ch.value === null ? { instant: null, timeZone: null } : timeOf(ch.value, after.timeZone)) }));
  await s.cases.addFactChanges(c.id, changes, by, at, note);
  await s.cases.setFacts(c.id, after, at);
  return changes.length;
}

// ── Evaluation and reconciliation ────────────────────────────────────────────────────────────
function dueSoonAt(o: Obligation, dueSoonHours: number): string | null {
  if (!o.dueAt) return null;
  const due = Date.parse(o.dueAt);
  const trigger = o.trigger ? Date.parse(o.trigger.at) : Number.NaN;
  const span = Number.isFinite(trigger) ? due - trigger : Number.POSITIVE_INFINITY;
  return new Date(due - Math.min(dueSoonHours * HOUR, span / 4)).toISOString();
}

/** The organisation's engine settings (stored, merged over the defaults). */
export async function engineSettings(s: Pick<Stores, 'settings'>): Promise<EngineSettings> {
  return effectiveEngineSettings((await loadClockSettings(s)).document);
}

function obligationWrite(o: Obligation, result: Evaluation, existing: StoredObligation | undefined, settings: EngineSettings): ObligationWrite {
  const missingFacts = result.missingFacts.filter((m) => m.neededFor.includes(o.id) || m.neededFor.includes(o.ruleId));
  const base: ObligationWrite = {
    key: o.id, ruleId: o.ruleId, packId: o.packId, packVersion: o.packVersion, title: o.title, citation: o.citation, period: o.period,
    trigger: o.trigger, dueAt: o.dueAt, dueLocal: o.dueLocal, timeZone: o.timeZone, dueSoonAt: dueSoonAt(o, settings.dueSoonHours), status: o.status,
    provisional: o.provisional, assumptions: o.assumptions, missingFacts: [...missingFacts],
    naSource: null, naCode: null, naReason: null, naBy: null, naAt: null, fulfilledAt: o.fulfilledAt, late: o.late,
  };
  // A person's signed not-applicable decision stands until someone changes it; the engine does not undo it.
  if (existing?.naSource === 'user') {
    return { ...base, status: 'not-applicable', naSource: 'user', naCode: existing.naCode, naReason: existing.naReason, naBy: existing.naBy, naAt: existing.naAt };
  }
  return base;
}

interface Reconciled {
  evaluation: Evaluation;
  changes: Array<{ key: string; from: StoredObligationStatus | null; to: StoredObligationStatus; dueAt: string | null }>;
}

async function evaluateAndStore(s: Stores, deps: CaseDeps, c: CaseRecord, facts: CaseFacts, known?: EngineSettings): Promise<Reconciled> {
  const now = deps.clock.now();
  const settings = known ?? (await engineSettings(s));
  const result = evaluate(facts, { now: now.getTime(), settings });
  const existing = new Map((await s.cases.obligations(c.id)).map((o) => [o.key, o]));
  const changes: Reconciled['changes'] = [];
  const seen = new Set<string>();
  for (const o of result.obligations) {
    seen.add(o.id);
    const before = existing.get(o.id);
    const w = obligationWrite(o, result, before, settings);
    if (!before || before.status !== w.status || before.dueAt !== w.dueAt) changes.push({ key: o.id, from: before?.status ?? null, to: w.status, dueAt: w.dueAt });
    await s.cases.upsertObligation(c.id, before?.id ?? deps.ids.uuid(), w, now);
  }
  for (const before of existing.values()) {
    // A fulfilled obligation stays fulfilled: the report was made, whatever the facts say now.
    if (seen.has(before.key) || before.status === 'fulfilled') continue;
    // No longer applies: keep the row, say why (the engine's reason for the rule).
    const na = result.notApplicable.find((n) => n.ruleId === before.ruleId);
    const w: ObligationWrite = {
      ...before,
      status: 'not-applicable',
      naSource: before.naSource === 'user' ? 'user' : 'engine',
      naCode: before.naSource === 'user' ? before.naCode : (na?.code ?? 'no-longer-applies'),
      naReason: before.naSource === 'user' ? before.naReason : (na?.reason ?? 'The engine no longer derives this obligation from the facts.'),
      naBy: before.naSource === 'user' ? before.naBy : null,
      naAt: before.naSource === 'user' ? before.naAt : now.toISOString(),
    };
    if (before.status !== 'not-applicable') changes.push({ key: before.key, from: before.status, to: 'not-applicable', dueAt: before.dueAt });
    await s.cases.upsertObligation(c.id, before.id, w, now);
  }
  await s.cases.setEvaluation(c.id, { now: result.now, packs: result.packs, missingFacts: result.missingFacts, notApplicable: result.notApplicable, trace: result.trace }, now);
  return { evaluation: result, changes };
}

async function auditEvaluation(s: Stores, actor: Actor, caseId: string, r: Reconciled, reason: string | null): Promise<void> {
  if (!r.changes.length) return;
  await s.audit.append({ actor, action: 'case.obligations-evaluated', entityType: 'case', entityId: caseId, after: { evaluatedAt: r.evaluation.now, changes: r.changes }, reason });
}

/**
 * Re-evaluates every open case inside the caller's transaction (after the organisation settings
 * changed), auditing each case whose obligations changed. Returns the changes by case.
 */
export async function reevaluateOpenCasesInTx(s: Stores, deps: CaseDeps, actor: Actor, reason: string): Promise<Array<{ caseId: string; number: number; changes: Reconciled['changes'] }>> {
  const out: Array<{ caseId: string; number: number; changes: Reconciled['changes'] }> = [];
  const settings = await engineSettings(s);
  for (const c of await s.cases.list({ status: 'open' })) {
    const r = await evaluateAndStore(s, deps, c, c.facts as CaseFacts, settings);
    await auditEvaluation(s, actor, c.id, r, reason);
    if (r.changes.length) out.push({ caseId: c.id, number: c.number, changes: r.changes });
  }
  return out;
}

// ── Use cases ────────────────────────────────────────────────────────────────────────────────
export interface OpenCaseInput {
  title: string;
  kind?: CaseKind;
  findingId?: string;
  /** Any identifier of the vulnerability (CVE, GHSA…) or its alias group id. */
  vulnerability?: string;
  facts?: unknown;
  links?: readonly CaseLink[];
  note?: string;
  /** Default: from the highest CVSS of the finding's (or named) vulnerability, else medium. */
  severity?: CaseSeverity;
}

export interface CaseDetail {
  case: CaseRecord;
  timeline: FactChange[];
  links: CaseLink[];
  roles: CaseRoleAssignment[];
  obligations: LiveObligation[];
  documents: CaseDocumentInfo[];
  tasks: CaseTask[];
  evaluation: Evaluation;
}

export interface LiveObligation extends StoredObligation {
  /** Status now (server clock), from the stored due instant. */
  liveStatus: StoredObligationStatus;
  timeLeft: { ms: number; text: string } | null;
}

async function resolveVulnGroup(s: Stores, v: string): Promise<number> {
  if (/^\d{1,15}$/.test(v) && (await s.cases.vulnGroupExists(Number(v)))) return Number(v);
  const g = await s.advisories.findGroup(v);
  if (!g) throw new VigilError('CASE_SOURCE_NOT_FOUND', `no vulnerability '${v}'`, { vulnerability: v });
  return g.groupId;
}

export async function openCase(deps: CaseDeps, actor: Actor, input: OpenCaseInput): Promise<CaseDetail> {
  const title = input.title.trim();
  if (!title) throw new VigilError('VALIDATION_FAILED', 'a case needs a title', { errors: [{ path: '$.title', message: 'must not be empty' }] });
  const kind = input.kind ?? 'vulnerability';
  if (input.severity !== undefined && !severities.includes(input.severity)) throw new VigilError('VALIDATION_FAILED', `unknown severity '${input.severity}'`, { errors: [{ path: '$.severity', message: `must be one of ${severities.join(', ')}` }] });
  if (!caseKinds.includes(kind)) throw new VigilError('VALIDATION_FAILED', `unknown case kind '${kind}'`, { errors: [{ path: '$.kind', message: `must be one of ${caseKinds.join(', ')}` }] });
  const id = await deps.uow.write(async (s) => {
    const links: CaseLink[] = [...(input.links ?? [])];
    let groupId: number | null = null;
    let product: Awaited<ReturnType<Stores['products']['find']>> = null;
    if (input.findingId !== undefined) {
      const src = await s.cases.findingSource(input.findingId);
      if (!src) throw new VigilError('CASE_SOURCE_NOT_FOUND', `no finding '${input.findingId}'`, { finding: input.findingId });
      links.push({ type: 'finding', id: src.findingId }, { type: 'release', id: src.releaseId }, { type: 'product', id: src.productId });
      groupId = src.groupId;
      product = await s.products.find(src.productId);
    }
    if (input.vulnerability !== undefined) groupId = await resolveVulnGroup(s, input.vulnerability);
    for (const l of input.links ?? []) {
      const ok =
        l.type === 'product' ? await s.products.find(l.id) : l.type === 'release' ? await s.releases.find(l.id) : await s.cases.findingSource(l.id);
      if (!ok) throw new VigilError('CASE_SOURCE_NOT_FOUND', `no ${l.type} '${l.id}'`, { [l.type]: l.id });
      if (l.type === 'product' && !product) product = await s.products.find(l.id);
    }
    const rawFacts = input.facts ?? {
      schemaVersion: 1,
      timeZone: 'UTC',
      title,
      product: {
        ...(product ? { name: product.name } : {}),
        markets: product ? product.markets.filter((m) => m === 'US' || m === 'EU') : [],
        kind: 'device',
      },
    };
    const facts = checkFacts(rawFacts);
    const at = deps.clock.now();
    const caseId = deps.ids.uuid();
    let severity: CaseSeverity = input.severity ?? 'medium';
    if (input.severity === undefined && groupId !== null) severity = severityFromCvss((await s.advisories.groupSummaries([groupId]))[0]?.maxCvss);
    const c = await s.cases.insert({ id: caseId, title, kind, severity, sourceFindingId: input.findingId ?? null, vulnGroupId: groupId, facts, openedAt: at, openedBy: actorRef(actor) });
    await recordFacts(s, c, {}, facts, actorRef(actor), at, input.note ?? 'case opened');
    const unique = [...new Map(links.map((l) => [`${l.type}:${l.id}`, l])).values()];
    await s.cases.addLinks(c.id, unique);
    await s.audit.append({ actor, action: 'case.opened', entityType: 'case', entityId: c.id, after: { ...c, links: unique }, reason: input.note ?? null });
    const r = await evaluateAndStore(s, deps, c, facts);
    await auditEvaluation(s, actor, c.id, r, null);
    return c.id;
  });
  return getCase(deps, id);
}

export async function requireCase(s: Stores, idOrNumber: string): Promise<CaseRecord> {
  const c = await s.cases.find(idOrNumber);
  if (!c) throw new VigilError('CASE_NOT_FOUND', `no case '${idOrNumber}'`, { case: idOrNumber });
  return c;
}

function live(o: StoredObligation, nowMs: number): LiveObligation {
  const open = o.status === 'pending' || o.status === 'due-soon' || o.status === 'overdue';
  if (!o.dueAt) return { ...o, liveStatus: o.status, timeLeft: null };
  const left = Date.parse(o.dueAt) - nowMs;
  const liveStatus: StoredObligationStatus = !open ? o.status : left < 0 ? 'overdue' : o.dueSoonAt && nowMs >= Date.parse(o.dueSoonAt) ? 'due-soon' : 'pending';
  return { ...o, liveStatus, timeLeft: open ? { ms: left, text: formatLeft(left) } : null };
}

export function formatLeft(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let m = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  return sign + (d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : `${m}m`);
}

export async function getCase(deps: Pick<CaseDeps, 'uow' | 'clock'>, idOrNumber: string): Promise<CaseDetail> {
  return deps.uow.read(async (s) => {
    const c = await requireCase(s, idOrNumber);
    const now = deps.clock.now().getTime();
    const [timeline, links, roles, obligations, documents, tasks, settings] = await Promise.all([
      s.cases.timeline(c.id), s.cases.links(c.id), s.cases.roles(c.id), s.cases.obligations(c.id), s.cases.documents(c.id), s.cases.tasks(c.id), engineSettings(s),
    ]);
    // The trace and missing facts as of now (pure; nothing stored by a read).
    const evaluation = evaluate(c.facts as CaseFacts, { now, settings });
    return { case: c, timeline, links, roles, obligations: obligations.map((o) => live(o, now)), documents, tasks, evaluation };
  });
}

export function listCases(deps: Pick<CaseDeps, 'uow'>, filter: { status?: 'open' | 'closed' } = {}): Promise<CaseRecord[]> {
  return deps.uow.read((s) => s.cases.list(filter));
}

/** Sets facts by JSON merge patch (null removes a fact), records the timeline and re-evaluates. */
export async function setCaseFacts(deps: CaseDeps, actor: Actor, idOrNumber: string, patch: unknown, note: string | null = null): Promise<CaseDetail & { changed: number }> {
  if (!isPlainObject(patch)) throw new VigilError('CASE_FACTS_INVALID', 'the facts patch must be a JSON object', { errors: [{ path: '$', message: 'must be an object' }] });
  let changed = 0;
  const id = await deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    const facts = checkFacts(mergePatch(c.facts, patch));
    const at = deps.clock.now();
    changed = await recordFacts(s, c, c.facts, facts, actorRef(actor), at, note);
    if (changed) await s.audit.append({ actor, action: 'case.facts-changed', entityType: 'case', entityId: c.id, before: c.facts, after: facts, reason: note });
    const r = await evaluateAndStore(s, deps, c, facts);
    await auditEvaluation(s, actor, c.id, r, note);
    return c.id;
  });
  return { ...(await getCase(deps, id)), changed };
}

/** Re-evaluates a case on demand (time has passed: a day-30 condition may have lapsed). */
export async function evaluateCase(deps: CaseDeps, actor: Actor, idOrNumber: string): Promise<CaseDetail & { changes: Reconciled['changes'] }> {
  let changes: Reconciled['changes'] = [];
  const id = await deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    const r = await evaluateAndStore(s, deps, c, c.facts as CaseFacts);
    await auditEvaluation(s, actor, c.id, r, null);
    changes = r.changes;
    return c.id;
  });
  return { ...(await getCase(deps, id)), changes };
}

/** Re-evaluates every open case (the deadline board's refresh); returns the number of obligations that changed. */
export async function evaluateOpenCases(deps: CaseDeps, actor: Actor): Promise<number> {
  const open = await listCases(deps, { status: 'open' });
  let total = 0;
  for (const c of open) total += (await evaluateCase(deps, actor, c.id)).changes.length;
  return total;
}

export async function setCaseRoles(deps: CaseDeps, actor: Actor, idOrNumber: string, roles: readonly CaseRoleAssignment[], reason: string | null = null): Promise<CaseRoleAssignment[]> {
  return deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    for (const [i, r] of roles.entries()) {
      if (!psirtRoles.includes(r.role)) throw new VigilError('VALIDATION_FAILED', `unknown PSIRT role '${r.role}'`, { errors: [{ path: `$.roles[${i}].role`, message: `must be one of ${psirtRoles.join(', ')}` }] });
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(r.userId);
      if (!uuid || !(await s.users.find(r.userId))) throw new VigilError('CASE_ROLE_USER_NOT_FOUND', `no user '${r.userId}' for the ${r.role} role`, { errors: [{ path: `$.roles[${i}].userId`, message: 'no such user' }] });
    }
    const before = await s.cases.roles(c.id);
    await s.cases.setRoles(c.id, roles);
    const after = await s.cases.roles(c.id);
    const reassigned = await reassignRoleTasks(s, c.id, before, after, deps.clock.now());
    await s.audit.append({ actor, action: 'case.roles-set', entityType: 'case', entityId: c.id, before, after: reassigned.length ? { roles: after, reassignedTasks: reassigned } : after, reason });
    return after;
  });
}

/** The user holding a role on a case (the first, if several), or null. */
export function roleHolder(roles: readonly CaseRoleAssignment[], role: PsirtRole | null): string | null {
  if (!role) return null;
  return roles.find((r) => r.role === role)?.userId ?? null;
}

/**
 * After a role change: open tasks owned by a role whose assignee held that role before (or that
 * had nobody) go to the role's new holder (or nobody).
 */
async function reassignRoleTasks(s: Stores, caseId: string, before: readonly CaseRoleAssignment[], after: readonly CaseRoleAssignment[], at: Date): Promise<Array<{ task: string; role: PsirtRole; from: string | null; to: string | null }>> {
  const out: Array<{ task: string; role: PsirtRole; from: string | null; to: string | null }> = [];
  for (const t of await s.cases.tasks(caseId)) {
    if (t.status !== 'open' || !t.role) continue;
    const current = t.assignee?.id ?? null;
    const heldBefore = current === null || before.some((r) => r.role === t.role && r.userId === current);
    const stillHolds = current !== null && after.some((r) => r.role === t.role && r.userId === current);
    if (!heldBefore || stillHolds) continue;
    const next = roleHolder(after, t.role);
    if (next === current) continue;
    await s.cases.updateTask(t.id, { title: t.title, assigneeId: next, dueAt: t.dueAt, dueManual: t.dueManual, status: t.status, doneBy: t.doneBy, doneAt: t.doneAt, note: t.note }, at);
    out.push({ task: t.id, role: t.role, from: current, to: next });
  }
  return out;
}

async function requireOpenObligation(s: Stores, c: CaseRecord, obligationId: string): Promise<StoredObligation> {
  const o = (await s.cases.obligations(c.id)).find((x) => x.id === obligationId || x.key === obligationId);
  if (!o) throw new VigilError('OBLIGATION_NOT_FOUND', `case ${c.number} has no obligation '${obligationId}'`, { obligation: obligationId });
  if (o.status === 'fulfilled' || o.status === 'not-applicable') {
    throw new VigilError('OBLIGATION_NOT_OPEN', `obligation ${o.key} is already ${o.status}`, { obligation: o.key, status: o.status });
  }
  return o;
}

export interface FulfilInput {
  /** When it was fulfilled: ISO instant with Z or offset (default: now). */
  at?: string;
  reference?: string | null;
  document?: { name: string; bytes: Uint8Array } | null;
  note?: string | null;
}

/** Fulfils an obligation: records `fulfilled.<id>` in the facts (so the engine agrees), with the evidence. */
export async function fulfilObligation(deps: CaseDeps, actor: Actor, idOrNumber: string, obligationId: string, input: FulfilInput): Promise<LiveObligation> {
  let when: Date;
  if (input.at !== undefined) {
    const parsed = parseTime(input.at, 'UTC');
    if (!parsed.ok || !parsed.hadOffset) throw new VigilError('VALIDATION_FAILED', `'at' must be an ISO 8601 instant with Z or an offset: '${input.at}'`, { errors: [{ path: '$.at', message: 'must be an instant with Z or an offset' }] });
    when = new Date(parsed.instantMs);
    if (when.getTime() > deps.clock.now().getTime()) throw new VigilError('VALIDATION_FAILED', `'at' is in the future (${input.at}): record a fulfilment once it happened`, { errors: [{ path: '$.at', message: 'must not be in the future' }] });
  } else when = deps.clock.now();
  const key = await deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    const o = await requireOpenObligation(s, c, obligationId);
    const at = deps.clock.now();
    let documentId: string | null = null;
    let document: { name: string; sha256: string; byteSize: number } | null = null;
    if (input.document) {
      documentId = deps.ids.uuid();
      const sha256 = createHash('sha256').update(input.document.bytes).digest('hex');
      document = { name: input.document.name, sha256, byteSize: input.document.bytes.byteLength };
      await s.cases.insertDocument({ id: documentId, caseId: c.id, name: input.document.name, sha256, bytes: input.document.bytes, uploadedBy: actorRef(actor), uploadedAt: at });
    }
    const facts = checkFacts(mergePatch(c.facts, { fulfilled: { [o.key]: when.toISOString() } }));
    await recordFacts(s, c, c.facts, facts, actorRef(actor), at, input.note ?? `${o.key} fulfilled${input.reference ? ` (${input.reference})` : ''}`);
    const r = await evaluateAndStore(s, deps, c, facts);
    await s.cases.setFulfilment(o.id, { by: actorRef(actor), reference: input.reference ?? null, documentId });
    await s.audit.append({
      actor, action: 'obligation.fulfilled', entityType: 'obligation', entityId: o.id,
      before: { case: c.id, key: o.key, status: o.status, dueAt: o.dueAt },
      after: { case: c.id, key: o.key, fulfilledAt: when.toISOString(), reference: input.reference ?? null, document },
      reason: input.note ?? null,
    });
    await auditEvaluation(s, actor, c.id, r, null);
    return o.key;
  });
  const detail = await getCase(deps, idOrNumber);
  return detail.obligations.find((o) => o.key === key)!;
}

/** Marks an obligation not applicable: a justification signed by re-entering the user's password. */
export async function markObligationNotApplicable(
  deps: CaseDeps & { passwords: PasswordHasher },
  actor: Actor,
  idOrNumber: string,
  obligationId: string,
  input: { justification: string; password: string },
): Promise<LiveObligation> {
  const justification = input.justification.trim();
  if (justification.length < 10) throw new VigilError('VALIDATION_FAILED', 'a not-applicable decision needs a justification (at least 10 characters)', { errors: [{ path: '$.justification', message: 'at least 10 characters' }] });
  const userId = actor.kind === 'system' ? null : (actor.userId ?? (actor.kind === 'user' ? actor.id : null));
  const user = userId ? await deps.uow.read((s) => s.users.find(userId)) : null;
  if (!user || !(await deps.passwords.verify(user.passwordHash, input.password))) {
    await deps.uow.write((s) => s.audit.append({ actor, action: 'obligation.not-applicable-refused', entityType: 'obligation', entityId: obligationId, reason: 'password did not verify' }));
    throw new VigilError('SIGNATURE_INVALID', 'the password is wrong: the not-applicable decision was not signed');
  }
  const key = await deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    const o = await requireOpenObligation(s, c, obligationId);
    const at = deps.clock.now().toISOString();
    const w: ObligationWrite = { ...o, status: 'not-applicable', naSource: 'user', naCode: 'justified', naReason: justification, naBy: `${actorRef(actor)} (${user.email})`, naAt: at };
    await s.cases.upsertObligation(c.id, o.id, w, deps.clock.now());
    await s.audit.append({
      actor, action: 'obligation.not-applicable', entityType: 'obligation', entityId: o.id,
      before: { case: c.id, key: o.key, status: o.status, dueAt: o.dueAt },
      after: { case: c.id, key: o.key, status: 'not-applicable', signedBy: user.email, signedAt: at },
      reason: justification,
    });
    return o.key;
  });
  const detail = await getCase(deps, idOrNumber);
  return detail.obligations.find((o) => o.key === key)!;
}

export type BoardState = 'open' | 'due-soon' | 'overdue' | 'all';

/** The deadline board: obligations of open cases across the portfolio, by time left. */
export async function deadlineBoard(deps: Pick<CaseDeps, 'uow' | 'clock'>, state: BoardState = 'open', limit = 500): Promise<Array<BoardObligation & { liveStatus: StoredObligationStatus; timeLeft: { ms: number; text: string } | null }>> {
  const now = deps.clock.now();
  const items = await deps.uow.read((s) => s.cases.board({ state, now, limit }));
  return items.map((o) => ({ ...live(o, now.getTime()), case: o.case }));
}

/** A stored document (evidence of a fulfilment); with `caseIdOrNumber`, only one of that case. */
export async function caseDocument(deps: Pick<CaseDeps, 'uow'>, documentId: string, caseIdOrNumber?: string): Promise<{ caseId: string; name: string; sha256: string; bytes: Uint8Array }> {
  return deps.uow.read(async (s) => {
    const c = caseIdOrNumber === undefined ? null : await requireCase(s, caseIdOrNumber);
    const d = await s.cases.document(documentId);
    if (!d || (c && d.caseId !== c.id)) throw new VigilError('DOCUMENT_NOT_FOUND', `no document '${documentId}'${c ? ` in case ${c.number}` : ''}`, { document: documentId });
    return d;
  });
}

// ── Lifecycle: close, reopen, links ─────────────────────────────────────────────────────────
const openStatuses: readonly StoredObligationStatus[] = ['pending', 'due-soon', 'overdue'];

function requireText(value: string | undefined | null, path: string, what: string, min = 1): string {
  const v = (value ?? '').trim();
  if (v.length < min) throw new VigilError('VALIDATION_FAILED', `${what}${min > 1 ? ` (at least ${min} characters)` : ''}`, { errors: [{ path, message: min > 1 ? `at least ${min} characters` : 'must not be empty' }] });
  return v;
}

export interface CloseCaseInput {
  resolution: string;
  /** Close although obligations are still open (needs `reason`). */
  force?: boolean;
  reason?: string | null;
}

/**
 * Closes a case with a resolution note. Refused (CASE_OBLIGATIONS_OPEN) while obligations are
 * pending, due soon or overdue, unless forced with a reason; both are audited.
 */
export async function closeCase(deps: CaseDeps, actor: Actor, idOrNumber: string, input: CloseCaseInput): Promise<CaseDetail> {
  const resolution = requireText(input.resolution, '$.resolution', 'closing a case needs a resolution note');
  const forcedReason = input.force ? requireText(input.reason, '$.reason', 'closing a case with open obligations needs a reason', 10) : null;
  const id = await deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    if (c.status !== 'open') throw new VigilError('CASE_NOT_OPEN', `case ${c.number} is already closed`, { case: c.number, status: c.status });
    // Re-evaluate first: time may have started or ended obligations since the last evaluation.
    const r = await evaluateAndStore(s, deps, c, c.facts as CaseFacts);
    await auditEvaluation(s, actor, c.id, r, 'evaluated before closing');
    const now = deps.clock.now();
    const open = (await s.cases.obligations(c.id)).filter((o) => openStatuses.includes(o.status)).map((o) => live(o, now.getTime()));
    if (open.length && !input.force) {
      throw new VigilError('CASE_OBLIGATIONS_OPEN', `case ${c.number} has ${open.length} open obligation(s) (${open.map((o) => `${o.key} ${o.liveStatus}`).join(', ')}): fulfil them, mark them not applicable, or close with force and a reason`, {
        case: c.number,
        errors: open.map((o) => ({ path: `obligations.${o.key}`, message: `${o.liveStatus}${o.dueAt ? `, due ${o.dueAt}` : ''}` })),
      });
    }
    const forced = open.length ? forcedReason : null;
    await s.cases.close(c.id, { at: now, by: actorRef(actor), resolution, forcedReason: forced });
    await s.audit.append({
      actor, action: 'case.closed', entityType: 'case', entityId: c.id,
      before: { status: c.status },
      after: { status: 'closed', resolution, ...(forced ? { forced: true, openObligations: open.map((o) => ({ key: o.key, status: o.liveStatus, dueAt: o.dueAt })) } : {}) },
      reason: forced ?? resolution,
    });
    return c.id;
  });
  return getCase(deps, id);
}

/** Reopens a closed case (with a reason) and re-evaluates its obligations. */
export async function reopenCase(deps: CaseDeps, actor: Actor, idOrNumber: string, reason: string): Promise<CaseDetail> {
  const why = requireText(reason, '$.reason', 'reopening a case needs a reason');
  const id = await deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    if (c.status !== 'closed') throw new VigilError('CASE_NOT_CLOSED', `case ${c.number} is open`, { case: c.number, status: c.status });
    const at = deps.clock.now();
    await s.cases.reopen(c.id, at);
    await s.audit.append({ actor, action: 'case.reopened', entityType: 'case', entityId: c.id, before: { status: 'closed', closedAt: c.closedAt, closedBy: c.closedBy, resolution: c.resolution, forcedCloseReason: c.forcedCloseReason }, after: { status: 'open' }, reason: why });
    const r = await evaluateAndStore(s, deps, c, c.facts as CaseFacts);
    await auditEvaluation(s, actor, c.id, r, 'reopened');
    return c.id;
  });
  return getCase(deps, id);
}

const linkTypes: ReadonlyArray<CaseLink['type']> = ['product', 'release', 'finding'];

async function linkTarget(s: Stores, l: CaseLink): Promise<CaseLink | null> {
  if (l.type === 'product') {
    const p = await s.products.find(l.id);
    return p ? { type: 'product', id: p.id } : null;
  }
  if (l.type === 'release') return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(l.id) && (await s.releases.find(l.id)) ? l : null;
  const f = await s.cases.findingSource(l.id);
  return f ? { type: 'finding', id: f.findingId } : null;
}

/** Links a product (id or slug), release or finding to a case; each must exist. Audited. */
export async function addCaseLink(deps: CaseDeps, actor: Actor, idOrNumber: string, link: CaseLink, reason: string | null = null): Promise<CaseLink[]> {
  if (!linkTypes.includes(link.type)) throw new VigilError('VALIDATION_FAILED', `unknown link type '${link.type}'`, { errors: [{ path: '$.type', message: `must be one of ${linkTypes.join(', ')}` }] });
  return deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    const target = await linkTarget(s, link);
    if (!target) throw new VigilError('CASE_SOURCE_NOT_FOUND', `no ${link.type} '${link.id}'`, { [link.type]: link.id });
    const before = await s.cases.links(c.id);
    if (before.some((l) => l.type === target.type && l.id === target.id)) return before;
    await s.cases.addLinks(c.id, [target]);
    await s.audit.append({ actor, action: 'case.link-added', entityType: 'case', entityId: c.id, after: target, reason });
    return s.cases.links(c.id);
  });
}

/** Removes a link from a case. Audited; CASE_LINK_NOT_FOUND when the case has no such link. */
export async function removeCaseLink(deps: CaseDeps, actor: Actor, idOrNumber: string, link: CaseLink, reason: string | null = null): Promise<CaseLink[]> {
  return deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    const target = link.type === 'product' ? ((await linkTarget(s, link)) ?? link) : link;
    if (!(await s.cases.removeLink(c.id, target))) throw new VigilError('CASE_LINK_NOT_FOUND', `case ${c.number} has no link to ${link.type} '${link.id}'`, { [link.type]: link.id });
    await s.audit.append({ actor, action: 'case.link-removed', entityType: 'case', entityId: c.id, before: target, reason });
    return s.cases.links(c.id);
  });
}

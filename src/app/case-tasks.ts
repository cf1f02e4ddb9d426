/**
 * Case severity, playbooks and tasks: applying a playbook plans its tasks (owner role, assignee =
 * the user holding the role on the case, due by severity from when the case was opened); a
 * severity change re-plans open tasks whose due date nobody set by hand. Every write is audited.
 */
import { VigilError } from '../domain/errors.ts';
import { builtInPlaybooks, planTasks, replanTasks, resolvePlaybook, severities, taskRoles, type PlaybookOverrides } from '../domain/cases/playbooks.ts';
import { parseTime } from '../domain/clocks/zoned-time.ts';
import { requireCase, roleHolder, type CaseDeps } from './cases.ts';
import { loadClockSettings } from './org-settings.ts';
import type { Actor, CaseRecord, CaseSeverity, CaseTask, PortfolioTask, PsirtRole, Stores, TaskStatus } from './ports.ts';
import { actorRef } from './ports.ts';

export const taskStatuses: readonly TaskStatus[] = ['open', 'done', 'skipped'];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireOpenCase(c: CaseRecord): void {
  if (c.status !== 'open') throw new VigilError('CASE_NOT_OPEN', `case ${c.number} is closed: reopen it first`, { case: c.number, status: c.status });
}

function instant(value: string, path: string): string {
  const parsed = parseTime(value, 'UTC');
  if (!parsed.ok || !parsed.hadOffset) throw new VigilError('VALIDATION_FAILED', `'${value}' is not an ISO 8601 instant with Z or an offset`, { errors: [{ path, message: 'must be an instant with Z or an offset' }] });
  return new Date(parsed.instantMs).toISOString();
}

async function requireUser(s: Stores, userId: string, path: string): Promise<string> {
  if (!uuidPattern.test(userId) || !(await s.users.find(userId))) throw new VigilError('TASK_ASSIGNEE_NOT_FOUND', `no user '${userId}'`, { errors: [{ path, message: 'no such user' }] });
  return userId;
}

async function requireTask(s: Stores, c: CaseRecord, taskId: string): Promise<CaseTask> {
  const t = await s.cases.task(c.id, taskId);
  if (!t) throw new VigilError('TASK_NOT_FOUND', `case ${c.number} has no task '${taskId}'`, { task: taskId });
  return t;
}

/** The playbooks with the organisation's overrides applied. */
export async function listPlaybooks(deps: Pick<CaseDeps, 'uow'>) {
  const overrides = (await deps.uow.read((s) => loadClockSettings(s))).document.playbooks ?? {};
  return builtInPlaybooks.map((p) => resolvePlaybook(p.id, overrides));
}

/** Applies a playbook to an open case: creates its tasks. A playbook is applied to a case once. */
export async function applyPlaybook(deps: CaseDeps, actor: Actor, idOrNumber: string, playbookId: string): Promise<CaseTask[]> {
  return deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    requireOpenCase(c);
    const overrides = (await loadClockSettings(s)).document.playbooks ?? {};
    const playbook = resolvePlaybook(playbookId, overrides);
    const existing = await s.cases.tasks(c.id);
    if (existing.some((t) => t.playbook === playbook.id)) throw new VigilError('PLAYBOOK_ALREADY_APPLIED', `playbook '${playbook.id}' is already applied to case ${c.number}`, { playbook: playbook.id });
    const roles = await s.cases.roles(c.id);
    const at = deps.clock.now();
    const planned = planTasks(playbook, c.severity, Date.parse(c.openedAt));
    await s.cases.insertTasks(planned.map((p) => ({
      id: deps.ids.uuid(), caseId: c.id, playbook: playbook.id, templateKey: p.key, title: p.title, role: p.role,
      assigneeId: roleHolder(roles, p.role), dueAt: p.dueAt, dueManual: false, note: null, createdBy: actorRef(actor), createdAt: at,
    })));
    const tasks = await s.cases.tasks(c.id);
    const created = tasks.filter((t) => t.playbook === playbook.id);
    await s.audit.append({
      actor, action: 'case.playbook-applied', entityType: 'case', entityId: c.id,
      after: { playbook: playbook.id, severity: c.severity, tasks: created.map((t) => ({ id: t.id, key: t.templateKey, role: t.role, assignee: t.assignee?.id ?? null, dueAt: t.dueAt })) },
    });
    return tasks;
  });
}

export async function listCaseTasks(deps: Pick<CaseDeps, 'uow'>, idOrNumber: string): Promise<CaseTask[]> {
  return deps.uow.read(async (s) => s.cases.tasks((await requireCase(s, idOrNumber)).id));
}

export interface NewTaskInput {
  title: string;
  role?: PsirtRole | null;
  /** Default: the user holding `role` on the case. */
  assigneeId?: string | null;
  dueAt?: string | null;
  note?: string | null;
}

/** Adds an ad-hoc task to an open case. */
export async function addCaseTask(deps: CaseDeps, actor: Actor, idOrNumber: string, input: NewTaskInput): Promise<CaseTask> {
  const title = input.title.trim();
  if (!title) throw new VigilError('VALIDATION_FAILED', 'a task needs a title', { errors: [{ path: '$.title', message: 'must not be empty' }] });
  if (input.role && !taskRoles.includes(input.role)) throw new VigilError('VALIDATION_FAILED', `unknown PSIRT role '${input.role}'`, { errors: [{ path: '$.role', message: `must be one of ${taskRoles.join(', ')}` }] });
  const dueAt = input.dueAt === undefined || input.dueAt === null ? null : instant(input.dueAt, '$.dueAt');
  return deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    requireOpenCase(c);
    const role = input.role ?? null;
    const assigneeId = input.assigneeId ? await requireUser(s, input.assigneeId, '$.assigneeId') : input.assigneeId === null ? null : roleHolder(await s.cases.roles(c.id), role);
    const id = deps.ids.uuid();
    await s.cases.insertTasks([{ id, caseId: c.id, playbook: null, templateKey: null, title, role, assigneeId, dueAt, dueManual: dueAt !== null, note: input.note ?? null, createdBy: actorRef(actor), createdAt: deps.clock.now() }]);
    const t = (await s.cases.task(c.id, id))!;
    await s.audit.append({ actor, action: 'task.created', entityType: 'task', entityId: id, after: { case: c.id, title, role, assignee: assigneeId, dueAt }, reason: input.note ?? null });
    return t;
  });
}

export interface TaskPatch {
  status?: TaskStatus;
  /** null unassigns. */
  assigneeId?: string | null;
  /** null removes the due date; a date set here is kept when the severity changes. */
  dueAt?: string | null;
  title?: string;
  note?: string | null;
}

/** Changes a task: status (done/skipped record who and when), assignee, due date, title, note. */
export async function updateCaseTask(deps: CaseDeps, actor: Actor, idOrNumber: string, taskId: string, patch: TaskPatch): Promise<CaseTask> {
  if (patch.status !== undefined && !taskStatuses.includes(patch.status)) throw new VigilError('VALIDATION_FAILED', `unknown task status '${patch.status}'`, { errors: [{ path: '$.status', message: `must be one of ${taskStatuses.join(', ')}` }] });
  if (patch.title !== undefined && !patch.title.trim()) throw new VigilError('VALIDATION_FAILED', 'a task needs a title', { errors: [{ path: '$.title', message: 'must not be empty' }] });
  const dueAt = patch.dueAt === undefined || patch.dueAt === null ? patch.dueAt : instant(patch.dueAt, '$.dueAt');
  return deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    const t = await requireTask(s, c, taskId);
    const at = deps.clock.now();
    const assigneeId = patch.assigneeId === undefined ? (t.assignee?.id ?? null) : patch.assigneeId === null ? null : await requireUser(s, patch.assigneeId, '$.assigneeId');
    const status = patch.status ?? t.status;
    const statusChanged = status !== t.status;
    const next = {
      title: patch.title?.trim() ?? t.title,
      assigneeId,
      dueAt: dueAt === undefined ? t.dueAt : dueAt,
      dueManual: dueAt === undefined ? t.dueManual : true,
      status,
      doneBy: !statusChanged ? t.doneBy : status === 'open' ? null : actorRef(actor),
      doneAt: !statusChanged ? t.doneAt : status === 'open' ? null : at.toISOString(),
      note: patch.note === undefined ? t.note : patch.note,
    };
    await s.cases.updateTask(t.id, next, at);
    const before = { title: t.title, assignee: t.assignee?.id ?? null, dueAt: t.dueAt, status: t.status, note: t.note };
    const after = { title: next.title, assignee: next.assigneeId, dueAt: next.dueAt, status: next.status, note: next.note };
    await s.audit.append({ actor, action: statusChanged && status !== 'open' ? `task.${status}` : 'task.updated', entityType: 'task', entityId: t.id, before: { case: c.id, ...before }, after: { case: c.id, ...after }, reason: patch.note ?? null });
    return (await s.cases.task(c.id, t.id))!;
  });
}

/**
 * Re-plans the open playbook tasks of a case (severity or playbook overrides changed), in the
 * caller's transaction. Audited when a due date changes.
 */
export async function replanCaseTasksInTx(s: Stores, deps: Pick<CaseDeps, 'clock'>, actor: Actor, c: CaseRecord, severity: CaseSeverity, overrides: PlaybookOverrides, reason: string | null): Promise<Array<{ id: string; from: string | null; to: string }>> {
  const tasks = await s.cases.tasks(c.id);
  const changes = replanTasks(tasks.map((t) => ({ id: t.id, playbook: t.playbook, templateKey: t.templateKey, status: t.status, dueAt: t.dueAt, dueManual: t.dueManual })), severity, Date.parse(c.openedAt), overrides);
  const at = deps.clock.now();
  for (const ch of changes) {
    const t = tasks.find((x) => x.id === ch.id)!;
    await s.cases.updateTask(t.id, { title: t.title, assigneeId: t.assignee?.id ?? null, dueAt: ch.to, dueManual: false, status: t.status, doneBy: t.doneBy, doneAt: t.doneAt, note: t.note }, at);
  }
  if (changes.length) await s.audit.append({ actor, action: 'case.tasks-replanned', entityType: 'case', entityId: c.id, after: { severity, changes }, reason });
  return changes;
}

/** Sets the case severity and re-plans open tasks' due dates. */
export async function setCaseSeverity(deps: CaseDeps, actor: Actor, idOrNumber: string, severity: CaseSeverity, reason: string | null = null): Promise<{ case: CaseRecord; replanned: Array<{ id: string; from: string | null; to: string }> }> {
  if (!severities.includes(severity)) throw new VigilError('VALIDATION_FAILED', `unknown severity '${severity}'`, { errors: [{ path: '$.severity', message: `must be one of ${severities.join(', ')}` }] });
  return deps.uow.write(async (s) => {
    const c = await requireCase(s, idOrNumber);
    if (c.severity === severity) return { case: c, replanned: [] };
    await s.cases.setSeverity(c.id, severity, deps.clock.now());
    await s.audit.append({ actor, action: 'case.severity-changed', entityType: 'case', entityId: c.id, before: { severity: c.severity }, after: { severity }, reason });
    const overrides = (await loadClockSettings(s)).document.playbooks ?? {};
    const replanned = await replanCaseTasksInTx(s, deps, actor, c, severity, overrides, reason ?? `severity ${c.severity} → ${severity}`);
    return { case: (await s.cases.find(c.id))!, replanned };
  });
}

export type TaskState = TaskStatus | 'all';

/** Tasks of open cases across the portfolio ("my tasks"), by due date. */
export async function portfolioTasks(deps: Pick<CaseDeps, 'uow'>, filter: { assigneeId?: string | null; state?: TaskState; limit?: number }): Promise<PortfolioTask[]> {
  const state = filter.state ?? 'open';
  return deps.uow.read((s) =>
    s.cases.taskList({ ...(filter.assigneeId !== undefined ? { assigneeId: filter.assigneeId } : {}), ...(state !== 'all' ? { status: state } : {}), limit: filter.limit ?? 500 }),
  );
}

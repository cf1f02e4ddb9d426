// Pure helpers for the case lifecycle screens: severity, closing refused with open obligations,
// PSIRT roles, playbook tasks ("my tasks") and the organisation clock settings form.
import type { CaseLink, CaseSeverity, CaseTask, ClockSettingsDocument, NotificationState, OutboxNotification, PackUse, Problem, PsirtRole, TaskStatus, User } from './api.ts';

export const SEVERITY_LABELS: Record<CaseSeverity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
export const SEVERITY_TONES: Record<CaseSeverity, 'danger' | 'warn' | 'accent' | 'neutral'> = { critical: 'danger', high: 'warn', medium: 'accent', low: 'neutral' };

export const ROLE_LABELS: Record<PsirtRole, string> = {
  lead: 'PSIRT lead',
  analyst: 'Analyst',
  engineer: 'Engineer',
  regulatory: 'Regulatory',
  clinical: 'Clinical',
  product: 'Product',
  support: 'Support',
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: 'Open', done: 'Done', skipped: 'Skipped' };

/** "Ana Lyst <ana@example.com>" or the e-mail alone. */
export function userLabel(user: Pick<User, 'email' | 'displayName'> | null | undefined): string {
  if (!user) return 'Nobody';
  return user.displayName && user.displayName !== user.email ? `${user.displayName} <${user.email}>` : user.email;
}

export interface OpenObligationRef {
  key: string;
  /** The server's status and due instant text, e.g. "overdue, due 2026-03-01T04:59:59.999Z". */
  detail: string;
  status: string;
  dueAt: string | null;
}

/** The obligations that block closing, from a CASE_OBLIGATIONS_OPEN problem (`errors[].path` = `obligations.<key>`). */
export function openObligationsOf(problem: Problem | null): OpenObligationRef[] {
  if (!problem || problem.code !== 'CASE_OBLIGATIONS_OPEN') return [];
  return (problem.errors ?? [])
    .filter((e) => e.path.startsWith('obligations.'))
    .map((e) => {
      const m = /^([a-z-]+)(?:, due (\S+))?$/.exec(e.message);
      return { key: e.path.slice('obligations.'.length), detail: e.message, status: m?.[1] ?? e.message, dueAt: m?.[2] ?? null };
    });
}

/** The roles after giving `role` to `userId` (null: nobody holds it), in the canonical role order. */
export function assignRole(
  roles: ReadonlyArray<{ role: PsirtRole; userId: string }>,
  role: PsirtRole,
  userId: string | null,
  order: readonly PsirtRole[],
): Array<{ role: PsirtRole; userId: string }> {
  const next = roles.filter((r) => r.role !== role).map((r) => ({ role: r.role, userId: r.userId }));
  if (userId) next.push({ role, userId });
  return next.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
}

export type TaskDueState = 'overdue' | 'due-soon' | 'scheduled' | 'none' | 'closed';

/** How urgent a task is at `nowMs`: overdue, due within `soonHours`, scheduled later, no due date, or not open. */
export function taskDueState(task: Pick<CaseTask, 'status' | 'dueAt'>, nowMs: number, soonHours = 24): TaskDueState {
  if (task.status !== 'open') return 'closed';
  if (!task.dueAt) return 'none';
  const left = Date.parse(task.dueAt) - nowMs;
  if (left < 0) return 'overdue';
  return left <= soonHours * 3_600_000 ? 'due-soon' : 'scheduled';
}

/** Open overdue tasks (the navigation badge). */
export function countOverdueTasks(tasks: ReadonlyArray<Pick<CaseTask, 'status' | 'dueAt'>>, nowMs: number): number {
  return tasks.filter((t) => taskDueState(t, nowMs) === 'overdue').length;
}

/** By due date (none last), then title: the order of "my tasks". */
export function sortTasksByDue<T extends Pick<CaseTask, 'dueAt' | 'title' | 'id'>>(tasks: readonly T[]): T[] {
  return [...tasks].sort((a, b) => {
    const da = a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY;
    const db = b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY;
    if (da !== db) return da < db ? -1 : 1;
    return a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
  });
}

export const LINK_TYPE_LABELS: Record<CaseLink['type'], string> = { product: 'Product', release: 'Release', finding: 'Finding' };

/** Links grouped by type, in the order product, release, finding. */
export function linksByType(links: readonly CaseLink[]): Record<CaseLink['type'], string[]> {
  const out: Record<CaseLink['type'], string[]> = { product: [], release: [], finding: [] };
  for (const l of links) out[l.type].push(l.id);
  return out;
}

// ── Organisation clock settings ─────────────────────────────────────────────────────────────────

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Dates typed one per line or separated by commas/spaces: the valid `YYYY-MM-DD` ones (sorted, unique) and the rest. */
export function parseDateList(text: string): { dates: string[]; invalid: string[] } {
  const parts = text.split(/[\s,;]+/).map((p) => p.trim()).filter(Boolean);
  const dates = [...new Set(parts.filter((p) => DATE.test(p) && !Number.isNaN(Date.parse(`${p}T00:00:00Z`)) && new Date(`${p}T00:00:00Z`).toISOString().startsWith(p)))].sort();
  const invalid = parts.filter((p) => !dates.includes(p));
  return { dates, invalid };
}

export interface SwitchRow {
  id: string;
  /** On in the settings in force. */
  enabled: boolean;
  /** The document names it (an organisation choice), as opposed to the pack's default. */
  overridden: boolean;
}

/**
 * The rule-pack switches to show: every pack the engine reported (with its default state) plus any the
 * document names, sorted by id.
 */
export function packSwitches(doc: ClockSettingsDocument, known: ReadonlyArray<Pick<PackUse, 'id' | 'enabled'>>, defaults: ReadonlyMap<string, boolean> = new Map()): SwitchRow[] {
  const ids = new Set<string>([...known.map((p) => p.id), ...Object.keys(doc.packs ?? {})]);
  return [...ids].sort().map((id) => {
    const set = doc.packs?.[id]?.enabled;
    const base = defaults.get(id) ?? known.find((p) => p.id === id)?.enabled ?? true;
    return { id, enabled: set ?? base, overridden: set !== undefined };
  });
}

/** Sets `packs[id]` / `rules[id]` to `{ enabled }`, or removes it when `enabled` is null (back to the default). */
export function setSwitch(doc: ClockSettingsDocument, section: 'packs' | 'rules', id: string, enabled: boolean | null): ClockSettingsDocument {
  const current = { ...(doc[section] ?? {}) };
  if (enabled === null) delete current[id];
  else current[id] = { enabled };
  const next: ClockSettingsDocument = { ...doc };
  if (Object.keys(current).length) next[section] = current;
  else delete next[section];
  return next;
}

/** Sets or (value undefined) removes a top-level key of the document. */
export function setSetting<K extends keyof ClockSettingsDocument>(doc: ClockSettingsDocument, key: K, value: ClockSettingsDocument[K] | undefined): ClockSettingsDocument {
  const next: ClockSettingsDocument = { ...doc };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** Parses the playbook overrides textarea: empty means none. */
export function parsePlaybookOverrides(text: string): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'must be a JSON object: { "playbook-id": { "tasks": { … } } }' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'not valid JSON' };
  }
}

/** Problems of a settings validation grouped by the top-level key of their JSON path (`$.packs["x"]` → `packs`). */
export function settingsProblemsBySection(problem: Problem | null): Record<string, Array<{ path: string; message: string }>> {
  const out: Record<string, Array<{ path: string; message: string }>> = {};
  for (const e of problem?.errors ?? []) {
    const m = /^\$(?:\.([A-Za-z_$][\w$]*)|\["([^"]+)"\])?/.exec(e.path);
    const section = m?.[1] ?? m?.[2] ?? '$';
    (out[section] ??= []).push({ path: e.path, message: e.message });
  }
  return out;
}

// ── Notification outbox ─────────────────────────────────────────────────────────────────────────

/** The state filter of the notifications page (`?state=`): a state, or every state. */
export function parseNotificationState(search: string): NotificationState | 'all' {
  const state = new URLSearchParams(search).get('state');
  return state === 'pending' || state === 'delivered' || state === 'dead' || state === 'cancelled' ? state : 'all';
}

/** The case a notification is about: from its payload (reminders carry the number) or its case id. */
export function notificationCase(n: Pick<OutboxNotification, 'caseId' | 'payload'>): { ref: string; label: string } | null {
  const p = n.payload as { case?: { number?: unknown; title?: unknown } } | null;
  const number = p && typeof p === 'object' && p.case && typeof p.case.number === 'number' ? p.case.number : null;
  if (number !== null) return { ref: String(number), label: `#${number}${typeof p?.case?.title === 'string' ? ` ${p.case.title}` : ''}` };
  return n.caseId ? { ref: n.caseId, label: `Case ${n.caseId.slice(0, 8)}` } : null;
}

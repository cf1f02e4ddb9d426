/**
 * Reminders of case tasks (playbook and ad-hoc tasks with a due instant and an assignee). Pure and
 * deterministic, built on the obligation planning of `reminders.ts`:
 *
 * - `before-Nh`  N hours before due (default 24 h), to the assignee, when that is after the task
 *                was created (a task created 12 h before its due date gets no "due in 24 h" notice);
 * - `overdue`    at the due instant, to the assignee;
 * - `overdue-K`  every `overdueRepeatHours` after due (K = 1…max), an escalation to the case lead
 *                (and the assignee).
 *
 * The latest-point rule and the key with the due instant are the obligations' (see `currentPoint`
 * and `notificationKey`): a missed scan sends the current point once, a moved due date reminds
 * again for the new date.
 */
import { formatInstantInZone } from '../clocks/zoned-time.ts';
import { checkPolicy, formatTimeLeft, reminderPoints, type ReminderPoint, type ReminderPolicy } from './reminders.ts';

export interface TaskReminderPolicy {
  /** Hours before due, e.g. 24. */
  readonly beforeDueHours: readonly number[];
  /** Escalations to the case lead after due every so many hours; 0: only the notice at due. */
  readonly overdueRepeatHours: number;
  /** Escalations after the notice at due, at most. */
  readonly overdueMaxRepeats: number;
}

export const defaultTaskReminderPolicy: TaskReminderPolicy = { beforeDueHours: [24], overdueRepeatHours: 24, overdueMaxRepeats: 7 };

const asReminderPolicy = (p: TaskReminderPolicy): ReminderPolicy => ({ fractions: [], beforeDueHours: p.beforeDueHours, overdueRepeatHours: p.overdueRepeatHours, overdueMaxRepeats: p.overdueMaxRepeats });

/** Checks a task policy; throws CONFIG_INVALID naming the bad value. */
export function checkTaskPolicy(p: TaskReminderPolicy): TaskReminderPolicy {
  checkPolicy(asReminderPolicy(p));
  return p;
}

export type TaskPointKind = 'reminder' | 'overdue' | 'escalation';

export interface TaskReminderPoint extends ReminderPoint {
  /** reminder: before due; overdue: the notice at due; escalation: a repeat after due, to the case lead too. */
  readonly kind: TaskPointKind;
}

export interface ReminderTask {
  readonly id: string;
  /** When the task was created: before-due points before it are dropped. */
  readonly createdAt: number;
  readonly dueAt: number | null;
  readonly status: 'open' | 'done' | 'skipped';
}

function kindOf(p: ReminderPoint): TaskPointKind {
  return p.level === 'reminder' ? 'reminder' : p.id === 'overdue' ? 'overdue' : 'escalation';
}

function labelOf(p: ReminderPoint, kind: TaskPointKind): string {
  if (kind === 'reminder') return p.label;
  if (kind === 'overdue') return 'overdue notice at due';
  return `escalation ${p.id.slice('overdue-'.length)} after due`;
}

/** Every reminder point of a task, ordered by instant. None without a due instant. */
export function taskReminderPoints(t: Pick<ReminderTask, 'createdAt' | 'dueAt'>, policy: TaskReminderPolicy): TaskReminderPoint[] {
  return reminderPoints({ triggerAt: t.createdAt, dueAt: t.dueAt }, asReminderPolicy(policy)).map((p) => {
    const kind = kindOf(p);
    return { ...p, kind, label: labelOf(p, kind) };
  });
}

/** The point to send now: the latest one at or before `now`, for an open task (see `currentPoint`). */
export function currentTaskPoint(t: ReminderTask, policy: TaskReminderPolicy, now: number): TaskReminderPoint | null {
  if (t.status !== 'open') return null;
  let current: TaskReminderPoint | null = null;
  for (const p of taskReminderPoints(t, policy)) if (p.at <= now) current = p;
  return current;
}

/** Idempotency key of one task message: `task:` task id, point, due instant, channel and target. */
export function taskNotificationKey(taskId: string, pointId: string, dueAt: number, channel: 'email' | 'webhook', target: string): string {
  return `task:${taskId}:${pointId}:${dueAt}:${channel}:${target.toLowerCase()}`;
}

// ── Messages ─────────────────────────────────────────────────────────────────────────────────
export interface TaskReminderContext {
  readonly case: { readonly id: string; readonly number: number; readonly title: string; readonly timeZone: string };
  readonly task: {
    readonly id: string;
    readonly title: string;
    readonly role: string | null;
    readonly dueAt: number;
    readonly assignee: { readonly id: string; readonly email: string; readonly displayName: string };
  };
  readonly point: TaskReminderPoint;
  readonly caseUrl: string;
  readonly now: number;
}

export interface TaskReminderMessage {
  subject: string;
  text: string;
  data: {
    type: 'task.reminder' | 'task.overdue';
    point: string;
    label: string;
    case: { id: string; number: number; title: string; url: string };
    task: { id: string; title: string; role: string | null; assignee: { id: string; email: string; displayName: string }; dueAt: string; dueLocal: string; timeZone: string };
    timeLeftMs: number;
  };
}

export function taskReminderMessage(c: TaskReminderContext): TaskReminderMessage {
  const left = c.task.dueAt - c.now;
  const overdue = c.point.kind !== 'reminder';
  const zone = c.case.timeZone;
  const dueUtc = new Date(c.task.dueAt).toISOString();
  const dueLocal = formatInstantInZone(c.task.dueAt, zone);
  const dueShort = `${dueLocal.slice(0, 16).replace('T', ' ')} ${zone}`;
  const leftText = left <= 0 ? `overdue by ${formatTimeLeft(-left)}` : `${formatTimeLeft(left)} left`;
  const a = c.task.assignee;
  const subject = `${overdue ? '[Task OVERDUE] ' : '[Task reminder] '}Case ${c.case.number}: ${c.task.title} — ${overdue ? 'was due' : 'due'} ${dueShort}`;
  const intro =
    c.point.kind === 'reminder'
      ? `Reminder (${c.point.label}): a task of case ${c.case.number} assigned to ${a.displayName} is coming due.`
      : c.point.kind === 'overdue'
        ? `A task of case ${c.case.number} assigned to ${a.displayName} is overdue.`
        : `Escalation to the case lead (${c.point.label}): a task of case ${c.case.number} assigned to ${a.displayName} is overdue.`;
  const text = [
    intro,
    '',
    `Case:        ${c.case.number} — ${c.case.title}`,
    `Task:        ${c.task.title}`,
    `Role:        ${c.task.role ?? '(none)'}`,
    `Assignee:    ${a.displayName} <${a.email}>`,
    `Due:         ${dueLocal} (${zone})`,
    `Due (UTC):   ${dueUtc}`,
    `Time left:   ${leftText}`,
    '',
    `Open the case: ${c.caseUrl}`,
    '',
    'Vigil sends this reminder once per reminder point. Mark the task done or skipped to stop reminders.',
    '',
  ].join('\n');
  return {
    subject,
    text,
    data: {
      type: overdue ? 'task.overdue' : 'task.reminder',
      point: c.point.id,
      label: c.point.label,
      case: { id: c.case.id, number: c.case.number, title: c.case.title, url: c.caseUrl },
      task: { id: c.task.id, title: c.task.title, role: c.task.role, assignee: { id: a.id, email: a.email, displayName: a.displayName }, dueAt: dueUtc, dueLocal, timeZone: zone },
      timeLeftMs: left,
    },
  };
}

/**
 * Reminder planning: the instants at which an open obligation is reminded and escalated, and the
 * messages that go out. Pure and deterministic: the instant `now` is passed in.
 *
 * Points of one obligation (each with a stable id, so it fires once):
 * - `pNN`       a fraction of the period from trigger to due (default 50 % and 80 %);
 * - `before-Nh` N hours before due (default 24 h), when that is after the trigger;
 * - `overdue`   at the due instant, then `overdue-K` every `overdueRepeatHours` (K = 1…max).
 * Pre-due points never fall after due; two points at the same instant are one.
 */
import { VigilError } from '../errors.ts';
import { formatInstantInZone } from '../clocks/zoned-time.ts';

const HOUR = 3_600_000;

export interface ReminderPolicy {
  /** Fractions of the period (0 < f < 1), e.g. 0.5 and 0.8. */
  readonly fractions: readonly number[];
  /** Hours before due, e.g. 24. */
  readonly beforeDueHours: readonly number[];
  /** Escalation repeats after due every so many hours; 0: only at due. */
  readonly overdueRepeatHours: number;
  /** Escalations after the one at due, at most. */
  readonly overdueMaxRepeats: number;
}

export const defaultReminderPolicy: ReminderPolicy = { fractions: [0.5, 0.8], beforeDueHours: [24], overdueRepeatHours: 24, overdueMaxRepeats: 7 };

export type ReminderLevel = 'reminder' | 'escalation';

export interface ReminderPoint {
  /** Stable within the obligation: `p50`, `before-24h`, `overdue`, `overdue-2`. */
  readonly id: string;
  readonly at: number;
  readonly level: ReminderLevel;
  /** For people: "50 % of the period", "24 h before due", "escalation at due", "escalation 2 after due". */
  readonly label: string;
}

export interface ReminderObligation {
  /** Stored obligation id (uuid). */
  readonly id: string;
  readonly triggerAt: number | null;
  readonly dueAt: number | null;
  readonly status: 'pending' | 'due-soon' | 'overdue' | 'fulfilled' | 'not-applicable';
}

const openStatuses = new Set(['pending', 'due-soon', 'overdue']);

/** Checks a policy; throws CONFIG_INVALID naming the bad value. */
export function checkPolicy(p: ReminderPolicy): ReminderPolicy {
  const bad = (why: string): never => {
    throw new VigilError('CONFIG_INVALID', `reminder policy: ${why}`);
  };
  for (const f of p.fractions) if (!Number.isFinite(f) || f <= 0 || f >= 1) bad(`a fraction of the period must be between 0 and 1 (exclusive), got ${f}`);
  for (const h of p.beforeDueHours) if (!Number.isFinite(h) || h <= 0) bad(`hours before due must be positive, got ${h}`);
  if (!Number.isInteger(p.overdueRepeatHours) || p.overdueRepeatHours < 0) bad(`overdue repeat hours must be a whole number ≥ 0, got ${p.overdueRepeatHours}`);
  if (!Number.isInteger(p.overdueMaxRepeats) || p.overdueMaxRepeats < 0) bad(`overdue repeats must be a whole number ≥ 0, got ${p.overdueMaxRepeats}`);
  return p;
}

const percent = (f: number) => Math.round(f * 1000) / 10;

/** Every reminder point of an obligation, ordered by instant (then id). None without a due instant. */
export function reminderPoints(o: Pick<ReminderObligation, 'triggerAt' | 'dueAt'>, policy: ReminderPolicy): ReminderPoint[] {
  if (o.dueAt === null || !Number.isFinite(o.dueAt)) return [];
  const due = o.dueAt;
  const trigger = o.triggerAt !== null && Number.isFinite(o.triggerAt) && o.triggerAt < due ? o.triggerAt : null;
  const pre: ReminderPoint[] = [];
  if (trigger !== null) {
    // Fractions count to 0.1 %: that is also their id.
    for (const pc of [...new Set(policy.fractions.map(percent))]) {
      pre.push({ id: `p${pc}`, at: Math.floor(trigger + (pc / 100) * (due - trigger)), level: 'reminder', label: `${pc} % of the period` });
    }
  }
  for (const h of [...new Set(policy.beforeDueHours)]) {
    const at = due - h * HOUR;
    // Before the obligation began there is nothing to remind of.
    if (trigger !== null && at <= trigger) continue;
    pre.push({ id: `before-${h}h`, at, level: 'reminder', label: `${h} h before due` });
  }
  pre.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const out: ReminderPoint[] = [];
  for (const p of pre) if (!out.some((q) => q.at === p.at || q.id === p.id)) out.push(p);
  out.push({ id: 'overdue', at: due, level: 'escalation', label: 'escalation at due' });
  if (policy.overdueRepeatHours > 0) {
    for (let k = 1; k <= policy.overdueMaxRepeats; k += 1) {
      out.push({ id: `overdue-${k}`, at: due + k * policy.overdueRepeatHours * HOUR, level: 'escalation', label: `escalation ${k} after due` });
    }
  }
  return out;
}

/**
 * The point to send now: the latest one at or before `now`, for an open obligation. Earlier points
 * that were never sent are superseded (a missed run sends the current state once, not a burst of
 * stale reminders); since the set of past points only grows, a superseded point never fires later.
 */
export function currentPoint(o: ReminderObligation, policy: ReminderPolicy, now: number): ReminderPoint | null {
  if (!openStatuses.has(o.status)) return null;
  let current: ReminderPoint | null = null;
  for (const p of reminderPoints(o, policy)) if (p.at <= now) current = p;
  return current;
}

/**
 * The idempotency key of one message: obligation, point, the due instant the point was computed
 * for, channel and target. A point fires once per due instant: when new facts move the deadline,
 * the points of the new deadline are its own (the next one due says when it now is).
 */
export function notificationKey(obligationId: string, pointId: string, dueAt: number, channel: 'email' | 'webhook', target: string): string {
  return `${obligationId}:${pointId}:${dueAt}:${channel}:${target.toLowerCase()}`;
}

// ── Messages ─────────────────────────────────────────────────────────────────────────────────
export interface ReminderContext {
  readonly case: { readonly id: string; readonly number: number; readonly title: string };
  readonly obligation: { readonly id: string; readonly key: string; readonly title: string; readonly citation: string; readonly dueAt: number; readonly timeZone: string; readonly provisional: boolean };
  readonly point: ReminderPoint;
  /** Link to the case in the web app. */
  readonly caseUrl: string;
  readonly now: number;
}

/** "2d 4h", "3h 10m", "-1d 2h" (negative: overdue). */
export function formatTimeLeft(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let m = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  return sign + (d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : `${m}m`);
}

export interface ReminderMessage {
  subject: string;
  text: string;
  /** The webhook body's `data` (and the e-mail's structured record). */
  data: {
    type: 'obligation.reminder' | 'obligation.overdue';
    point: string;
    label: string;
    case: { id: string; number: number; title: string; url: string };
    obligation: { id: string; key: string; title: string; citation: string; dueAt: string; dueLocal: string; timeZone: string; provisional: boolean };
    timeLeftMs: number;
  };
}

export function reminderMessage(c: ReminderContext): ReminderMessage {
  const left = c.obligation.dueAt - c.now;
  const overdue = c.point.level === 'escalation';
  const dueUtc = new Date(c.obligation.dueAt).toISOString();
  const dueLocal = formatInstantInZone(c.obligation.dueAt, c.obligation.timeZone);
  const leftText = left <= 0 ? `overdue by ${formatTimeLeft(-left)}` : `${formatTimeLeft(left)} left`;
  const dueShort = `${dueLocal.slice(0, 16).replace('T', ' ')} ${c.obligation.timeZone}`;
  const subject = `${overdue ? '[OVERDUE] ' : '[Reminder] '}Case ${c.case.number}: ${c.obligation.title} — ${overdue ? 'was due' : 'due'} ${dueShort}`;
  const text = [
    overdue ? `An obligation of case ${c.case.number} is overdue (${c.point.label}).` : `Reminder (${c.point.label}): an obligation of case ${c.case.number} is coming due.`,
    '',
    `Case:        ${c.case.number} — ${c.case.title}`,
    `Obligation:  ${c.obligation.title}${c.obligation.provisional ? ' (provisional: facts are missing)' : ''}`,
    `Citation:    ${c.obligation.citation}`,
    `Due:         ${dueLocal} (${c.obligation.timeZone})`,
    `Due (UTC):   ${dueUtc}`,
    `Time left:   ${leftText}`,
    '',
    `Open the case: ${c.caseUrl}`,
    '',
    'Vigil sends this reminder once per reminder point. Fulfil the obligation, or mark it not applicable, to stop reminders.',
    '',
  ].join('\n');
  return {
    subject,
    text,
    data: {
      type: overdue ? 'obligation.overdue' : 'obligation.reminder',
      point: c.point.id,
      label: c.point.label,
      case: { id: c.case.id, number: c.case.number, title: c.case.title, url: c.caseUrl },
      obligation: { id: c.obligation.id, key: c.obligation.key, title: c.obligation.title, citation: c.obligation.citation, dueAt: dueUtc, dueLocal, timeZone: c.obligation.timeZone, provisional: c.obligation.provisional },
      timeLeftMs: left,
    },
  };
}

/** Exponential backoff after the `attempt`-th failed attempt (1-based): base·2^(attempt−1), capped. */
export function retryDelayMs(attempt: number, baseSeconds: number, capSeconds = 6 * 3600): number {
  return Math.min(capSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1)) * 1000;
}

/**
 * Obligation and task reminders and escalations through an outbox: a scan (scheduler job) decides
 * which reminder point of each open obligation and each open, assigned case task is due and
 * writes one outbox row per recipient in one transaction, idempotent by key; a delivery worker
 * sends pending rows over e-mail or webhook with exponential backoff, and a message that keeps
 * failing — or is refused permanently (SMTP 5xx, HTTP 4xx) — becomes dead: kept, visible,
 * audited, and retryable by hand.
 */
import { VigilError, isVigilError } from '../domain/errors.ts';
import { isValidTimeZone } from '../domain/clocks/zoned-time.ts';
import { currentPoint, notificationKey, reminderMessage, retryDelayMs, type ReminderPolicy } from '../domain/notify/reminders.ts';
import { currentTaskPoint, taskNotificationKey, taskReminderMessage, type TaskReminderPolicy } from '../domain/notify/task-reminders.ts';
import type { Actor, AuditInput, Clock, IdSource, NotificationChannel, NotificationRecord, NotificationSender, NotificationState, NotificationWrite, PsirtRole, Stores, UnitOfWork } from './ports.ts';
import { PermanentDeliveryError, systemActor } from './ports.ts';

export const NOTIFY_SCAN_JOB = 'notify-scan';
export const NOTIFY_DELIVER_JOB = 'notify-deliver';

export interface NotificationSettings {
  policy: ReminderPolicy;
  /** Reminders of case tasks: before due and at due to the assignee, then escalations to the case lead. */
  taskPolicy: TaskReminderPolicy;
  /** Case roles whose holders receive reminders and escalations by e-mail. */
  roles: readonly PsirtRole[];
  /** Addresses that also receive overdue escalations. */
  escalationEmails: readonly string[];
  /** E-mail is configured (SMTP host set): e-mail rows are written. */
  emailEnabled: boolean;
  /** Webhook URL: every reminder and escalation is posted there. */
  webhookUrl: string | null;
  /** Base URL of the web app, for the link to the case. */
  webUrl: string;
  /** Attempts of one message before it is dead. */
  maxAttempts: number;
  /** First retry delay; doubled after each failure (capped at 6 h). */
  retryBaseSeconds: number;
  /** How long a claimed message is held by one worker before another may take it. */
  leaseSeconds: number;
}

export interface NotifyDeps {
  uow: UnitOfWork;
  clock: Clock;
  ids: IdSource;
  notify: NotificationSettings;
}

export interface DeliverDeps extends NotifyDeps {
  senders: Partial<Record<NotificationChannel, NotificationSender>>;
  /** Removes secrets (SMTP password, webhook secret) from error text before it is stored. */
  redact: (text: string) => string;
}

const lower = (s: string) => s.trim().toLowerCase();

/**
 * Writes the outbox rows of every reminder point due now and not yet written, for obligations and
 * case tasks (one transaction). A missed run catches up with the current point of each; keys make
 * it idempotent.
 */
export async function scanReminders(deps: NotifyDeps, opts: { enqueueDelivery?: boolean } = {}): Promise<{ enqueued: number; keys: string[] }> {
  const cfg = deps.notify;
  return deps.uow.write(async (s) => {
    const now = deps.clock.now();
    const rows: NotificationWrite[] = [];
    const perObligation = new Map<string, { point: string; targets: string[] }>();
    for (const c of await s.notifications.reminderCandidates()) {
      const o = c.obligation;
      const dueAt = Date.parse(o.dueAt);
      const point = currentPoint({ id: o.id, triggerAt: o.triggerAt ? Date.parse(o.triggerAt) : null, dueAt, status: o.status }, cfg.policy, now.getTime());
      if (!point) continue;
      const message = reminderMessage({
        case: c.case,
        obligation: { id: o.id, key: o.key, title: o.title, citation: o.citation, dueAt, timeZone: o.timeZone, provisional: o.provisional },
        point,
        caseUrl: `${cfg.webUrl.replace(/\/+$/, '')}/cases/${c.case.number}`,
        now: now.getTime(),
      });
      const base = { subject: message.subject, body: message.text, payload: message.data, caseId: c.case.id, obligationId: o.id };
      const targets: string[] = [];
      if (cfg.emailEnabled) {
        const emails = new Map<string, string>();
        for (const h of c.roleHolders) if (cfg.roles.includes(h.role)) emails.set(lower(h.email), h.email);
        if (point.level === 'escalation') for (const e of cfg.escalationEmails) emails.set(lower(e), e);
        for (const [k, email] of [...emails].sort(([a], [b]) => a.localeCompare(b))) {
          rows.push({ ...base, id: deps.ids.uuid(), key: notificationKey(o.id, point.id, dueAt, 'email', k), channel: 'email', target: email });
          targets.push(email);
        }
      }
      if (cfg.webhookUrl) {
        rows.push({ ...base, id: deps.ids.uuid(), key: notificationKey(o.id, point.id, dueAt, 'webhook', cfg.webhookUrl), channel: 'webhook', target: cfg.webhookUrl });
        targets.push('webhook');
      }
      perObligation.set(o.id, { point: point.id, targets });
    }
    const perTask = await taskReminderRows(s, deps, now.getTime(), rows);
    const keys = await s.notifications.insertMany(rows, now);
    if (keys.length) {
      const inserted = new Set(keys);
      const audited = (r: NotificationWrite) => ({ id: r.id, channel: r.channel, target: r.channel === 'webhook' ? 'webhook' : r.target });
      const sentBy = (id: (r: NotificationWrite) => string | null | undefined) => {
        const by = new Map<string, NotificationWrite[]>();
        for (const r of rows) {
          const k = id(r);
          if (k && inserted.has(r.key)) by.set(k, [...(by.get(k) ?? []), r]);
        }
        return by;
      };
      const sentByObligation = sentBy((r) => r.obligationId);
      const sentByTask = sentBy((r) => r.taskId);
      const events: AuditInput[] = [];
      for (const [obligationId, p] of perObligation) {
        const sent = sentByObligation.get(obligationId);
        if (sent) events.push({ actor: systemActor, action: 'obligation.reminder-enqueued', entityType: 'obligation', entityId: obligationId, after: { point: p.point, notifications: sent.map(audited) } });
      }
      for (const [taskId, p] of perTask) {
        const sent = sentByTask.get(taskId);
        if (sent) events.push({ actor: systemActor, action: 'task.reminder-enqueued', entityType: 'task', entityId: taskId, after: { case: p.caseId, point: p.point, dueAt: p.dueAt, notifications: sent.map(audited) } });
      }
      await s.audit.appendMany(events);
      if (opts.enqueueDelivery) {
        try {
          await s.jobs.enqueue(NOTIFY_DELIVER_JOB, {});
        } catch (err) {
          // A delivery run is already waiting: it will see these rows.
          if (!(isVigilError(err) && err.code === 'JOB_ALREADY_QUEUED')) throw err;
        }
      }
    }
    return { enqueued: keys.length, keys };
  });
}

/**
 * Adds to `rows` the messages of the current reminder point of every open task with a due instant
 * and an assignee: before due and at due to the assignee, escalations after due to the case lead
 * too; one webhook post per point. Returns the point written per task (for the audit trail).
 */
async function taskReminderRows(s: Stores, deps: NotifyDeps, now: number, rows: NotificationWrite[]): Promise<Map<string, { point: string; caseId: string; dueAt: string }>> {
  const cfg = deps.notify;
  const perTask = new Map<string, { point: string; caseId: string; dueAt: string }>();
  for (const c of await s.notifications.taskReminderCandidates()) {
    const t = c.task;
    const dueAt = Date.parse(t.dueAt);
    const point = currentTaskPoint({ id: t.id, createdAt: Date.parse(t.createdAt), dueAt, status: t.status }, cfg.taskPolicy, now);
    if (!point) continue;
    const message = taskReminderMessage({
      case: { id: c.case.id, number: c.case.number, title: c.case.title, timeZone: isValidTimeZone(c.case.timeZone) ? c.case.timeZone : 'UTC' },
      task: { id: t.id, title: t.title, role: t.role, dueAt, assignee: { id: t.assignee.id, email: t.assignee.email, displayName: t.assignee.displayName } },
      point,
      caseUrl: `${cfg.webUrl.replace(/\/+$/, '')}/cases/${c.case.number}`,
      now,
    });
    const base = { subject: message.subject, body: message.text, payload: message.data, caseId: c.case.id, obligationId: null, taskId: t.id };
    let wrote = false;
    if (cfg.emailEnabled) {
      const emails = new Map<string, string>();
      if (!t.assignee.disabled) emails.set(lower(t.assignee.email), t.assignee.email);
      if (point.kind === 'escalation') for (const l of c.leads) emails.set(lower(l.email), l.email);
      for (const [k, email] of [...emails].sort(([a], [b]) => a.localeCompare(b))) {
        rows.push({ ...base, id: deps.ids.uuid(), key: taskNotificationKey(t.id, point.id, dueAt, 'email', k), channel: 'email', target: email });
        wrote = true;
      }
    }
    if (cfg.webhookUrl) {
      rows.push({ ...base, id: deps.ids.uuid(), key: taskNotificationKey(t.id, point.id, dueAt, 'webhook', cfg.webhookUrl), channel: 'webhook', target: cfg.webhookUrl });
      wrote = true;
    }
    if (wrote) perTask.set(t.id, { point: point.id, caseId: c.case.id, dueAt: t.dueAt });
  }
  return perTask;
}

export interface DeliveryResult {
  delivered: number;
  failed: number;
  dead: number;
  /** Not sent: the obligation was settled (fulfilled, not applicable, case closed) or the task done or skipped, or the deadline moved before delivery. */
  cancelled: number;
}

function errorText(err: unknown, redact: (t: string) => string): string {
  const e = err as { message?: string; code?: string; responseCode?: number };
  const text = `${e.code && !String(e.message).includes(e.code) ? `${e.code}: ` : ''}${e.message ?? String(err)}`;
  return redact(text).slice(0, 1000);
}

/** Sends every message due now, in claimed batches, until none is due. */
export async function deliverPending(deps: DeliverDeps, opts: { batchSize?: number } = {}): Promise<DeliveryResult> {
  const cfg = deps.notify;
  const result: DeliveryResult = { delivered: 0, failed: 0, dead: 0, cancelled: 0 };
  for (;;) {
    const now = deps.clock.now();
    const batch = await deps.uow.write((s) => s.notifications.claim(now, new Date(now.getTime() + cfg.leaseSeconds * 1000), opts.batchSize ?? 20));
    if (!batch.length) return result;
    for (const n of batch) {
      if (!n.stillCurrent) {
        await deps.uow.write((s) => s.notifications.markCancelled(n.id, deps.clock.now(), n.taskId ? 'not sent: the task is no longer open (done, skipped, case closed), or its due date or assignee changed' : 'not sent: the obligation is no longer open (fulfilled, not applicable, case closed) or its deadline changed'));
        result.cancelled += 1;
        continue;
      }
      let error: string | null = null;
      let permanent = false;
      const sender = deps.senders[n.channel];
      if (!sender) error = `the ${n.channel} channel is not configured`;
      else {
        try {
          await sender.send(n);
        } catch (err) {
          error = errorText(err, deps.redact);
          permanent = err instanceof PermanentDeliveryError;
        }
      }
      const at = deps.clock.now();
      if (error === null) {
        await deps.uow.write((s) => s.notifications.markDelivered(n.id, at));
        result.delivered += 1;
        continue;
      }
      const attempt = n.attempts + 1;
      // A permanent refusal (SMTP 5xx, HTTP 4xx) ends the message at once: retrying cannot change it.
      if (permanent || attempt >= cfg.maxAttempts) {
        await deps.uow.write(async (s) => {
          const dead = await s.notifications.markFailed(n.id, { at, error: error! }, null);
          await s.audit.append({
            actor: systemActor, action: 'notification.dead', entityType: 'notification', entityId: n.id,
            after: { key: dead.key, channel: dead.channel, target: dead.target, attempts: dead.attempts, permanent, errors: dead.errors }, reason: error,
          });
        });
        result.dead += 1;
      } else {
        await deps.uow.write((s) => s.notifications.markFailed(n.id, { at, error: error! }, new Date(at.getTime() + retryDelayMs(attempt, cfg.retryBaseSeconds))));
        result.failed += 1;
      }
    }
  }
}

export function listNotifications(deps: Pick<NotifyDeps, 'uow'>, filter: { state?: NotificationState; limit?: number } = {}): Promise<NotificationRecord[]> {
  return deps.uow.read((s) => s.notifications.list({ ...(filter.state ? { state: filter.state } : {}), limit: filter.limit ?? 100 }));
}

/** A dead message back to pending (full attempts again), audited. */
export async function retryNotification(deps: Pick<NotifyDeps, 'uow' | 'clock'>, actor: Actor, id: string, reason: string | null = null): Promise<NotificationRecord> {
  return deps.uow.write(async (s) => {
    const before = await s.notifications.find(id);
    if (!before) throw new VigilError('NOTIFICATION_NOT_FOUND', `no notification '${id}'`, { notification: id });
    if (before.state !== 'dead') throw new VigilError('NOTIFICATION_NOT_DEAD', `notification ${id} is ${before.state}: only a dead one can be retried`, { notification: id, state: before.state });
    const after = (await s.notifications.requeue(id, deps.clock.now()))!;
    await s.audit.append({ actor, action: 'notification.retried', entityType: 'notification', entityId: id, before: { state: before.state, attempts: before.attempts, deadAt: before.deadAt }, after: { state: after.state, nextAttemptAt: after.nextAttemptAt }, reason });
    return after;
  });
}

/** Sends a test message now over one channel (no outbox row); throws NOTIFY_SEND_FAILED with the reason. */
export async function sendTestNotification(
  deps: Pick<DeliverDeps, 'clock' | 'ids' | 'senders' | 'redact' | 'notify'>,
  channel: NotificationChannel,
  target: string | null,
): Promise<{ channel: NotificationChannel; target: string }> {
  const sender = deps.senders[channel];
  const to = channel === 'webhook' ? deps.notify.webhookUrl : target;
  if (!sender || !to) throw new VigilError('NOTIFY_CHANNEL_NOT_CONFIGURED', channel === 'email' ? 'e-mail is not configured (set VIGIL_SMTP_HOST and VIGIL_SMTP_FROM)' : 'no webhook is configured (set VIGIL_WEBHOOK_URL)');
  const now = deps.clock.now().toISOString();
  const message = {
    id: deps.ids.uuid(),
    channel,
    target: to,
    subject: 'Vigil test notification',
    body: `This is a test message from Vigil, sent at ${now}.\nIf you received it, ${channel === 'email' ? 'e-mail' : 'the webhook'} reminders will reach you.\n`,
    payload: { type: 'test', sentAt: now },
  };
  try {
    await sender.send(message);
  } catch (err) {
    throw new VigilError('NOTIFY_SEND_FAILED', `the test ${channel === 'email' ? 'e-mail' : 'webhook'} was not delivered: ${errorText(err, deps.redact)}`, { channel });
  }
  return { channel, target: to };
}

import type { NotificationRecord, NotificationState, NotificationStore, PsirtRole, ReminderCandidate, StoredObligationStatus, TaskReminderCandidate, TaskStatus } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso, isoOrNull } from './rows.ts';

interface NotificationRow {
  id: string;
  key: string;
  channel: 'email' | 'webhook';
  target: string;
  subject: string;
  body: string;
  payload: unknown;
  case_id: string | null;
  obligation_id: string | null;
  task_id: string | null;
  created_at: Date;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  errors: Array<{ at: string; error: string }>;
  delivered_at: Date | null;
  dead_at: Date | null;
  cancelled_at: Date | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toRecord(r: NotificationRow): NotificationRecord {
  return {
    id: r.id,
    key: r.key,
    channel: r.channel,
    target: r.target,
    subject: r.subject,
    body: r.body,
    payload: r.payload,
    caseId: r.case_id,
    obligationId: r.obligation_id,
    taskId: r.task_id,
    state: r.delivered_at ? 'delivered' : r.dead_at ? 'dead' : r.cancelled_at ? 'cancelled' : 'pending',
    createdAt: iso(r.created_at),
    attempts: Number(r.attempts),
    nextAttemptAt: iso(r.next_attempt_at),
    lastError: r.last_error,
    errors: r.errors,
    deliveredAt: isoOrNull(r.delivered_at),
    deadAt: isoOrNull(r.dead_at),
    cancelledAt: isoOrNull(r.cancelled_at),
  };
}

const stateWhere: Record<NotificationState, string> = {
  pending: 'delivered_at IS NULL AND dead_at IS NULL AND cancelled_at IS NULL',
  delivered: 'delivered_at IS NOT NULL',
  dead: 'dead_at IS NOT NULL',
  cancelled: 'cancelled_at IS NOT NULL',
};

export function notificationRepository(q: Queryable): NotificationStore {
  return {
    async reminderCandidates() {
      const { rows } = await q.query<{
        id: string; obligation_key: string; title: string; citation: string; due_at: Date; trigger_at: string | null; time_zone: string; provisional: boolean;
        status: StoredObligationStatus; case_id: string; case_number: string | number; case_title: string; role_holders: Array<{ role: PsirtRole; email: string }>;
      }>(
        `SELECT o.id, o.obligation_key, o.title, o.citation, o.due_at, o.trigger->>'at' AS trigger_at, o.time_zone, o.provisional, o.status,
                c.id AS case_id, c.number AS case_number, c.title AS case_title,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('role', r.role, 'email', u.email) ORDER BY r.role, lower(u.email))
                          FROM case_roles r JOIN users u ON u.id = r.user_id
                          WHERE r.case_id = c.id AND u.disabled_at IS NULL), '[]'::jsonb) AS role_holders
         FROM case_obligations o JOIN cases c ON c.id = o.case_id
         WHERE c.status = 'open' AND o.status IN ('pending', 'due-soon', 'overdue') AND o.due_at IS NOT NULL
         ORDER BY o.due_at, o.id`,
      );
      return rows.map((r): ReminderCandidate => ({
        obligation: { id: r.id, key: r.obligation_key, title: r.title, citation: r.citation, dueAt: iso(r.due_at), triggerAt: r.trigger_at, timeZone: r.time_zone, provisional: r.provisional, status: r.status },
        case: { id: r.case_id, number: Number(r.case_number), title: r.case_title },
        roleHolders: r.role_holders,
      }));
    },
    async taskReminderCandidates() {
      const { rows } = await q.query<{
        id: string; title: string; role: PsirtRole | null; due_at: Date; created_at: Date; status: TaskStatus;
        assignee_id: string; assignee_email: string; assignee_name: string; assignee_disabled: boolean;
        case_id: string; case_number: string | number; case_title: string; time_zone: string | null; leads: Array<{ email: string }>;
      }>(
        `SELECT t.id, t.title, t.role, t.due_at, t.created_at, t.status,
                u.id AS assignee_id, u.email AS assignee_email, u.display_name AS assignee_name, (u.disabled_at IS NOT NULL) AS assignee_disabled,
                c.id AS case_id, c.number AS case_number, c.title AS case_title, c.facts->>'timeZone' AS time_zone,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('email', lu.email) ORDER BY lower(lu.email))
                          FROM case_roles r JOIN users lu ON lu.id = r.user_id
                          WHERE r.case_id = c.id AND r.role = 'lead' AND lu.disabled_at IS NULL), '[]'::jsonb) AS leads
         FROM case_tasks t JOIN cases c ON c.id = t.case_id JOIN users u ON u.id = t.assignee_id
         WHERE c.status = 'open' AND t.status = 'open' AND t.due_at IS NOT NULL
         ORDER BY t.due_at, t.id`,
      );
      return rows.map((r): TaskReminderCandidate => ({
        task: {
          id: r.id, title: r.title, role: r.role, dueAt: iso(r.due_at), createdAt: iso(r.created_at), status: r.status,
          assignee: { id: r.assignee_id, email: r.assignee_email, displayName: r.assignee_name, disabled: r.assignee_disabled },
        },
        case: { id: r.case_id, number: Number(r.case_number), title: r.case_title, timeZone: r.time_zone ?? 'UTC' },
        leads: r.leads,
      }));
    },
    async insertMany(items, at) {
      if (!items.length) return [];
      const { rows } = await q.query<{ key: string }>(
        `INSERT INTO notifications (id, key, channel, target, subject, body, payload, case_id, obligation_id, task_id, created_at, next_attempt_at)
         SELECT x.id, x.key, x.channel, x.target, x.subject, x.body, x.payload, x.case_id, x.obligation_id, x.task_id, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(i int, id uuid, key text, channel text, target text, subject text, body text, payload jsonb, case_id uuid, obligation_id uuid, task_id uuid)
         ORDER BY x.i
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [JSON.stringify(items.map((n, i) => ({ i, id: n.id, key: n.key, channel: n.channel, target: n.target, subject: n.subject, body: n.body, payload: n.payload ?? null, case_id: n.caseId, obligation_id: n.obligationId, task_id: n.taskId ?? null }))), at.toISOString()],
      );
      return rows.map((r) => r.key);
    },
    async claim(now, leaseUntil, limit) {
      const { rows } = await q.query<NotificationRow & { still_current: boolean }>(
        `WITH claimed AS (
           UPDATE notifications SET next_attempt_at = $2 WHERE id IN (
             SELECT id FROM notifications WHERE delivered_at IS NULL AND dead_at IS NULL AND cancelled_at IS NULL AND next_attempt_at <= $1
             ORDER BY next_attempt_at, created_at, key LIMIT $3 FOR UPDATE SKIP LOCKED)
           RETURNING *)
         SELECT claimed.*, (claimed.obligation_id IS NULL OR EXISTS (
           SELECT 1 FROM case_obligations o JOIN cases c ON c.id = o.case_id
           WHERE o.id = claimed.obligation_id AND c.status = 'open' AND o.status IN ('pending', 'due-soon', 'overdue')
             AND o.due_at IS NOT DISTINCT FROM COALESCE((claimed.payload->'obligation'->>'dueAt')::timestamptz, o.due_at)))
           AND (claimed.task_id IS NULL OR EXISTS (
           SELECT 1 FROM case_tasks t JOIN cases c ON c.id = t.case_id
           WHERE t.id = claimed.task_id AND c.status = 'open' AND t.status = 'open'
             AND t.due_at IS NOT DISTINCT FROM COALESCE((claimed.payload->'task'->>'dueAt')::timestamptz, t.due_at)
             AND t.assignee_id IS NOT DISTINCT FROM COALESCE((claimed.payload->'task'->'assignee'->>'id')::uuid, t.assignee_id))) AS still_current
         FROM claimed`,
        [now.toISOString(), leaseUntil.toISOString(), limit],
      );
      return rows
        .map((r) => ({ ...toRecord(r), stillCurrent: r.still_current }))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key));
    },
    async markDelivered(id, at) {
      await q.query('UPDATE notifications SET delivered_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1 AND delivered_at IS NULL', [id, at.toISOString()]);
    },
    async markCancelled(id, at, reason) {
      await q.query('UPDATE notifications SET cancelled_at = $2, last_error = $3 WHERE id = $1 AND delivered_at IS NULL AND dead_at IS NULL', [id, at.toISOString(), reason]);
    },
    async markFailed(id, attempt, next) {
      const { rows } = await q.query<NotificationRow>(
        `UPDATE notifications SET attempts = attempts + 1, last_error = $2::text,
           errors = errors || jsonb_build_array(jsonb_build_object('at', $3::text, 'error', $2::text)),
           next_attempt_at = COALESCE($4::timestamptz, next_attempt_at),
           dead_at = CASE WHEN $4::timestamptz IS NULL THEN $3::timestamptz END
         WHERE id = $1 RETURNING *`,
        [id, attempt.error, attempt.at.toISOString(), next?.toISOString() ?? null],
      );
      return toRecord(rows[0]!);
    },
    async find(id) {
      if (!uuidPattern.test(id)) return null;
      const { rows } = await q.query<NotificationRow>('SELECT * FROM notifications WHERE id = $1', [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async list(filter) {
      const where = filter.state ? stateWhere[filter.state] : 'TRUE';
      const { rows } = await q.query<NotificationRow>(`SELECT * FROM notifications WHERE ${where} ORDER BY created_at DESC, key LIMIT $1`, [filter.limit]);
      return rows.map(toRecord);
    },
    async requeue(id, at) {
      if (!uuidPattern.test(id)) return null;
      const { rows } = await q.query<NotificationRow>(
        'UPDATE notifications SET dead_at = NULL, attempts = 0, next_attempt_at = $2 WHERE id = $1 AND dead_at IS NOT NULL RETURNING *',
        [id, at.toISOString()],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
  };
}

import type { FastifyInstance } from 'fastify';
import { listNotifications, retryNotification } from '../../app/notifications.ts';
import type { NotificationRecord, NotificationState } from '../../app/ports.ts';
import { secretRedactor } from '../../runtime/notifications.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { requireAdmin } from '../auth.ts';
import { problemResponses, Type } from '../schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([Type.Null(), t]);

const NotificationSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  key: Type.String({ description: 'Idempotency key: obligation id (or `task:` and the task id), reminder point, due instant, channel and target' }),
  channel: Type.Union([Type.Literal('email'), Type.Literal('webhook')]),
  target: Type.String({ description: 'E-mail address or webhook URL' }),
  state: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead'), Type.Literal('cancelled')], { description: 'cancelled: not sent, the obligation was settled (or the task done or skipped) or its deadline moved first' }),
  subject: Type.String(),
  body: Type.String({ description: 'The e-mail text' }),
  payload: Type.Unknown({ description: 'Structured content (the webhook body’s data)' }),
  caseId: Nullable(Type.String()),
  obligationId: Nullable(Type.String()),
  taskId: Nullable(Type.String({ description: 'The case task a task reminder is about' })),
  createdAt: Type.String({ format: 'date-time' }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  lastError: Nullable(Type.String()),
  errors: Type.Array(Type.Object({ at: Type.String(), error: Type.String() }), { description: 'Every failed attempt, oldest first' }),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
  deadAt: Nullable(Type.String({ format: 'date-time' })),
  cancelledAt: Nullable(Type.String({ format: 'date-time' })),
});

export async function notificationRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  // Credentials in a webhook URL (https://user:pass@…) are not shown.
  const redact = secretRedactor(rt.config);
  const view = (n: NotificationRecord) => ({ ...n, target: redact(n.target) });
  app.get('/api/notifications', {
    schema: {
      tags: ['notifications'],
      summary: 'The notification outbox (reminders and escalations), newest first (administrators)',
      querystring: Type.Object({
        state: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead'), Type.Literal('cancelled')])),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(NotificationSchema) }), ...problemResponses },
    },
  }, async (request) => {
    await requireAdmin(rt, request, 'read the notification outbox');
    const q = request.query as { state?: NotificationState; limit?: number };
    return { items: (await listNotifications(rt, { ...(q.state ? { state: q.state } : {}), limit: q.limit ?? 100 })).map(view) };
  });

  app.post('/api/notifications/:id/retry', {
    schema: {
      tags: ['notifications'],
      summary: 'Send a dead notification again (dead → pending, attempts start over); audited (administrators)',
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
      body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false })),
      response: { 200: NotificationSchema, ...problemResponses },
    },
  }, async (request) => {
    const actor = await requireAdmin(rt, request, 'retry a notification');
    const b = (request.body ?? {}) as { reason?: string };
    return view(await retryNotification(rt, actor, (request.params as { id: string }).id, b.reason ?? null));
  });
}

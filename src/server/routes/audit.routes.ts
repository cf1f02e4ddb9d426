import type { FastifyInstance } from 'fastify';
import { verifyAuditTrail } from '../../app/audit.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { AuditEventSchema, problemResponses, Type } from '../schemas.ts';

export async function auditRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  app.get('/api/audit/events', {
    schema: {
      tags: ['audit'],
      summary: 'Audit events, newest first',
      querystring: Type.Object({
        entityType: Type.Optional(Type.String({ maxLength: 50 })),
        entityId: Type.Optional(Type.String({ maxLength: 100 })),
        beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Ref(AuditEventSchema)) }), ...problemResponses },
    },
  }, async (request) => {
    const q = request.query as { entityType?: string; entityId?: string; beforeSeq?: number; limit?: number };
    return { items: await rt.uow.read((s) => s.audit.list({ ...q, limit: q.limit ?? 100 })) };
  });

  app.get('/api/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Recompute the hash chain and report the first broken link',
      response: {
        200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), head: Type.String(), broken: Type.Union([Type.Null(), Type.Object({ seq: Type.Integer(), kind: Type.String(), message: Type.String() })]) }),
        ...problemResponses,
      },
    },
  }, async () => verifyAuditTrail(rt));
}

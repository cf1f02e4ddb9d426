import { chainEvent, createChainVerifier, GENESIS_HASH, type ChainBreak } from '../domain/audit/chain.ts';
import { actorRef, type AuditEventView, type AuditInput, type AuditStore, type Clock, type IdSource } from '../app/ports.ts';
import type { Queryable } from './db.ts';
import { iso } from './rows.ts';

interface AuditRow {
  seq: number;
  id: string;
  occurred_at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** Lock that serialises appends so that the chain has one head (transaction-scoped). */
const AUDIT_LOCK = 727275;

/** Round-trips a value through JSON so the hash covers exactly what jsonb will give back. */
function plain(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

function toView(r: AuditRow): AuditEventView {
  return {
    seq: Number(r.seq),
    id: r.id,
    occurredAt: iso(r.occurred_at),
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    reason: r.reason,
    hash: r.hash,
  };
}

export function auditRepository(q: Queryable, deps: { clock: Clock; ids: IdSource }): AuditStore {
  return {
    async append(input: AuditInput) {
      await q.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      const { rows } = await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
      const prev = rows[0];
      const event = chainEvent(prev?.hash ?? GENESIS_HASH, {
        seq: prev ? Number(prev.seq) + 1 : 1,
        id: deps.ids.uuid(),
        occurredAt: deps.clock.now().toISOString(),
        actor: actorRef(input.actor),
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId,
        before: plain(input.before),
        after: plain(input.after),
        reason: input.reason ?? null,
      });
      await q.query(
        `INSERT INTO audit_events (seq, id, occurred_at, actor, action, entity_type, entity_id, before, after, reason, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [event.seq, event.id, event.occurredAt, event.actor, event.action, event.entityType, event.entityId,
          event.before === null ? null : JSON.stringify(event.before), event.after === null ? null : JSON.stringify(event.after),
          event.reason, event.prevHash, event.hash],
      );
      return { ...event, before: event.before, after: event.after };
    },

    async verify(onProgress) {
      const verifier = createChainVerifier();
      let broken: ChainBreak | null = null;
      let after = 0;
      const page = 2000;
      for (;;) {
        const { rows } = await q.query<AuditRow>('SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2', [after, page]);
        for (const r of rows) {
          const v = toView(r);
          broken = verifier.next({ ...v, prevHash: r.prev_hash, hash: r.hash });
          if (broken) break;
        }
        onProgress?.(verifier.checked);
        if (broken || rows.length < page) break;
        after = Number(rows[rows.length - 1]!.seq);
      }
      return { checked: verifier.checked, head: verifier.head, broken };
    },

    async list(filter) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.entityType) where.push(`entity_type = $${params.push(filter.entityType)}`);
      if (filter.entityId) where.push(`entity_id = $${params.push(filter.entityId)}`);
      if (filter.beforeSeq) where.push(`seq < $${params.push(filter.beforeSeq)}`);
      const { rows } = await q.query<AuditRow>(
        `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.push(filter.limit)}`,
        params,
      );
      return rows.map(toView);
    },
  };
}

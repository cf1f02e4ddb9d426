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
  async function appendMany(inputs: readonly AuditInput[]): Promise<AuditEventView[]> {
    if (inputs.length === 0) return [];
    await q.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const { rows } = await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    let prev = rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : { seq: 0, hash: GENESIS_HASH };
    const occurredAt = deps.clock.now().toISOString();
    const events = inputs.map((input) => {
      const event = chainEvent(prev.hash, {
        seq: prev.seq + 1,
        id: deps.ids.uuid(),
        occurredAt,
        actor: actorRef(input.actor),
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId,
        before: plain(input.before),
        after: plain(input.after),
        reason: input.reason ?? null,
      });
      prev = { seq: event.seq, hash: event.hash };
      return event;
    });
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    // One statement for the whole chain segment (a reminder scan audits thousands of points).
    await q.query(
      `INSERT INTO audit_events (seq, id, occurred_at, actor, action, entity_type, entity_id, before, after, reason, prev_hash, hash)
       SELECT x.seq, x.id, x.occurred_at, x.actor, x.action, x.entity_type, x.entity_id, x.before::jsonb, x.after::jsonb, x.reason, x.prev_hash, x.hash
       FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
         AS x(seq, id, occurred_at, actor, action, entity_type, entity_id, before, after, reason, prev_hash, hash)
       ORDER BY x.seq`,
      [events.map((e) => e.seq), events.map((e) => e.id), events.map((e) => e.occurredAt), events.map((e) => e.actor), events.map((e) => e.action),
        events.map((e) => e.entityType), events.map((e) => e.entityId), events.map((e) => json(e.before)), events.map((e) => json(e.after)),
        events.map((e) => e.reason), events.map((e) => e.prevHash), events.map((e) => e.hash)],
    );
    return events.map((event) => ({ ...event, before: event.before, after: event.after }));
  }

  return {
    async append(input: AuditInput) {
      const [event] = await appendMany([input]);
      return event!;
    },

    appendMany,

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

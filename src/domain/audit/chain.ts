/**
 * The audit trail's hash chain. Each event's hash covers its content and the previous event's
 * hash, so changing, removing or reordering any stored event breaks every later link.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventContent {
  readonly seq: number;
  readonly id: string;
  /** ISO 8601 instant with milliseconds. */
  readonly occurredAt: string;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
}

export interface ChainedAuditEvent extends AuditEventContent {
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every depth: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashAuditEvent(prevHash: string, event: AuditEventContent): string {
  const body = canonicalJson({
    seq: event.seq,
    id: event.id,
    occurredAt: event.occurredAt,
    actor: event.actor,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
    reason: event.reason,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export function chainEvent(prevHash: string, event: AuditEventContent): ChainedAuditEvent {
  return { ...event, prevHash, hash: hashAuditEvent(prevHash, event) };
}

export type ChainBreak =
  | { readonly seq: number; readonly kind: 'gap'; readonly message: string }
  | { readonly seq: number; readonly kind: 'prev-hash-mismatch'; readonly message: string }
  | { readonly seq: number; readonly kind: 'hash-mismatch'; readonly message: string };

/**
 * Checks events in sequence order against the chain. Feed every stored event, in order, to
 * `next`; it returns the first break found (and keeps returning it), or null while intact.
 */
export function createChainVerifier() {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let broken: ChainBreak | null = null;
  let checked = 0;
  return {
    next(event: ChainedAuditEvent): ChainBreak | null {
      if (broken) return broken;
      if (event.seq !== expectedSeq) {
        broken = { seq: expectedSeq, kind: 'gap', message: `event #${expectedSeq} is missing (found #${event.seq} next)` };
      } else if (event.prevHash !== prev) {
        broken = { seq: event.seq, kind: 'prev-hash-mismatch', message: `event #${event.seq} does not link to event #${event.seq - 1}: it names the previous hash ${event.prevHash.slice(0, 12)}…, the chain has ${prev.slice(0, 12)}…` };
      } else if (hashAuditEvent(prev, event) !== event.hash) {
        broken = { seq: event.seq, kind: 'hash-mismatch', message: `event #${event.seq} (${event.action} ${event.entityType} ${event.entityId}) was altered: its content no longer matches its hash` };
      } else {
        prev = event.hash;
        expectedSeq += 1;
        checked += 1;
      }
      return broken;
    },
    get checked() {
      return checked;
    },
    get head() {
      return prev;
    },
  };
}

import { describe, expect, it } from 'vitest';
import { canonicalJson, chainEvent, createChainVerifier, GENESIS_HASH, type ChainedAuditEvent } from './chain.ts';

function build(n: number): ChainedAuditEvent[] {
  const out: ChainedAuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = chainEvent(prev, {
      seq: i,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurredAt: `2026-01-0${i}T00:00:00.000Z`,
      actor: 'user:alice',
      action: 'product.created',
      entityType: 'product',
      entityId: `p${i}`,
      before: null,
      after: { name: `Pump ${i}`, markets: ['US', 'EU'] },
      reason: null,
    });
    out.push(e);
    prev = e.hash;
  }
  return out;
}

function verify(events: ChainedAuditEvent[]) {
  const v = createChainVerifier();
  let result = null;
  for (const e of events) result = v.next(e);
  return { result, checked: v.checked };
}

describe('audit hash chain', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('an intact chain verifies', () => {
    expect(verify(build(5))).toEqual({ result: null, checked: 5 });
  });

  it('detects an altered event and names it', () => {
    const events = build(5);
    events[2] = { ...events[2]!, after: { name: 'Pump 3 (edited)', markets: ['US', 'EU'] } };
    const { result } = verify(events);
    expect(result).toMatchObject({ seq: 3, kind: 'hash-mismatch' });
  });

  it('detects a removed event', () => {
    const events = build(5);
    events.splice(1, 1);
    expect(verify(events).result).toMatchObject({ seq: 2, kind: 'gap' });
  });

  it('detects a re-hashed event by the broken link that follows', () => {
    const events = build(4);
    const forged = chainEvent(events[0]!.hash, { ...events[1]!, reason: 'forged' });
    events[1] = forged;
    expect(verify(events).result).toMatchObject({ seq: 3, kind: 'prev-hash-mismatch' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test/support/test-runtime.ts';
import { verifyAuditTrail } from '../app/audit.ts';
import { createProduct, createRelease } from '../app/inventory.ts';
import type { Actor } from '../app/ports.ts';

const actor: Actor = { kind: 'user', id: 'u1', label: 'lead@example.com' };
let t: TestRuntime;

beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.close());

describe('audit trail', () => {
  it('verifies on a fresh database', async () => {
    expect(await verifyAuditTrail(t.rt)).toMatchObject({ ok: true, checked: 0, broken: null });
  });

  it('records who, when, what, before/after and reason for every write', async () => {
    const p = await createProduct(t.rt, actor, { name: 'Audit Pump', manufacturer: 'Acme', markets: ['EU'] }, 'new device line');
    await createRelease(t.rt, actor, p.id, { version: '1.0.0' });
    t.clock.advance(60_000);
    await createRelease(t.rt, actor, p.id, { version: '1.1.0' });
    const events = await t.rt.uow.read((s) => s.audit.list({ limit: 10 }));
    expect(events.map((e) => e.action)).toEqual(['release.created', 'release.created', 'product.created']);
    const created = events[2]!;
    expect(created).toMatchObject({ actor: 'user:lead@example.com', entityType: 'product', entityId: p.id, reason: 'new device line', before: null });
    expect(created.after).toMatchObject({ name: 'Audit Pump', markets: ['EU'] });
    expect(events[0]!.occurredAt).toBe('2026-03-02T09:01:00.000Z');
    expect(await verifyAuditTrail(t.rt)).toMatchObject({ ok: true, checked: 3 });
  });

  it('appends several events in one go, chained in order, exactly as one by one would', async () => {
    const before = await t.rt.uow.read((s) => s.audit.list({ limit: 1 }));
    const written = await t.rt.uow.write((s) =>
      s.audit.appendMany([
        { actor, action: 'batch.one', entityType: 'thing', entityId: 'a', after: { n: 1, nested: { z: 1, a: [null, 'x'] } } },
        { actor, action: 'batch.two', entityType: 'thing', entityId: 'b', before: { n: 1 }, after: null, reason: 'second' },
        { actor, action: 'batch.three', entityType: 'thing', entityId: 'c' },
      ]),
    );
    expect(written.map((e) => e.seq)).toEqual([1, 2, 3].map((k) => before[0]!.seq + k));
    const listed = await t.rt.uow.read((s) => s.audit.list({ limit: 3 }));
    expect(listed.map((e) => [e.action, e.hash])).toEqual([...written].reverse().map((e) => [e.action, e.hash]));
    expect(listed[1]).toMatchObject({ before: { n: 1 }, after: null, reason: 'second' });
    expect(await t.rt.uow.write((s) => s.audit.appendMany([]))).toEqual([]);
    expect(await verifyAuditTrail(t.rt)).toMatchObject({ ok: true, checked: before[0]!.seq + 3 });
  });

  it('refuses UPDATE and DELETE on the audit table', async () => {
    await expect(t.rt.db.query(`UPDATE audit_events SET reason = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.rt.db.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('detects a row tampered with by someone who bypasses the trigger', async () => {
    await t.rt.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`UPDATE audit_events SET after = jsonb_set(after, '{version}', '"9.9.9"') WHERE seq = 2`);
    });
    const r = await verifyAuditTrail(t.rt);
    expect(r.ok).toBe(false);
    expect(r.broken).toMatchObject({ seq: 2, kind: 'hash-mismatch' });
    expect(r.checked).toBe(1);
  });

  it('detects a deleted row', async () => {
    await t.rt.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`DELETE FROM audit_events WHERE seq = 1`);
    });
    expect((await verifyAuditTrail(t.rt)).broken).toMatchObject({ seq: 1, kind: 'gap' });
  });
});

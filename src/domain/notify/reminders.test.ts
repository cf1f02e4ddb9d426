import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy, currentPoint, defaultReminderPolicy, formatTimeLeft, notificationKey, reminderMessage, reminderPoints, retryDelayMs, type ReminderPolicy } from './reminders.ts';

const H = 3_600_000;
const t0 = Date.parse('2026-03-02T10:00:00Z');

describe('reminder points', () => {
  it('plans 50 %, 80 %, 24 h before, at due and daily escalations', () => {
    const points = reminderPoints({ triggerAt: t0, dueAt: t0 + 10 * 24 * H }, defaultReminderPolicy);
    expect(points.map((p) => [p.id, new Date(p.at).toISOString(), p.level])).toEqual([
      ['p50', '2026-03-07T10:00:00.000Z', 'reminder'],
      ['p80', '2026-03-10T10:00:00.000Z', 'reminder'],
      ['before-24h', '2026-03-11T10:00:00.000Z', 'reminder'],
      ['overdue', '2026-03-12T10:00:00.000Z', 'escalation'],
      ...[1, 2, 3, 4, 5, 6, 7].map((k) => [`overdue-${k}`, new Date(t0 + (10 + k) * 24 * H).toISOString(), 'escalation']),
    ]);
  });

  it('drops a before-due point that falls before the trigger, and merges points at one instant', () => {
    // 24 h period: 24 h before due is the trigger itself.
    expect(reminderPoints({ triggerAt: t0, dueAt: t0 + 24 * H }, { ...defaultReminderPolicy, overdueRepeatHours: 0 }).map((p) => p.id)).toEqual(['p50', 'p80', 'overdue']);
    // 48 h period: 50 % and 24 h before are the same instant; one message.
    expect(reminderPoints({ triggerAt: t0, dueAt: t0 + 48 * H }, { ...defaultReminderPolicy, overdueMaxRepeats: 1 }).map((p) => p.id)).toEqual(['before-24h', 'p80', 'overdue', 'overdue-1']);
  });

  it('without a trigger keeps only the before-due and overdue points; without a due instant, none', () => {
    expect(reminderPoints({ triggerAt: null, dueAt: t0 }, { ...defaultReminderPolicy, overdueMaxRepeats: 0 }).map((p) => p.id)).toEqual(['before-24h', 'overdue']);
    expect(reminderPoints({ triggerAt: t0, dueAt: null }, defaultReminderPolicy)).toEqual([]);
  });

  it('sends the latest point due now, never for a closed obligation', () => {
    const o = { id: 'o1', triggerAt: t0, dueAt: t0 + 10 * 24 * H, status: 'pending' as const };
    expect(currentPoint(o, defaultReminderPolicy, t0 + 4 * 24 * H)).toBeNull();
    expect(currentPoint(o, defaultReminderPolicy, t0 + 5 * 24 * H)?.id).toBe('p50');
    // A run missed from before 50 % to after 80 %: only the 80 % point goes out.
    expect(currentPoint(o, defaultReminderPolicy, t0 + 8.5 * 24 * H)?.id).toBe('p80');
    expect(currentPoint(o, defaultReminderPolicy, t0 + 12 * 24 * H)?.id).toBe('overdue-2');
    expect(currentPoint(o, defaultReminderPolicy, t0 + 100 * 24 * H)?.id).toBe('overdue-7');
    expect(currentPoint({ ...o, status: 'fulfilled' }, defaultReminderPolicy, t0 + 12 * 24 * H)).toBeNull();
    expect(currentPoint({ ...o, status: 'not-applicable' }, defaultReminderPolicy, t0 + 12 * 24 * H)).toBeNull();
  });

  it('rejects bad policies', () => {
    expect(() => checkPolicy({ ...defaultReminderPolicy, fractions: [1.2] })).toThrow(/between 0 and 1/);
    expect(() => checkPolicy({ ...defaultReminderPolicy, beforeDueHours: [-1] })).toThrow(/positive/);
    expect(() => checkPolicy({ ...defaultReminderPolicy, overdueMaxRepeats: -1 })).toThrow(/≥ 0/);
    expect(checkPolicy(defaultReminderPolicy)).toBe(defaultReminderPolicy);
  });

  const policyArb: fc.Arbitrary<ReminderPolicy> = fc.record({
    fractions: fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { maxLength: 4 }),
    beforeDueHours: fc.array(fc.integer({ min: 1, max: 24 * 30 }), { maxLength: 4 }),
    overdueRepeatHours: fc.integer({ min: 0, max: 72 }),
    overdueMaxRepeats: fc.integer({ min: 0, max: 10 }),
  });
  const obligationArb = fc.record({
    triggerAt: fc.option(fc.integer({ min: t0, max: t0 + 365 * 24 * H }), { nil: null }),
    period: fc.integer({ min: 60_000, max: 120 * 24 * H }),
  });

  it('property: ordered, unique, never after due except overdue ones, within the period', () => {
    fc.assert(
      fc.property(obligationArb, policyArb, ({ triggerAt, period }, policy) => {
        const dueAt = (triggerAt ?? t0) + period;
        const points = reminderPoints({ triggerAt, dueAt }, policy);
        const ids = points.map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (let i = 1; i < points.length; i += 1) expect(points[i]!.at).toBeGreaterThanOrEqual(points[i - 1]!.at);
        for (const p of points) {
          if (p.level === 'reminder') {
            expect(p.at).toBeLessThan(dueAt);
            if (triggerAt !== null) expect(p.at).toBeGreaterThanOrEqual(triggerAt);
          } else expect(p.at).toBeGreaterThanOrEqual(dueAt);
        }
        expect(points.filter((p) => p.level === 'escalation')).toHaveLength(1 + (policy.overdueRepeatHours > 0 ? policy.overdueMaxRepeats : 0));
      }),
    );
  });

  it('property: scanning at any sequence of instants sends each point at most once, and the last point due', () => {
    fc.assert(
      fc.property(obligationArb, policyArb, fc.array(fc.integer({ min: 0, max: 200 * 24 * H }), { minLength: 1, maxLength: 30 }), ({ triggerAt, period }, policy, offsets) => {
        const o = { id: 'o', triggerAt, dueAt: (triggerAt ?? t0) + period, status: 'pending' as const };
        const sent: string[] = [];
        const scans = [...offsets].sort((a, b) => a - b).map((d) => (triggerAt ?? t0) + d);
        let lastSentAt = -Infinity;
        for (const now of scans) {
          const p = currentPoint(o, policy, now);
          if (p && !sent.includes(p.id)) {
            // A point goes out only once, and never one older than one already sent.
            expect(p.at).toBeGreaterThanOrEqual(lastSentAt);
            lastSentAt = p.at;
            sent.push(p.id);
          }
        }
        expect(new Set(sent).size).toBe(sent.length);
        const last = currentPoint(o, policy, scans.at(-1)!);
        if (last) expect(sent.at(-1)).toBe(last.id);
      }),
    );
  });
});

describe('reminder messages', () => {
  it('names the case, obligation, citation, due instant in the zone and UTC, time left and the link', () => {
    const dueAt = Date.parse('2026-03-25T03:59:59.999Z');
    const m = reminderMessage({
      case: { id: 'c1', number: 7, title: 'Pump telemetry exposure' },
      obligation: { id: 'o1', key: 'fda-806-report', title: 'Report of correction (21 CFR 806)', citation: '21 CFR 806.10', dueAt, timeZone: 'America/New_York', provisional: false },
      point: { id: 'p80', at: 0, level: 'reminder', label: '80 % of the period' },
      caseUrl: 'https://vigil.example/cases/7',
      now: dueAt - (2 * 24 + 3) * H,
    });
    expect(m.subject).toBe('[Reminder] Case 7: Report of correction (21 CFR 806) — due 2026-03-24 23:59 America/New_York');
    expect(m.text).toContain('Due:         2026-03-24T23:59:59.999-04:00 (America/New_York)');
    expect(m.text).toContain('Due (UTC):   2026-03-25T03:59:59.999Z');
    expect(m.text).toContain('Time left:   2d 3h left');
    expect(m.text).toContain('Citation:    21 CFR 806.10');
    expect(m.text).toContain('https://vigil.example/cases/7');
    expect(m.data).toMatchObject({ type: 'obligation.reminder', point: 'p80', case: { number: 7 }, obligation: { key: 'fda-806-report', dueAt: '2026-03-25T03:59:59.999Z' } });
    const late = reminderMessage({ ...{ case: { id: 'c1', number: 7, title: 'T' }, caseUrl: 'u', obligation: { id: 'o1', key: 'k', title: 'X', citation: 'c', dueAt, timeZone: 'UTC', provisional: true } }, point: { id: 'overdue', at: dueAt, level: 'escalation', label: 'escalation at due' }, now: dueAt + 90 * 60_000 });
    expect(late.subject).toBe('[OVERDUE] Case 7: X — was due 2026-03-25 03:59 UTC');
    expect(late.text).toContain('Time left:   overdue by 1h 30m');
    expect(late.data.type).toBe('obligation.overdue');
  });

  it('keys, time left and backoff', () => {
    expect(notificationKey('o1', 'p50', 1774929599999, 'email', 'Ann@Example.com')).toBe('o1:p50:1774929599999:email:ann@example.com');
    expect(formatTimeLeft(-(26 * H))).toBe('-1d 2h');
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 60))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(30, 60)).toBe(6 * 3600 * 1000);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTaskPolicy, currentTaskPoint, defaultTaskReminderPolicy, taskNotificationKey, taskReminderMessage, taskReminderPoints } from './task-reminders.ts';

const H = 3_600_000;
const created = Date.parse('2026-03-02T10:00:00Z');

describe('task reminder points', () => {
  it('plans 24 h before due, the overdue notice at due and daily escalations, 7 at most', () => {
    const points = taskReminderPoints({ createdAt: created, dueAt: created + 7 * 24 * H }, defaultTaskReminderPolicy);
    expect(points.map((p) => [p.id, new Date(p.at).toISOString(), p.kind])).toEqual([
      ['before-24h', '2026-03-08T10:00:00.000Z', 'reminder'],
      ['overdue', '2026-03-09T10:00:00.000Z', 'overdue'],
      ...[1, 2, 3, 4, 5, 6, 7].map((k) => [`overdue-${k}`, new Date(created + (7 + k) * 24 * H).toISOString(), 'escalation']),
    ]);
    expect(points.map((p) => p.label).slice(0, 3)).toEqual(['24 h before due', 'overdue notice at due', 'escalation 1 after due']);
  });

  it('drops a before-due point at or before the task was created; configurable offsets and limits', () => {
    // A task created 12 h before due: no "due in 24 h" notice, the overdue notice still comes.
    expect(taskReminderPoints({ createdAt: created, dueAt: created + 12 * H }, { ...defaultTaskReminderPolicy, overdueMaxRepeats: 0 }).map((p) => p.id)).toEqual(['overdue']);
    expect(taskReminderPoints({ createdAt: created, dueAt: created + 24 * H }, { beforeDueHours: [48, 4], overdueRepeatHours: 0, overdueMaxRepeats: 7 }).map((p) => p.id)).toEqual(['before-4h', 'overdue']);
    expect(taskReminderPoints({ createdAt: created, dueAt: null }, defaultTaskReminderPolicy)).toEqual([]);
    expect(() => checkTaskPolicy({ beforeDueHours: [0], overdueRepeatHours: 24, overdueMaxRepeats: 1 })).toThrow(/hours before due/);
  });

  it('sends the latest point due now, and nothing for a done or skipped task', () => {
    const t = { id: 't1', createdAt: created, dueAt: created + 3 * 24 * H, status: 'open' as const };
    expect(currentTaskPoint(t, defaultTaskReminderPolicy, created + 2 * 24 * H - 1)).toBeNull();
    expect(currentTaskPoint(t, defaultTaskReminderPolicy, created + 2 * 24 * H)?.id).toBe('before-24h');
    expect(currentTaskPoint(t, defaultTaskReminderPolicy, created + 3 * 24 * H)?.id).toBe('overdue');
    expect(currentTaskPoint(t, defaultTaskReminderPolicy, created + 5.5 * 24 * H)?.id).toBe('overdue-2');
    expect(currentTaskPoint(t, defaultTaskReminderPolicy, created + 100 * 24 * H)?.id).toBe('overdue-7');
    expect(currentTaskPoint({ ...t, status: 'done' }, defaultTaskReminderPolicy, created + 3 * 24 * H)).toBeNull();
    expect(currentTaskPoint({ ...t, status: 'skipped' }, defaultTaskReminderPolicy, created + 3 * 24 * H)).toBeNull();
  });

  it('property: the current point only moves forward in time, so each point is sent at most once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 30 }), (dueHours, scanHours) => {
        const t = { id: 't', createdAt: created, dueAt: created + dueHours * H, status: 'open' as const };
        let last = -Infinity;
        const sent = new Set<string>();
        for (const h of [...scanHours].sort((a, b) => a - b)) {
          const p = currentTaskPoint(t, defaultTaskReminderPolicy, created + h * H);
          if (!p) continue;
          expect(p.at).toBeGreaterThanOrEqual(last);
          last = p.at;
          sent.add(p.id);
        }
        const ids = taskReminderPoints(t, defaultTaskReminderPolicy).map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of sent) expect(ids).toContain(id);
      }),
    );
  });

  it('keys carry the due instant: a moved due date gives new keys', () => {
    expect(taskNotificationKey('t1', 'overdue', 1000, 'email', 'A@Example.test')).toBe('task:t1:overdue:1000:email:a@example.test');
    expect(taskNotificationKey('t1', 'overdue', 2000, 'email', 'a@example.test')).not.toBe(taskNotificationKey('t1', 'overdue', 1000, 'email', 'a@example.test'));
  });
});

describe('task reminder message', () => {
  const dueAt = Date.parse('2026-03-10T16:00:00Z');
  const base = {
    case: { id: 'c1', number: 12, title: 'Pump telemetry exposure', timeZone: 'America/New_York' },
    task: { id: 't1', title: 'Assess the patient-safety impact', role: 'clinical', dueAt, assignee: { id: 'u1', email: 'clin@example.test', displayName: 'Dr Clin' } },
    caseUrl: 'https://vigil.example.test/cases/12',
  };

  it('a reminder names the case, task, role, assignee, due in the case zone and in UTC, and links the case', () => {
    const point = taskReminderPoints({ createdAt: created, dueAt }, defaultTaskReminderPolicy)[0]!;
    const m = taskReminderMessage({ ...base, point, now: point.at });
    expect(m.subject).toBe('[Task reminder] Case 12: Assess the patient-safety impact — due 2026-03-10 12:00 America/New_York');
    expect(m.text).toContain('Case:        12 — Pump telemetry exposure\nTask:        Assess the patient-safety impact\nRole:        clinical\nAssignee:    Dr Clin <clin@example.test>');
    expect(m.text).toContain('Due:         2026-03-10T12:00:00-04:00 (America/New_York)\nDue (UTC):   2026-03-10T16:00:00.000Z\nTime left:   1d 0h left');
    expect(m.text).toContain('Open the case: https://vigil.example.test/cases/12');
    expect(m.data).toMatchObject({ type: 'task.reminder', point: 'before-24h', case: { number: 12, url: base.caseUrl }, task: { id: 't1', role: 'clinical', dueAt: '2026-03-10T16:00:00.000Z', dueLocal: '2026-03-10T12:00:00-04:00', timeZone: 'America/New_York' } });
  });

  it('the overdue notice and escalations are task.overdue', () => {
    const points = taskReminderPoints({ createdAt: created, dueAt }, defaultTaskReminderPolicy);
    const atDue = taskReminderMessage({ ...base, point: points[1]!, now: dueAt });
    expect(atDue.subject).toBe('[Task OVERDUE] Case 12: Assess the patient-safety impact — was due 2026-03-10 12:00 America/New_York');
    expect(atDue.text.split('\n')[0]).toBe('A task of case 12 assigned to Dr Clin is overdue.');
    expect(atDue.data.type).toBe('task.overdue');
    const esc = taskReminderMessage({ ...base, point: points[2]!, now: points[2]!.at });
    expect(esc.text.split('\n')[0]).toBe('Escalation to the case lead (escalation 1 after due): a task of case 12 assigned to Dr Clin is overdue.');
    expect(esc.text).toContain('Time left:   overdue by 1d 0h');
    expect(esc.data).toMatchObject({ type: 'task.overdue', point: 'overdue-1', timeLeftMs: -24 * H });
  });
});

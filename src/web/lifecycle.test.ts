import { describe, expect, it } from 'vitest';
import { PSIRT_ROLES } from './api.ts';
import type { Problem } from './api.ts';
import {
  assignRole,
  countOverdueTasks,
  linksByType,
  notificationCase,
  parseNotificationState,
  openObligationsOf,
  packSwitches,
  parseDateList,
  parsePlaybookOverrides,
  setSetting,
  setSwitch,
  settingsProblemsBySection,
  sortTasksByDue,
  taskDueState,
  userLabel,
} from './lifecycle.ts';

const now = Date.parse('2026-03-15T12:00:00Z');

describe('closing with open obligations', () => {
  it('reads the open obligations out of a CASE_OBLIGATIONS_OPEN problem', () => {
    const problem: Problem = {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'CASE_OBLIGATIONS_OPEN',
      errors: [
        { path: 'obligations.fda-806-report', message: 'overdue, due 2026-03-01T04:59:59.999Z' },
        { path: 'obligations.fda-post16-customer-communication', message: 'pending' },
      ],
    };
    expect(openObligationsOf(problem)).toEqual([
      { key: 'fda-806-report', detail: 'overdue, due 2026-03-01T04:59:59.999Z', status: 'overdue', dueAt: '2026-03-01T04:59:59.999Z' },
      { key: 'fda-post16-customer-communication', detail: 'pending', status: 'pending', dueAt: null },
    ]);
  });
  it('gives nothing for other problems', () => {
    expect(openObligationsOf(null)).toEqual([]);
    expect(openObligationsOf({ type: 'x', title: 'x', status: 422, code: 'VALIDATION_FAILED', errors: [{ path: 'obligations.x', message: 'y' }] })).toEqual([]);
  });
});

describe('roles', () => {
  it('replaces the holder of one role and keeps the canonical order', () => {
    const roles = [{ role: 'engineer' as const, userId: 'e' }, { role: 'lead' as const, userId: 'l' }];
    expect(assignRole(roles, 'analyst', 'a', PSIRT_ROLES)).toEqual([
      { role: 'lead', userId: 'l' },
      { role: 'analyst', userId: 'a' },
      { role: 'engineer', userId: 'e' },
    ]);
    expect(assignRole(roles, 'lead', 'x', PSIRT_ROLES)).toEqual([{ role: 'lead', userId: 'x' }, { role: 'engineer', userId: 'e' }]);
    expect(assignRole(roles, 'lead', null, PSIRT_ROLES)).toEqual([{ role: 'engineer', userId: 'e' }]);
    expect(roles).toHaveLength(2);
  });
  it('labels users by display name and e-mail', () => {
    expect(userLabel({ email: 'a@x.org', displayName: 'Ana' })).toBe('Ana <a@x.org>');
    expect(userLabel({ email: 'a@x.org', displayName: '' })).toBe('a@x.org');
    expect(userLabel(null)).toBe('Nobody');
  });
});

describe('tasks', () => {
  const t = (id: string, dueAt: string | null, status: 'open' | 'done' | 'skipped' = 'open', title = id) => ({ id, dueAt, status, title });
  it('classifies due dates', () => {
    expect(taskDueState(t('a', '2026-03-15T11:59:00Z'), now)).toBe('overdue');
    expect(taskDueState(t('a', '2026-03-16T11:00:00Z'), now)).toBe('due-soon');
    expect(taskDueState(t('a', '2026-03-16T13:00:00Z'), now)).toBe('scheduled');
    expect(taskDueState(t('a', null), now)).toBe('none');
    expect(taskDueState(t('a', '2026-03-01T00:00:00Z', 'done'), now)).toBe('closed');
  });
  it('counts open overdue tasks only', () => {
    expect(countOverdueTasks([t('a', '2026-03-01T00:00:00Z'), t('b', '2026-03-01T00:00:00Z', 'skipped'), t('c', '2026-04-01T00:00:00Z'), t('d', null)], now)).toBe(1);
  });
  it('sorts by due date, those without one last, then by title', () => {
    const sorted = sortTasksByDue([t('1', null, 'open', 'Zeta'), t('2', '2026-03-20T00:00:00Z', 'open', 'B'), t('3', '2026-03-20T00:00:00Z', 'open', 'A'), t('4', '2026-03-16T00:00:00Z')]);
    expect(sorted.map((x) => x.id)).toEqual(['4', '3', '2', '1']);
  });
  it('groups links by type', () => {
    expect(linksByType([{ type: 'finding', id: '7' }, { type: 'product', id: 'p' }, { type: 'finding', id: '9' }])).toEqual({ product: ['p'], release: [], finding: ['7', '9'] });
  });
});

describe('clock settings form', () => {
  it('parses date lists, sorted and unique, and reports what is no date', () => {
    expect(parseDateList('2025-12-26\n2025-12-24, 2025-12-24 2025-02-30 tomorrow')).toEqual({ dates: ['2025-12-24', '2025-12-26'], invalid: ['2025-02-30', 'tomorrow'] });
    expect(parseDateList('  ')).toEqual({ dates: [], invalid: [] });
  });
  it('lists pack switches from the engine and the document', () => {
    const known = [{ id: 'hipaa', enabled: true }, { id: 'eu-nis2', enabled: false }, { id: 'fda-postmarket', enabled: true }];
    expect(packSwitches({ packs: { hipaa: { enabled: false }, 'us-circia': { enabled: true } } }, known)).toEqual([
      { id: 'eu-nis2', enabled: false, overridden: false },
      { id: 'fda-postmarket', enabled: true, overridden: false },
      { id: 'hipaa', enabled: false, overridden: true },
      { id: 'us-circia', enabled: true, overridden: true },
    ]);
  });
  it('sets and clears switches and settings without touching the input', () => {
    const doc = { dueSoonHours: 48 };
    const off = setSwitch(doc, 'packs', 'hipaa', false);
    expect(off).toEqual({ dueSoonHours: 48, packs: { hipaa: { enabled: false } } });
    expect(setSwitch(off, 'packs', 'hipaa', null)).toEqual({ dueSoonHours: 48 });
    expect(setSwitch(off, 'rules', 'fda-806-report', true)).toEqual({ dueSoonHours: 48, packs: { hipaa: { enabled: false } }, rules: { 'fda-806-report': { enabled: true } } });
    expect(setSetting(doc, 'dueSoonHours', undefined)).toEqual({});
    expect(setSetting(doc, 'euWeekendExtension', true)).toEqual({ dueSoonHours: 48, euWeekendExtension: true });
    expect(doc).toEqual({ dueSoonHours: 48 });
  });
  it('parses playbook overrides', () => {
    expect(parsePlaybookOverrides('')).toEqual({ ok: true, value: undefined });
    expect(parsePlaybookOverrides('{"vulnerability-response":{"tasks":{"fix":{"enabled":false}}}}')).toEqual({ ok: true, value: { 'vulnerability-response': { tasks: { fix: { enabled: false } } } } });
    expect(parsePlaybookOverrides('[1]').ok).toBe(false);
    expect(parsePlaybookOverrides('{').ok).toBe(false);
  });
  it('groups validation problems by section', () => {
    const problem: Problem = {
      type: 'x', title: 'x', status: 422, code: 'CLOCK_SETTINGS_INVALID',
      errors: [
        { path: '$.packs["us-fda"]', message: "unknown rule pack 'us-fda'" },
        { path: '$.dueSoonHours', message: 'must be >= 0' },
        { path: '$.playbooks["vulnerability-response"].tasks.triage.due.critical', message: 'must match pattern' },
        { path: '$', message: 'must NOT have additional properties' },
      ],
    };
    const by = settingsProblemsBySection(problem);
    expect(Object.keys(by).sort()).toEqual(['$', 'dueSoonHours', 'packs', 'playbooks']);
    expect(by.packs).toEqual([{ path: '$.packs["us-fda"]', message: "unknown rule pack 'us-fda'" }]);
  });
});

describe('notification outbox', () => {
  it('reads the state filter from the query string', () => {
    expect(parseNotificationState('?state=dead')).toBe('dead');
    expect(parseNotificationState('?state=cancelled')).toBe('cancelled');
    expect(parseNotificationState('?state=bogus')).toBe('all');
    expect(parseNotificationState('')).toBe('all');
  });
  it('names the case of a notification from its payload, else its id', () => {
    expect(notificationCase({ caseId: 'c1', payload: { case: { id: 'c1', number: 4, title: 'Pump' } } })).toEqual({ ref: '4', label: '#4 Pump' });
    expect(notificationCase({ caseId: '0123456789abcdef', payload: { kind: 'test' } })).toEqual({ ref: '0123456789abcdef', label: 'Case 01234567' });
    expect(notificationCase({ caseId: null, payload: null })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { validateSettings } from '../clocks/settings.schema.ts';
import { builtInPlaybooks, dueFor, offsetHours, planTasks, replanTasks, resolvePlaybook, severityFromCvss, type ReplanTask } from './playbooks.ts';

const opened = Date.parse('2026-03-02T15:00:00Z');
const known = { packs: new Set(['fda-postmarket']), rules: new Set(['fda-806-report']) };

describe('playbook planning', () => {
  it('parses due offsets in hours, days and weeks', () => {
    expect(offsetHours('24h')).toBe(24);
    expect(offsetHours('30d')).toBe(720);
    expect(offsetHours('2w')).toBe(336);
    expect(() => offsetHours('0h' as '1h')).toThrow(/invalid due offset/);
  });

  it('plans the vulnerability response by severity: triage 24h/1w/30d, fix 72h/2w/90d from opening', () => {
    const pb = resolvePlaybook('vulnerability-response');
    const due = (sev: 'critical' | 'high' | 'medium' | 'low') => new Map(planTasks(pb, sev, opened).map((t) => [t.key, t.dueAt]));
    expect(due('critical').get('triage')).toBe('2026-03-03T15:00:00.000Z');
    expect(due('critical').get('fix')).toBe('2026-03-05T15:00:00.000Z');
    expect(due('high').get('triage')).toBe('2026-03-09T15:00:00.000Z');
    expect(due('high').get('fix')).toBe('2026-03-16T15:00:00.000Z');
    expect(due('medium').get('triage')).toBe('2026-04-01T15:00:00.000Z');
    expect(due('low').get('fix')).toBe('2026-05-31T15:00:00.000Z');
    const plan = planTasks(pb, 'critical', opened);
    expect(plan.map((t) => `${t.key}:${t.role}`)).toEqual(pb.tasks.map((t) => `${t.key}:${t.role}`));
    expect(plan.find((t) => t.key === 'triage')!.role).toBe('analyst');
  });

  it('keeps every default within the issue ranges (critical 24–72 h, high 1–2 weeks, others 30–90 days)', () => {
    for (const pb of builtInPlaybooks) {
      for (const t of pb.tasks) {
        expect(offsetHours(t.due.critical)).toBeGreaterThanOrEqual(24);
        expect(offsetHours(t.due.critical)).toBeLessThanOrEqual(72);
        expect(offsetHours(t.due.high)).toBeGreaterThanOrEqual(7 * 24);
        expect(offsetHours(t.due.high)).toBeLessThanOrEqual(14 * 24);
        for (const sev of ['medium', 'low'] as const) {
          expect(offsetHours(t.due[sev])).toBeGreaterThanOrEqual(30 * 24);
          expect(offsetHours(t.due[sev])).toBeLessThanOrEqual(90 * 24);
        }
      }
    }
  });

  it('applies organisation overrides: due per severity, role, title, and tasks switched off', () => {
    const pb = resolvePlaybook('incident-response', {
      'incident-response': { tasks: { triage: { due: { critical: '12h' }, role: 'analyst', title: 'Triage now' }, 'post-incident-review': { enabled: false } } },
    });
    const triage = pb.tasks.find((t) => t.key === 'triage')!;
    expect(triage).toMatchObject({ title: 'Triage now', role: 'analyst', due: { critical: '12h', high: '1w', medium: '30d' } });
    expect(pb.tasks.some((t) => t.key === 'post-incident-review')).toBe(false);
    expect(dueFor(triage, 'critical', opened)).toBe('2026-03-03T03:00:00.000Z');
    // The built-in data is not changed by an override.
    expect(resolvePlaybook('incident-response').tasks.find((t) => t.key === 'triage')!.due.critical).toBe('24h');
    expect(() => resolvePlaybook('breach-response')).toThrow(expect.objectContaining({ code: 'PLAYBOOK_NOT_FOUND' }));
  });

  it('re-plans only open playbook tasks whose due date nobody set by hand', () => {
    const plan = planTasks(resolvePlaybook('vulnerability-response'), 'medium', opened);
    const tasks: ReplanTask[] = plan.map((p, i) => ({ id: `t${i}`, playbook: 'vulnerability-response', templateKey: p.key, status: 'open', dueAt: p.dueAt, dueManual: false }));
    tasks[1] = { ...tasks[1]!, status: 'done' };
    tasks[2] = { ...tasks[2]!, dueManual: true, dueAt: '2026-03-20T00:00:00.000Z' };
    tasks.push({ id: 'adhoc', playbook: null, templateKey: null, status: 'open', dueAt: '2026-03-10T00:00:00.000Z', dueManual: true });
    const changes = replanTasks(tasks, 'critical', opened);
    expect(changes.map((c) => c.id)).toEqual(['t0', 't3', 't4', 't5', 't6']);
    expect(changes[0]).toEqual({ id: 't0', from: '2026-04-01T15:00:00.000Z', to: '2026-03-03T15:00:00.000Z' });
    // Same severity, nothing to do; an override moves the due date.
    const medium = replanTasks(tasks, 'medium', opened);
    expect(medium).toEqual([]);
    const overridden = replanTasks(tasks, 'medium', opened, { 'vulnerability-response': { tasks: { triage: { due: { medium: '45d' } } } } });
    expect(overridden).toEqual([{ id: 't0', from: '2026-04-01T15:00:00.000Z', to: '2026-04-16T15:00:00.000Z' }]);
  });

  it('derives severity from the highest CVSS score', () => {
    expect([9.8, 9, 8.1, 7, 6.9, 4, 3.9, 0.1, 0, null, undefined].map(severityFromCvss)).toEqual(['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'low', 'medium', 'medium', 'medium']);
  });
});

describe('settings playbooks section', () => {
  it('accepts overrides of known playbooks and tasks', () => {
    const r = validateSettings({ playbooks: { 'vulnerability-response': { tasks: { triage: { due: { critical: '12h', high: '5d' }, role: 'lead' }, advisory: { enabled: false } } } } }, known);
    expect(r.ok).toBe(true);
  });

  it('rejects unknown playbooks, tasks, keys, roles and offsets with JSON paths', () => {
    const r = validateSettings(
      {
        playbooks: {
          'breach-response': {},
          'vulnerability-response': { tasks: { triage: { due: { critical: '1 day', urgent: '1h' }, role: 'ceo', colour: 'red' }, paperwork: { enabled: false } }, name: 'x' },
        },
      },
      known,
    );
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.map((p) => `${p.path} ${p.message}`);
    expect(problems).toEqual(expect.arrayContaining([
      '$.playbooks["breach-response"] unknown playbook \'breach-response\'',
      '$.playbooks["vulnerability-response"].tasks["paperwork"] unknown task \'paperwork\' of playbook \'vulnerability-response\'',
      '$.playbooks["vulnerability-response"].name unknown key',
      '$.playbooks["vulnerability-response"].tasks.triage.colour unknown key',
      '$.playbooks["vulnerability-response"].tasks.triage.due.urgent unknown key',
      '$.playbooks["vulnerability-response"].tasks.triage.due.critical must match pattern "^[1-9][0-9]{0,4}[hdw]$"',
    ]));
    expect(problems.some((p) => p.startsWith('$.playbooks["vulnerability-response"].tasks.triage.role'))).toBe(true);
  });
});

/**
 * Playbooks: templates of the tasks a PSIRT works through on a case, each owned by a PSIRT role
 * and due a time after the case was opened that depends on the case severity. Pure data and
 * planning; the organisation settings may override a task's title, role, due offsets or switch
 * it off.
 *
 *   planTasks(playbook, severity, openedAtMs, overrides) → [{ key, title, role, dueAt }]
 */
import { VigilError } from '../errors.ts';

export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

export const taskRoles = ['lead', 'analyst', 'engineer', 'regulatory', 'clinical', 'product', 'support'] as const;
export type TaskRole = (typeof taskRoles)[number];

/** A due offset: a whole number of hours (h), days (d) or weeks (w), e.g. `24h`, `2w`, `90d`. */
export type DueOffset = `${number}${'h' | 'd' | 'w'}`;
export const dueOffsetPattern = '^[1-9][0-9]{0,4}[hdw]$';

export interface PlaybookTask {
  /** Stable key within the playbook (settings overrides name it). */
  readonly key: string;
  readonly title: string;
  readonly role: TaskRole;
  readonly due: Readonly<Record<Severity, DueOffset>>;
}

export interface Playbook {
  readonly id: string;
  readonly title: string;
  readonly tasks: readonly PlaybookTask[];
}

/** Organisation overrides of the built-in playbooks (settings file `playbooks` section). */
export interface PlaybookOverrides {
  readonly [playbookId: string]: {
    readonly tasks?: {
      readonly [taskKey: string]: {
        readonly title?: string;
        readonly role?: TaskRole;
        readonly due?: Partial<Record<Severity, DueOffset>>;
        readonly enabled?: boolean;
      };
    };
  };
}

// Defaults: critical 24–72 hours, high 1–2 weeks, medium and low 30–90 days.
const fast = { critical: '24h', high: '1w', medium: '30d', low: '30d' } as const;
const middle = { critical: '48h', high: '10d', medium: '60d', low: '60d' } as const;
const full = { critical: '72h', high: '2w', medium: '90d', low: '90d' } as const;

export const builtInPlaybooks: readonly Playbook[] = [
  {
    id: 'vulnerability-response',
    title: 'Vulnerability response',
    tasks: [
      { key: 'triage', title: 'Triage: confirm the vulnerability affects the product and assign severity', role: 'analyst', due: fast },
      { key: 'clinical-impact', title: 'Assess the patient-safety impact (harm, exploitability)', role: 'clinical', due: fast },
      { key: 'regulatory-assessment', title: 'Decide the regulatory reporting (record the facts on the case)', role: 'regulatory', due: middle },
      { key: 'mitigation', title: 'Define compensating controls for customers', role: 'engineer', due: middle },
      { key: 'fix', title: 'Develop, verify and release the fix', role: 'engineer', due: full },
      { key: 'customer-communication', title: 'Communicate to customers and users (advisory, field notice)', role: 'support', due: full },
      { key: 'advisory', title: 'Publish the security advisory and VEX', role: 'lead', due: full },
    ],
  },
  {
    id: 'incident-response',
    title: 'Incident response',
    tasks: [
      { key: 'triage', title: 'Triage: scope the incident and assign severity', role: 'lead', due: fast },
      { key: 'containment', title: 'Contain the incident and preserve evidence', role: 'engineer', due: fast },
      { key: 'regulatory-assessment', title: 'Decide the regulatory notifications (record the facts on the case)', role: 'regulatory', due: fast },
      { key: 'clinical-impact', title: 'Assess the patient-safety impact', role: 'clinical', due: middle },
      { key: 'eradication', title: 'Eradicate the cause and recover normal operation', role: 'engineer', due: full },
      { key: 'customer-communication', title: 'Communicate to affected customers and users', role: 'support', due: full },
      { key: 'post-incident-review', title: 'Post-incident review and corrective actions', role: 'lead', due: full },
    ],
  },
];

const HOUR = 3_600_000;

export function offsetHours(offset: DueOffset): number {
  const m = /^([1-9][0-9]{0,4})([hdw])$/.exec(offset);
  if (!m) throw new VigilError('VALIDATION_FAILED', `invalid due offset '${offset}' (e.g. 24h, 30d, 2w)`);
  const n = Number(m[1]);
  return m[2] === 'h' ? n : m[2] === 'd' ? n * 24 : n * 24 * 7;
}

/** The playbook with the organisation's overrides applied (tasks switched off are left out). */
export function resolvePlaybook(id: string, overrides: PlaybookOverrides = {}, playbooks: readonly Playbook[] = builtInPlaybooks): Playbook {
  const base = playbooks.find((p) => p.id === id);
  if (!base) throw new VigilError('PLAYBOOK_NOT_FOUND', `no playbook '${id}' (known: ${playbooks.map((p) => p.id).join(', ')})`, { playbook: id });
  const o = overrides[id]?.tasks ?? {};
  const tasks: PlaybookTask[] = [];
  for (const t of base.tasks) {
    const ov = o[t.key];
    if (ov?.enabled === false) continue;
    tasks.push({ key: t.key, title: ov?.title ?? t.title, role: ov?.role ?? t.role, due: { ...t.due, ...ov?.due } });
  }
  return { id: base.id, title: base.title, tasks };
}

export interface PlannedTask {
  readonly key: string;
  readonly title: string;
  readonly role: TaskRole;
  /** ISO instant: opened + the offset for the severity. */
  readonly dueAt: string;
}

/** Due instant of a task for a severity, counted from when the case was opened. */
export function dueFor(task: Pick<PlaybookTask, 'due'>, severity: Severity, openedAtMs: number): string {
  return new Date(openedAtMs + offsetHours(task.due[severity]) * HOUR).toISOString();
}

/** The tasks of a playbook for a case of this severity opened at `openedAtMs`. */
export function planTasks(playbook: Playbook, severity: Severity, openedAtMs: number): PlannedTask[] {
  return playbook.tasks.map((t) => ({ key: t.key, title: t.title, role: t.role, dueAt: dueFor(t, severity, openedAtMs) }));
}

export interface ReplanTask {
  readonly id: string;
  readonly playbook: string | null;
  readonly templateKey: string | null;
  readonly status: 'open' | 'done' | 'skipped';
  readonly dueAt: string | null;
  readonly dueManual: boolean;
}

/**
 * New due dates after a severity (or settings) change: open playbook tasks whose due date no person
 * set. Returns only the tasks whose due date changes.
 */
export function replanTasks(
  tasks: readonly ReplanTask[],
  severity: Severity,
  openedAtMs: number,
  overrides: PlaybookOverrides = {},
  playbooks: readonly Playbook[] = builtInPlaybooks,
): Array<{ id: string; from: string | null; to: string }> {
  const out: Array<{ id: string; from: string | null; to: string }> = [];
  for (const t of tasks) {
    if (t.status !== 'open' || t.dueManual || !t.playbook || !t.templateKey) continue;
    const base = playbooks.find((p) => p.id === t.playbook)?.tasks.find((x) => x.key === t.templateKey);
    if (!base) continue;
    const due = { ...base.due, ...overrides[t.playbook]?.tasks?.[t.templateKey]?.due };
    const to = dueFor({ due }, severity, openedAtMs);
    if (to !== t.dueAt) out.push({ id: t.id, from: t.dueAt, to });
  }
  return out;
}

/** Severity from a CVSS base score (CVSS v3/v4 qualitative ratings; none or unknown → medium). */
export function severityFromCvss(score: number | null | undefined): Severity {
  if (score === null || score === undefined || !Number.isFinite(score) || score <= 0) return 'medium';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

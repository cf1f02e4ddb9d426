/**
 * The evaluation context shared by the decision trees: resolves times, computes deadlines and
 * statuses, and collects obligations, not-applicable rules, missing facts and the trace.
 */
import { computeDeadline, describePeriod, type CalendarSettings } from './calendars.ts';
import type { CaseFacts, TimeFact } from './facts.ts';
import type { ObligationKind, RuleDefinition, RulePack } from './rule-packs.ts';
import { formatInstant, formatInstantInZone, parseTime } from './zoned-time.ts';

export type ObligationStatus = 'pending' | 'due-soon' | 'overdue' | 'fulfilled' | 'not-applicable';

export interface EngineSettings extends CalendarSettings {
  /** Enable or disable whole packs (per organisation); overrides `enabledByDefault`. */
  readonly packs: Readonly<Record<string, { readonly enabled?: boolean }>>;
  /** Enable or disable single rules (per organisation and market). */
  readonly rules: Readonly<Record<string, { readonly enabled?: boolean }>>;
  /** An obligation is due soon when the time left is at most min(dueSoonHours, a quarter of its period). */
  readonly dueSoonHours: number;
}

export interface ResolvedTime {
  /** Where the time came from, e.g. `events.becameAware` or `fulfilled.nis2-incident-notification`. */
  readonly fact: string;
  readonly ms: number;
  /** The IANA zone whose days define deadlines started by this time. */
  readonly zone: string;
}

export interface Obligation {
  /** Obligation id; repeated obligations carry `#n` (1-based), e.g. `fda-806-amendment#2`. */
  readonly id: string;
  readonly ruleId: string;
  readonly packId: string;
  readonly packVersion: string;
  readonly title: string;
  readonly kind: ObligationKind;
  readonly recipient: string;
  readonly citation: string;
  readonly period: string;
  /** The fact that started the clock, or null when it is not known yet (see missingFacts). */
  readonly trigger: { readonly fact: string; readonly at: string; readonly zone: string } | null;
  /** Due instant (UTC ISO): the last moment at which the obligation is on time. Null when there is no number or no trigger yet. */
  readonly dueAt: string | null;
  /** The same instant in the zone that defines it, with its offset. */
  readonly dueLocal: string | null;
  /** Local date on which a day-based period ends. */
  readonly dueDate: string | null;
  readonly timeZone: string;
  readonly status: Exclude<ObligationStatus, 'not-applicable'>;
  /** Time left until dueAt (negative when overdue); null without a due instant. */
  readonly timeLeft: { readonly ms: number; readonly text: string } | null;
  readonly fulfilledAt: string | null;
  /** True when fulfilled after the due instant. */
  readonly late: boolean;
  /** True when the obligation rests on an assumption about a missing fact. */
  readonly provisional: boolean;
  readonly assumptions: readonly string[];
  readonly notes: readonly string[];
}

export interface NotApplicable {
  readonly ruleId: string;
  readonly packId: string;
  readonly title: string;
  readonly status: 'not-applicable';
  /** Machine-readable reason: out-of-scope, disabled, not-triggered, exempt, exemption-pending, superseded, no-facts. */
  readonly code: string;
  readonly reason: string;
  readonly citation: string;
  /** When the decision may change by itself (e.g. the next POST16 condition deadline). */
  readonly reconsiderAt?: string;
}

export interface MissingFact {
  /** JSONPath of the fact in the facts file. */
  readonly path: string;
  readonly neededFor: readonly string[];
  readonly why: string;
  /** The value assumed meanwhile (conservatively), if any. */
  readonly assumed?: string;
}

export interface TraceEntry {
  readonly packId: string;
  /** Decision-tree step, e.g. `B3.5` (see docs/clocks.md). */
  readonly step: string;
  readonly text: string;
}

export interface ObligationInput {
  readonly instance?: number;
  readonly trigger: ResolvedTime | undefined;
  /** Times that fulfil the obligation besides `fulfilled[id]`. */
  readonly fulfilledBy?: readonly (ResolvedTime | undefined)[];
  readonly assumptions?: readonly string[];
  readonly notes?: readonly string[];
}

const HOUR = 3_600_000;

export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let left = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(left / 1440);
  left -= d * 1440;
  const h = Math.floor(left / 60);
  const m = left - h * 60;
  const parts = d ? [`${d}d`, `${h}h`] : h ? [`${h}h`, `${m}m`] : [`${m}m`];
  return sign + parts.join(' ');
}

export class EvaluationContext {
  readonly obligations: Obligation[] = [];
  readonly notApplicableList: NotApplicable[] = [];
  readonly trace: TraceEntry[] = [];
  private readonly missing = new Map<string, { neededFor: Set<string>; why: string; assumed?: string }>();
  pack!: RulePack;

  constructor(
    readonly facts: CaseFacts,
    readonly nowMs: number,
    readonly settings: EngineSettings,
  ) {}

  rule(id: string): RuleDefinition {
    const r = this.pack.rules.find((x) => x.id === id);
    if (!r) throw new Error(`rule ${id} is not in pack ${this.pack.id}`);
    return r;
  }

  /** Resolves a TimeFact at a dotted path (e.g. `events.becameAware`, `events.correctionExtended[1]`). */
  resolve(value: TimeFact | undefined, fact: string): ResolvedTime | undefined {
    if (value === undefined) return undefined;
    const at = typeof value === 'string' ? value : value.at;
    const zone = typeof value === 'string' ? this.facts.timeZone : (value.zone ?? this.facts.timeZone);
    const parsed = parseTime(at, zone);
    if (!parsed.ok) throw new Error(`${fact}: ${parsed.reason}`); // validateFacts rejects these first
    return { fact, ms: parsed.instantMs, zone };
  }

  event(name: keyof NonNullable<CaseFacts['events']>): ResolvedTime | undefined {
    const v = this.facts.events?.[name];
    return Array.isArray(v) ? undefined : this.resolve(v as TimeFact | undefined, `events.${name}`);
  }

  eventList(name: 'mdrNewInformation' | 'correctionExtended'): ResolvedTime[] {
    return (this.facts.events?.[name] ?? []).map((v, i) => this.resolve(v, `events.${name}[${i}]`)!);
  }

  fulfilment(id: string): ResolvedTime | undefined {
    return this.resolve(this.facts.fulfilled?.[id], `fulfilled.${id}`);
  }

  /** Earliest of several times (undefined entries ignored). */
  earliest(...times: (ResolvedTime | undefined)[]): ResolvedTime | undefined {
    return times.filter((t): t is ResolvedTime => t !== undefined).sort((a, b) => a.ms - b.ms)[0];
  }

  latest(...times: (ResolvedTime | undefined)[]): ResolvedTime | undefined {
    return times.filter((t): t is ResolvedTime => t !== undefined).sort((a, b) => b.ms - a.ms)[0];
  }

  step(step: string, text: string): void {
    this.trace.push({ packId: this.pack.id, step, text });
  }

  need(path: string, neededFor: readonly string[], why: string, assumed?: string): void {
    const jsonPath = path
      .split('.')
      .reduce((acc, seg) => (/^[A-Za-z_$][\w$]*$/.test(seg) ? `${acc}.${seg}` : `${acc}[${JSON.stringify(seg)}]`), '$');
    const entry = this.missing.get(jsonPath);
    if (entry) {
      for (const r of neededFor) entry.neededFor.add(r);
      if (assumed && !entry.assumed) entry.assumed = assumed;
    } else {
      this.missing.set(jsonPath, { neededFor: new Set(neededFor), why, ...(assumed ? { assumed } : {}) });
    }
  }

  missingFacts(): MissingFact[] {
    return [...this.missing.entries()]
      .map(([path, m]) => ({ path, neededFor: [...m.neededFor].sort(), why: m.why, ...(m.assumed ? { assumed: m.assumed } : {}) }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  ruleEnabled(id: string): boolean {
    return this.settings.rules[id]?.enabled ?? true;
  }

  notApplicable(ruleId: string, code: string, reason: string, reconsiderAt?: number): void {
    const r = this.rule(ruleId);
    this.notApplicableList.push({
      ruleId,
      packId: this.pack.id,
      title: r.title,
      status: 'not-applicable',
      code,
      reason,
      citation: r.citation,
      ...(reconsiderAt !== undefined ? { reconsiderAt: formatInstant(reconsiderAt) } : {}),
    });
  }

  /** Marks every rule of the current pack (or the listed ones) not applicable for the same reason. */
  allNotApplicable(code: string, reason: string, ruleIds: readonly string[] = this.pack.rules.map((r) => r.id)): void {
    for (const id of ruleIds) this.notApplicable(id, code, reason);
  }

  /** Adds an applicable obligation (or a not-applicable entry if the rule is switched off). Returns it. */
  obligation(ruleId: string, input: ObligationInput): Obligation | undefined {
    const r = this.rule(ruleId);
    if (!this.ruleEnabled(ruleId)) {
      this.notApplicable(ruleId, 'disabled', 'Disabled by organisation settings (rule switched off).');
      return undefined;
    }
    const id = input.instance !== undefined ? `${ruleId}#${input.instance}` : ruleId;
    const trigger = input.trigger;
    const zone = trigger?.zone ?? this.facts.timeZone;
    const deadline = trigger ? computeDeadline(r.period, trigger.ms, zone, this.settings) : undefined;
    const dueMs = deadline?.dueMs;

    const fulfilCandidates = [this.fulfilment(id), ...(input.fulfilledBy ?? [])].filter((t): t is ResolvedTime => t !== undefined);
    const done = fulfilCandidates.filter((t) => t.ms <= this.nowMs).sort((a, b) => a.ms - b.ms)[0];
    const planned = fulfilCandidates.filter((t) => t.ms > this.nowMs).sort((a, b) => a.ms - b.ms)[0];
    const notes = [...(deadline?.notes ?? []), ...(input.notes ?? [])];
    if (r.notes) notes.push(r.notes);
    if (planned && !done) notes.push(`Planned fulfilment at ${formatInstant(planned.ms)} (${planned.fact}) is after now; not counted yet.`);

    let status: Obligation['status'];
    if (done) status = 'fulfilled';
    else if (dueMs === undefined) status = 'pending';
    else if (this.nowMs > dueMs) status = 'overdue';
    else {
      const left = dueMs - this.nowMs;
      const span = trigger ? dueMs - trigger.ms : Number.POSITIVE_INFINITY;
      const threshold = Math.min(this.settings.dueSoonHours * HOUR, span / 4);
      status = left <= threshold ? 'due-soon' : 'pending';
    }
    const assumptions = [...(input.assumptions ?? [])];
    const o: Obligation = {
      id,
      ruleId,
      packId: this.pack.id,
      packVersion: this.pack.version,
      title: r.title,
      kind: r.kind,
      recipient: r.recipient,
      citation: r.citation,
      period: describePeriod(r.period),
      trigger: trigger ? { fact: trigger.fact, at: formatInstant(trigger.ms), zone: trigger.zone } : null,
      dueAt: dueMs !== undefined ? formatInstant(dueMs) : null,
      dueLocal: dueMs !== undefined ? formatInstantInZone(dueMs, zone) : null,
      dueDate: deadline?.dueDate ?? null,
      timeZone: zone,
      status,
      timeLeft: dueMs !== undefined && !done ? { ms: dueMs - this.nowMs, text: formatDuration(dueMs - this.nowMs) } : null,
      fulfilledAt: done ? formatInstant(done.ms) : null,
      late: done !== undefined && dueMs !== undefined && done.ms > dueMs,
      provisional: assumptions.length > 0,
      assumptions,
      notes,
    };
    this.obligations.push(o);
    return o;
  }
}

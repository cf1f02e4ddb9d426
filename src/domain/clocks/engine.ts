/**
 * The regulatory clock engine: a pure function of case facts, rule packs, settings and `now`.
 *
 *   evaluate(facts, { now, settings, rulePacks }) → { obligations, notApplicable, missingFacts, trace }
 *
 * Nothing is stored: a fact that changes later (a customer communication that never came, a
 * correction initiated on another day) simply gives a different result on the next call.
 */
import { defaultCalendarSettings } from './calendars.ts';
import {
  EvaluationContext,
  type EngineSettings,
  type MissingFact,
  type NotApplicable,
  type Obligation,
  type TraceEntry,
} from './context.ts';
import { decisionTrees } from './decision-trees.ts';
import type { CaseFacts } from './facts.ts';
import { builtInRulePacks, type RulePack } from './rule-packs.ts';
import { VigilError } from '../errors.ts';
import { formatInstant, parseTime } from './zoned-time.ts';

export type { EngineSettings, MissingFact, NotApplicable, Obligation, TraceEntry } from './context.ts';

export const defaultEngineSettings: EngineSettings = {
  ...defaultCalendarSettings,
  packs: {},
  rules: {},
  dueSoonHours: 72,
};

export interface EvaluateOptions {
  /** The evaluation instant: epoch milliseconds or an ISO 8601 instant with Z or offset. */
  readonly now: number | string;
  readonly settings?: Partial<EngineSettings>;
  readonly rulePacks?: readonly RulePack[];
}

export interface PackUse {
  readonly id: string;
  readonly version: string;
  readonly enabled: boolean;
  readonly disabledReason?: string;
}

export interface Evaluation {
  readonly now: string;
  readonly packs: readonly PackUse[];
  /** Applicable obligations ordered by due instant (obligations without one last). */
  readonly obligations: readonly Obligation[];
  readonly notApplicable: readonly NotApplicable[];
  readonly missingFacts: readonly MissingFact[];
  readonly trace: readonly TraceEntry[];
}

function resolveNow(now: number | string): number {
  if (typeof now === 'number') {
    if (!Number.isFinite(now)) throw new VigilError('CLOCKS_INVALID_NOW', 'now must be a finite epoch-millisecond value');
    return now;
  }
  const parsed = parseTime(now, 'UTC');
  if (!parsed.ok || !parsed.hadOffset) throw new VigilError('CLOCKS_INVALID_NOW', `now must be an ISO 8601 instant with Z or an offset: '${now}'`);
  return parsed.instantMs;
}

/** The reason given for packs and rules switched off in the organisation settings. */
export const ORG_DISABLED = 'Disabled by organisation settings.';

export function packEnabled(pack: RulePack, settings: EngineSettings): boolean {
  return settings.packs[pack.id]?.enabled ?? pack.enabledByDefault;
}

/** Evaluates the facts of one case. Throws VigilError CLOCKS_* on an invalid `now` or an unknown pack. */
export function evaluate(facts: CaseFacts, options: EvaluateOptions): Evaluation {
  const nowMs = resolveNow(options.now);
  const settings: EngineSettings = { ...defaultEngineSettings, ...options.settings };
  const packs = options.rulePacks ?? builtInRulePacks;
  const ctx = new EvaluationContext(facts, nowMs, settings);
  const used: PackUse[] = [];
  for (const pack of packs) {
    const tree = decisionTrees[pack.id];
    if (!tree) throw new VigilError('CLOCKS_UNKNOWN_RULE_PACK', `no decision tree for rule pack '${pack.id}'`);
    ctx.pack = pack;
    const enabled = packEnabled(pack, settings);
    used.push({ id: pack.id, version: pack.version, enabled, ...(enabled || !pack.disabledReason ? {} : { disabledReason: pack.disabledReason }) });
    if (!enabled) {
      const reason = settings.packs[pack.id]?.enabled === false ? ORG_DISABLED : (pack.disabledReason ?? ORG_DISABLED);
      ctx.step('pack', `Rule pack ${pack.id} ${pack.version} is disabled: ${reason}`);
      ctx.allNotApplicable('disabled', reason);
      continue;
    }
    tree(ctx);
  }
  const obligations = [...ctx.obligations].sort((a, b) => {
    if (a.dueAt && b.dueAt) return a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id.localeCompare(b.id);
    if (a.dueAt) return -1;
    if (b.dueAt) return 1;
    return a.id.localeCompare(b.id);
  });
  return {
    now: formatInstant(nowMs),
    packs: used,
    obligations,
    notApplicable: ctx.notApplicableList,
    missingFacts: ctx.missingFacts(),
    trace: ctx.trace,
  };
}

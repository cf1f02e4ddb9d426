/**
 * Table-driven scenarios for the clock engine. Every expected due instant was computed by hand
 * (calendar, holiday list and zone offsets worked out on paper; see the comment on each scenario),
 * never by running the engine.
 */
import type { EngineSettings } from '../context.ts';
import type { CaseFacts } from '../facts.ts';

export interface ExpectedObligation {
  /** Due instant as UTC ISO with milliseconds, or null when there is no number / no trigger yet. */
  readonly dueAt?: string | null;
  readonly status?: 'pending' | 'due-soon' | 'overdue' | 'fulfilled';
  readonly provisional?: boolean;
  readonly late?: boolean;
}

export interface Scenario {
  readonly name: string;
  readonly facts: CaseFacts;
  readonly now: string;
  readonly settings?: Partial<EngineSettings>;
  /** The exact set of applicable obligation ids, with what is expected of each. */
  readonly obligations: Readonly<Record<string, ExpectedObligation>>;
  /** Rule id → expected not-applicable code (only the listed ones are checked). */
  readonly notApplicable?: Readonly<Record<string, string>>;
  /** The exact set of missing-fact paths (JSONPath); omitted = must be empty. */
  readonly missingFacts?: readonly string[];
  /** Substrings that must appear in the trace texts. */
  readonly traceIncludes?: readonly string[];
}

/** A US-only device case with the MDR and 524B questions answered "no", so only the pack under test speaks. */
export function usDevice(over: Partial<CaseFacts> & { assessment?: CaseFacts['assessment'] } = {}): CaseFacts {
  return {
    schemaVersion: 1,
    timeZone: 'America/New_York',
    product: { markets: ['US'], kind: 'device', cyberDevice: false },
    ...over,
    assessment: { adverseEvent: 'none', ...over.assessment },
  };
}

/** An EU-only device case (Berlin). */
export function euDevice(over: Partial<CaseFacts> = {}): CaseFacts {
  return { schemaVersion: 1, timeZone: 'Europe/Berlin', product: { markets: ['EU'], kind: 'device' }, ...over };
}

/** An EU non-device product with digital elements (CRA scope). */
export function euProduct(over: Partial<CaseFacts> = {}): CaseFacts {
  return { schemaVersion: 1, timeZone: 'Europe/Berlin', product: { markets: ['EU'], kind: 'non-device', craInScope: true }, ...over };
}

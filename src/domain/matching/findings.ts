/**
 * Alias grouping of match results: one finding per (component, vulnerability), where the
 * vulnerability is the alias group of the advisories (CVE-…, GHSA-…, an ICSMA record naming the
 * CVE…). The group key comes from the caller (the store knows the alias groups).
 */
import type { AdvisorySource } from '../advisories/advisory.ts';
import { confidenceRank, type MatchConfidence, type MatchResult, type MatchStatus } from './types.ts';

export interface GroupedFinding {
  readonly componentRef: string;
  readonly groupKey: string;
  /**
   * `affected` when any source says affected (every affected result carries usable evidence:
   * an identifier, a criterion and a version inside the range); else `indeterminate`.
   */
  readonly status: MatchStatus;
  /** The highest confidence among the results that carry the finding's status. */
  readonly confidence: MatchConfidence;
  /** The advisories behind the finding, in the order first seen. */
  readonly advisories: ReadonlyArray<{ readonly source: AdvisorySource; readonly id: string }>;
  /** Every result, strongest first (affected before indeterminate, then confidence). */
  readonly evidence: readonly MatchResult[];
  /** Fixed versions named by any of the results, without duplicates, in the order first seen. */
  readonly fixedVersions: readonly string[];
}

/**
 * Groups results by (component, `groupOf(source, id)`). Order: by component in first-seen
 * order, then by group key in first-seen order — deterministic for a deterministic input.
 *
 * The confidence is taken from the results that carry the finding's status, so a low-confidence
 * CPE hit cannot lend "high" to an affected finding whose only high result was indeterminate.
 */
export function groupFindings(results: Iterable<MatchResult>, groupOf: (source: AdvisorySource, id: string) => string): GroupedFinding[] {
  const groups = new Map<string, { componentRef: string; groupKey: string; results: MatchResult[] }>();
  for (const r of results) {
    const groupKey = groupOf(r.advisory.source, r.advisory.id);
    const k = `${r.componentRef}\u0000${groupKey}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { componentRef: r.componentRef, groupKey, results: [] }));
    g.results.push(r);
  }
  const out: GroupedFinding[] = [];
  for (const g of groups.values()) {
    const status: MatchStatus = g.results.some((r) => r.status === 'affected') ? 'affected' : 'indeterminate';
    let confidence: MatchConfidence = 'low';
    for (const r of g.results) if (r.status === status && confidenceRank(r.confidence) > confidenceRank(confidence)) confidence = r.confidence;
    const evidence = [...g.results].sort((a, b) => {
      if (a.status !== b.status) return a.status === 'affected' ? -1 : 1;
      return confidenceRank(b.confidence) - confidenceRank(a.confidence);
    });
    const advisories: { source: AdvisorySource; id: string }[] = [];
    const seen = new Set<string>();
    for (const r of g.results) {
      const k = `${r.advisory.source}\u0000${r.advisory.id}`;
      if (!seen.has(k)) {
        seen.add(k);
        advisories.push(r.advisory);
      }
    }
    const fixed: string[] = [];
    for (const r of g.results) for (const f of r.evidence.fixedVersions) if (!fixed.includes(f)) fixed.push(f);
    out.push({ componentRef: g.componentRef, groupKey: g.groupKey, status, confidence, advisories, evidence, fixedVersions: fixed });
  }
  return out;
}

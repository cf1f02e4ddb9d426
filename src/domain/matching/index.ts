/**
 * The matching engine: component × advisory → explained match. See docs/matching.md.
 */
export type {
  AdvisoryCriterion,
  MatchComponent,
  MatchConfidence,
  MatchEvidence,
  MatchExplanation,
  MatchIdentifier,
  MatchMethod,
  MatchRange,
  MatchResult,
  MatchScheme,
  MatchStatus,
} from './types.ts';
export { prepareComponent, type PreparedComponent } from './component.ts';
export { explainMatch, matchComponent, prepareAdvisory, type PreparedAdvisory } from './match.ts';
export { groupFindings, type GroupedFinding } from './findings.ts';
export { CPE_PRODUCT_SCHEMES } from './cpe.match.ts';
export { csafRangeToVers } from './csaf.match.ts';
export { componentCsafKeys, csafProductKeys } from './csaf-keys.ts';

/**
 * The matching engine's vocabulary: the component it is given, and the explained result it
 * returns for each advisory that applies (docs/matching.md).
 */
import type { AdvisorySource, CsafProduct } from '../advisories/advisory.ts';

/**
 * An inventory component as the matcher reads it. A `SbomComponent` (src/domain/inventory/sbom.ts)
 * is one; so is any object with these fields.
 */
export interface MatchComponent {
  /** The component's ref (bom-ref) or store id; copied into every result. */
  readonly ref: string;
  readonly name: string;
  readonly group?: string | null;
  readonly version: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  readonly supplier?: string | null;
  readonly hashes?: ReadonlyArray<{ readonly alg: string; readonly content: string }>;
  /** Name/value properties; model numbers and SKUs are read from here (docs/matching.md). */
  readonly properties?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

export type MatchStatus = 'affected' | 'indeterminate';
export type MatchConfidence = 'high' | 'medium' | 'low';
/**
 * How the component was tied to the advisory: by package URL, by CPE, by a CSAF product
 * identification helper (hash, model number, SKU), or by vendor + product name.
 */
export type MatchMethod = 'purl' | 'cpe' | 'csaf' | 'name';

/** The component identifier the match used. */
export interface MatchIdentifier {
  readonly kind: 'purl' | 'cpe' | 'hash' | 'model-number' | 'sku' | 'name';
  /** The value as used: a purl (for deb/rpm possibly the source package, see `note`), a CPE, `alg:value`, a model number, `vendor / name`. */
  readonly value: string;
  /** True when Vigil built the identifier (a CPE derived from the purl, a source-package purl from a qualifier). */
  readonly derived: boolean;
  readonly note?: string;
}

/** What the advisory said that the component met. */
export type AdvisoryCriterion =
  | {
      readonly kind: 'package';
      /** Index in `advisory.affected`. */
      readonly index: number;
      readonly purl: string | null;
      readonly ecosystem: string | null;
      readonly name: string;
      /** The look-up key (`affectedPackageKey`). */
      readonly key: string;
    }
  | {
      readonly kind: 'cpe';
      /** Index in `advisory.cpeConfigurations`. */
      readonly configuration: number;
      readonly criteria: string;
      readonly matchCriteriaId: string | null;
      readonly versionStartIncluding: string | null;
      readonly versionStartExcluding: string | null;
      readonly versionEndIncluding: string | null;
      readonly versionEndExcluding: string | null;
    }
  | {
      readonly kind: 'csaf';
      readonly productId: string;
      readonly name: string;
      readonly vendor: string | null;
      readonly product: string | null;
      readonly version: string | null;
      readonly versionRange: string | null;
      readonly status: CsafProduct['status'];
      /** Which part of the product entry identified the component. */
      readonly via: 'purl' | 'cpe' | 'hash' | 'model-number' | 'sku' | 'name';
    };

/**
 * The version scheme used. `declared`: from the component's purl type or the advisory's
 * ecosystem; `product`: the product's own release scheme (e.g. OpenSSL letter releases) for a
 * component whose purl declares none; `generic`: Vigil's heuristic, used because nothing else
 * was known — every result says so.
 */
export interface MatchScheme {
  readonly id: string;
  readonly origin: 'declared' | 'product' | 'generic';
}

export interface MatchRange {
  /** The range as the advisory wrote it (OSV events, NVD bounds, CSAF text). */
  readonly text: string;
  /** The same range as a vers string, when it can be written as one. */
  readonly vers: string | null;
}

export interface MatchEvidence {
  readonly identifier: MatchIdentifier;
  readonly criterion: AdvisoryCriterion;
  /** The component version compared (after epoch/source handling), or null when there was none. */
  readonly version: string | null;
  readonly scheme: MatchScheme | null;
  readonly range: MatchRange | null;
  /** One readable sentence: "1.1.1k ≥ introduced 1.1.1 and < fixed 1.1.1l (openssl scheme)". */
  readonly reason: string;
  /** Conditions of the advisory Vigil did not check (NVD AND-configurations: "running on …"). */
  readonly conditions: readonly string[];
  readonly fixedVersions: readonly string[];
}

export interface MatchResult {
  readonly componentRef: string;
  readonly advisory: { readonly source: AdvisorySource; readonly id: string };
  readonly status: MatchStatus;
  readonly confidence: MatchConfidence;
  readonly method: MatchMethod;
  readonly evidence: MatchEvidence;
}

/** The answer of `explainMatch`: the result if any, and why each route did or did not match. */
export interface MatchExplanation {
  readonly componentRef: string;
  readonly advisory: { readonly source: AdvisorySource; readonly id: string };
  readonly status: MatchStatus | 'not-affected';
  readonly result: MatchResult | null;
  /** One line per criterion considered, in advisory order, e.g. "Debian:11/openssl: release 11 ≠ component's release 12". */
  readonly reasons: readonly string[];
}

const CONFIDENCE_RANK: Readonly<Record<MatchConfidence, number>> = { high: 3, medium: 2, low: 1 };

export function confidenceRank(c: MatchConfidence): number {
  return CONFIDENCE_RANK[c];
}

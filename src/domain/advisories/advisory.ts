/**
 * The normalised advisory: one record of one source (OSV-shaped), whatever format it came in.
 * Every source's view is kept; views naming the same vulnerability are grouped by alias.
 */

/** Where a record came from. `internal` = written in Vigil (by hand or from a CVD report). */
export type AdvisorySource = 'osv' | 'nvd' | 'cve' | 'ghsa' | 'csaf' | 'internal';

/** OSV range event, as in the OSV schema. */
export type RangeEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface AffectedRange {
  readonly type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  readonly repo?: string;
  readonly events: readonly RangeEvent[];
}

/** A package named by an advisory: by purl and/or OSV ecosystem + name, with OSV ranges. */
export interface AffectedPackage {
  /** purl without version (type/namespace/name, qualifiers kept where they matter, e.g. distro). */
  readonly purl: string | null;
  readonly ecosystem: string | null;
  readonly name: string;
  readonly ranges: readonly AffectedRange[];
  /** Explicit affected versions (OSV `versions`). */
  readonly versions: readonly string[];
  /** Versions named as fixing this package, collected from `fixed` events and vendor data. */
  readonly fixedVersions: readonly string[];
  readonly ecosystemSpecific?: unknown;
  readonly databaseSpecific?: unknown;
}

/** NVD CPE match criteria (one node's cpeMatch entry). */
export interface CpeMatchCriterion {
  readonly criteria: string;
  readonly vulnerable: boolean;
  readonly versionStartIncluding?: string;
  readonly versionStartExcluding?: string;
  readonly versionEndIncluding?: string;
  readonly versionEndExcluding?: string;
  readonly matchCriteriaId?: string;
}

/** NVD configuration: nodes combined with AND/OR (running-on/with platforms kept as written). */
export interface CpeConfiguration {
  readonly operator: 'AND' | 'OR';
  readonly nodes: ReadonlyArray<{ readonly operator: 'AND' | 'OR'; readonly negate: boolean; readonly cpeMatch: readonly CpeMatchCriterion[] }>;
}

/** A CSAF product from the product tree, with its status in this advisory. */
export interface CsafProduct {
  readonly productId: string;
  readonly name: string;
  readonly vendor: string | null;
  readonly product: string | null;
  readonly version: string | null;
  /** CSAF version ranges (`vers:` or free text in branch names such as `<=2.3`) as written. */
  readonly versionRange: string | null;
  readonly status: 'known_affected' | 'known_not_affected' | 'fixed' | 'first_fixed' | 'first_affected' | 'last_affected' | 'recommended' | 'under_investigation';
  readonly helpers: {
    readonly cpe: string | null;
    readonly purl: string | null;
    readonly hashes: ReadonlyArray<{ readonly filename: string; readonly algorithm: string; readonly value: string }>;
    readonly modelNumbers: readonly string[];
    readonly serialNumbers: readonly string[];
    readonly skus: readonly string[];
  };
  /** The product tree branches leading to this product, outermost first (vendor, product_name, …). */
  readonly branches?: ReadonlyArray<{ readonly category: string; readonly name: string }>;
  /**
   * Set when the product is a CSAF relationship (`default_component_of`, `installed_on`, …): the
   * component (`productReference`, whose vendor/product/version this product carries) and the
   * product it relates to.
   */
  readonly relationship?: {
    readonly category: string;
    readonly productReference: string;
    readonly relatesToProductReference: string;
    readonly relatesToName: string | null;
  };
  /** Versions the advisory names as fixing this product (fixed/first_fixed siblings, vendor_fix remediations). */
  readonly fixedVersions?: readonly string[];
}

export interface Severity {
  readonly type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'vendor';
  /** CVSS vector, or null for a vendor rating. */
  readonly vector: string | null;
  readonly score: number | null;
  /** Qualitative rating (CRITICAL, HIGH, … or the vendor's words). */
  readonly rating: string | null;
  /** Who scored it (nvd@nist.gov, a CNA, the vendor). */
  readonly source: string | null;
}

export interface Reference {
  readonly type: string;
  readonly url: string;
}

export interface Advisory {
  readonly source: AdvisorySource;
  /** The id in its source: GHSA-…, CVE-…, PYSEC-…, ICSMA-17-…, DSA-…. */
  readonly id: string;
  /** Other ids of the same vulnerability, as the record names them. */
  readonly aliases: readonly string[];
  /** Related but different vulnerabilities (OSV `related`); never merged. */
  readonly related: readonly string[];
  readonly summary: string | null;
  readonly details: string | null;
  readonly published: string | null;
  readonly modified: string;
  /** Set when the source withdrew or rejected the record; the record is kept, never deleted. */
  readonly withdrawn: string | null;
  readonly affected: readonly AffectedPackage[];
  readonly cpeConfigurations: readonly CpeConfiguration[];
  readonly csafProducts: readonly CsafProduct[];
  readonly severities: readonly Severity[];
  readonly cwes: readonly string[];
  readonly references: readonly Reference[];
  readonly credits: readonly string[];
}

/** CISA Known Exploited Vulnerabilities catalog entry. */
export interface KevEntry {
  readonly cveId: string;
  readonly vendorProject: string;
  readonly product: string;
  readonly vulnerabilityName: string;
  readonly dateAdded: string;
  readonly shortDescription: string;
  readonly requiredAction: string;
  readonly dueDate: string;
  readonly knownRansomwareCampaignUse: 'Known' | 'Unknown';
  readonly notes: string;
  readonly cwes: readonly string[];
}

/** FIRST EPSS score of one CVE on one day. */
export interface EpssScore {
  readonly cve: string;
  readonly epss: number;
  readonly percentile: number;
  /** Score date, YYYY-MM-DD. */
  readonly date: string;
}

/** One record a source could not read: reported and skipped, the rest goes on. */
export interface RecordProblem {
  readonly source: string;
  readonly id: string | null;
  /** Where in the input (file name, URL, JSON path, line). */
  readonly location: string;
  readonly reason: string;
}

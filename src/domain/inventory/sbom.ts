/**
 * The normalised SBOM model every format parser produces (CycloneDX today, SPDX later).
 * Plain data: no I/O, no database ids.
 */

export type SbomFormat = 'cyclonedx';

export interface SbomHash {
  readonly alg: string;
  readonly content: string;
}

export interface SbomProperty {
  readonly name: string;
  readonly value: string;
}

export interface SbomComponent {
  /** The document's bom-ref, or a generated stable ref (`vigil:component/<index>`) when absent. */
  readonly ref: string;
  /** CycloneDX component type (library, firmware, operating-system, application, …). */
  readonly type: string;
  readonly name: string;
  readonly group: string | null;
  readonly version: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  /** Supplier name (CycloneDX `supplier.name`, else `manufacturer.name`, `publisher`, `author`, first of `authors`). */
  readonly supplier: string | null;
  readonly description: string | null;
  readonly scope: string | null;
  readonly hashes: readonly SbomHash[];
  /** SPDX ids, SPDX expressions or licence names, in document order. */
  readonly licenses: readonly string[];
  /** FDA premarket guidance field: level of support (e.g. "actively maintained", "no longer maintained"). */
  readonly levelOfSupport: string | null;
  /** FDA premarket guidance field: end-of-support date (ISO 8601 date as written), if given. */
  readonly endOfSupport: string | null;
  readonly properties: readonly SbomProperty[];
  /** The ref of the enclosing component when the document nests components, else null. */
  readonly parentRef: string | null;
}

export interface SbomDependency {
  readonly ref: string;
  readonly dependsOn: readonly string[];
}

export interface SbomMetadata {
  readonly timestamp: string | null;
  /** The component the SBOM describes (metadata.component), if given. */
  readonly subject: { readonly name: string; readonly version: string | null; readonly type: string } | null;
  readonly supplier: string | null;
  readonly manufacturer: string | null;
  readonly tools: readonly string[];
}

export interface ParsedSbom {
  readonly format: SbomFormat;
  readonly specVersion: string;
  readonly serialNumber: string | null;
  readonly documentVersion: number | null;
  readonly metadata: SbomMetadata;
  readonly components: readonly SbomComponent[];
  readonly dependencies: readonly SbomDependency[];
  /**
   * Problems that do not make the document invalid but a reader should know about, e.g. a
   * dependency entry naming a bom-ref that nothing declares. Absent when the parser does not report any.
   */
  readonly warnings?: readonly ValidationIssue[];
}

/** One problem found in a document, located by JSON path (e.g. `$.components[3].purl`). */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

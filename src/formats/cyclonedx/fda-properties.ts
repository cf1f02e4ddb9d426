/**
 * FDA premarket cybersecurity guidance (2023/2025, section V.A.4.b) asks that each SBOM component
 * carry its *level of support* and *end-of-support date*. CycloneDX has no dedicated field for
 * either (checked through 1.7), so producers put them in component `properties` under many names.
 *
 * Accepted names (documented in docs/sbom-formats.md). A property name is normalised by taking
 * the part after its last ':' (any namespace prefix such as `fda:`, `cdx:lifecycle:milestone:`,
 * `acme:` is accepted), lower-casing it and removing '-', '_', '.' and spaces. Then:
 *
 * - level of support:  levelofsupport, supportlevel, softwaresupportlevel, supportstatus,
 *                      levelsupport, maintenancestatus
 *   e.g. `fda:level-of-support`, `level_of_support`, `LevelOfSupport`, `support-level`,
 *        `cdx:lifecycle:supportStatus`, `support status`
 * - end of support:    endofsupport, endofsupportdate, eos, eosdate, supportenddate,
 *                      supportend, endofsecuritysupport
 *   e.g. `cdx:lifecycle:milestone:endOfSupport` (the CycloneDX property taxonomy's name),
 *        `fda:end-of-support`, `end_of_support_date`, `EOS`, `support-end-date`
 *
 * `endOfLife` is deliberately not accepted: in the CycloneDX taxonomy it is the end of *sale*,
 * which is a different date. The first matching property wins, except that the taxonomy's
 * `cdx:lifecycle:milestone:endOfSupport` wins over any other end-of-support name.
 */
import type { SbomProperty } from '../../domain/inventory/sbom.ts';

const LEVEL_KEYS = new Set(['levelofsupport', 'supportlevel', 'softwaresupportlevel', 'supportstatus', 'levelsupport', 'maintenancestatus']);
const EOS_KEYS = new Set(['endofsupport', 'endofsupportdate', 'eos', 'eosdate', 'supportenddate', 'supportend', 'endofsecuritysupport']);
const TAXONOMY_EOS = 'cdx:lifecycle:milestone:endofsupport';

export function normalisePropertyName(name: string): string {
  const last = name.slice(name.lastIndexOf(':') + 1);
  return last.toLowerCase().replace(/[-_.\s]/gu, '');
}

export interface FdaFields {
  readonly levelOfSupport: string | null;
  readonly endOfSupport: string | null;
}

export function fdaFieldsFromProperties(properties: readonly SbomProperty[]): FdaFields {
  let levelOfSupport: string | null = null;
  let endOfSupport: string | null = null;
  let eosFromTaxonomy = false;
  for (const p of properties) {
    const value = p.value.trim();
    if (value === '') continue;
    const key = normalisePropertyName(p.name);
    if (levelOfSupport === null && LEVEL_KEYS.has(key)) levelOfSupport = value;
    if (EOS_KEYS.has(key)) {
      const isTaxonomy = p.name.toLowerCase() === TAXONOMY_EOS;
      if (endOfSupport === null || (isTaxonomy && !eosFromTaxonomy)) {
        endOfSupport = value;
        eosFromTaxonomy = isTaxonomy;
      }
    }
  }
  return { levelOfSupport, endOfSupport };
}

/**
 * Hand-written advisory and component builders for the matching tests (test use only).
 */
import type { AffectedPackage, AffectedRange, Advisory, AdvisorySource, CpeConfiguration, CpeMatchCriterion, CsafProduct } from '../advisories/advisory.ts';
import type { MatchComponent } from './types.ts';

export function advisory(id: string, parts: Partial<Pick<Advisory, 'affected' | 'cpeConfigurations' | 'csafProducts' | 'aliases' | 'withdrawn'>> & { source?: AdvisorySource } = {}): Advisory {
  return {
    source: parts.source ?? 'osv',
    id,
    aliases: parts.aliases ?? [],
    related: [],
    summary: null,
    details: null,
    published: '2024-01-01T00:00:00Z',
    modified: '2024-01-02T00:00:00Z',
    withdrawn: parts.withdrawn ?? null,
    affected: parts.affected ?? [],
    cpeConfigurations: parts.cpeConfigurations ?? [],
    csafProducts: parts.csafProducts ?? [],
    severities: [],
    cwes: [],
    references: [],
    credits: [],
  };
}

type Ev = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export function range(type: AffectedRange['type'], events: Ev[], repo?: string): AffectedRange {
  return repo ? { type, repo, events } : { type, events };
}

export function pkg(ecosystem: string | null, name: string, ranges: AffectedRange[], extra: { versions?: string[]; purl?: string; fixedVersions?: string[] } = {}): AffectedPackage {
  const fixed = extra.fixedVersions ?? ranges.flatMap((r) => r.events.flatMap((e) => ('fixed' in e ? [e.fixed] : [])));
  return { purl: extra.purl ?? null, ecosystem, name, ranges, versions: extra.versions ?? [], fixedVersions: fixed };
}

/** One OSV-shaped affected entry with ECOSYSTEM introduced/fixed pairs. */
export function eco(ecosystem: string, name: string, ...events: Ev[]): AffectedPackage {
  return pkg(ecosystem, name, [range('ECOSYSTEM', events)]);
}

export function criterion(criteria: string, bounds: Omit<CpeMatchCriterion, 'criteria' | 'vulnerable'> = {}, vulnerable = true): CpeMatchCriterion {
  return { criteria, vulnerable, ...bounds };
}

export function orConfig(...cpeMatch: CpeMatchCriterion[]): CpeConfiguration {
  return { operator: 'OR', nodes: [{ operator: 'OR', negate: false, cpeMatch }] };
}

export function component(ref: string, fields: Partial<MatchComponent>): MatchComponent {
  return { ref, name: fields.name ?? ref, version: null, purl: null, cpe: null, ...fields };
}

const NO_HELPERS: CsafProduct['helpers'] = { cpe: null, purl: null, hashes: [], modelNumbers: [], serialNumbers: [], skus: [] };

export function csafProduct(productId: string, fields: Partial<Omit<CsafProduct, 'helpers'>> & { helpers?: Partial<CsafProduct['helpers']> }): CsafProduct {
  return {
    productId,
    name: fields.name ?? productId,
    vendor: fields.vendor ?? null,
    product: fields.product ?? null,
    version: fields.version ?? null,
    versionRange: fields.versionRange ?? null,
    status: fields.status ?? 'known_affected',
    helpers: { ...NO_HELPERS, ...(fields.helpers ?? {}) },
    ...(fields.relationship ? { relationship: fields.relationship } : {}),
    ...(fields.fixedVersions ? { fixedVersions: fields.fixedVersions } : {}),
  };
}

/**
 * Keys under which an advisory's packages and CPE criteria are stored, so that the matcher finds
 * candidate advisories for a component with one indexed look-up.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/chain.ts';
import { purlForOsvEcosystem } from '../identity/ecosystems.ts';
import { buildPurl, packageKey } from '../identity/purl.ts';
import type { AffectedPackage, Advisory } from './advisory.ts';

/** `pkg:type/namespace/name` for an affected package, or `eco:<ecosystem>/<name>` when no purl type is known. */
export function affectedPackageKey(p: AffectedPackage): string {
  if (p.purl) {
    try {
      return packageKey(p.purl);
    } catch {
      // fall through to the ecosystem
    }
  }
  if (p.ecosystem) {
    const mapping = purlForOsvEcosystem(p.ecosystem);
    if (mapping) {
      try {
        const slash = mapping.namespace === null ? p.name.lastIndexOf('/') : -1;
        const namespace = mapping.namespace ?? (slash > 0 && ['golang', 'npm', 'maven', 'composer'].includes(mapping.type) ? p.name.slice(0, slash).replace(/:/g, '/') : null);
        const name = mapping.namespace === null && slash > 0 && namespace ? p.name.slice(slash + 1) : p.name;
        const mavenSplit = mapping.type === 'maven' && p.name.includes(':') ? p.name.split(':') : null;
        return packageKey(buildPurl({ type: mapping.type, namespace: mavenSplit ? mavenSplit[0]! : namespace, name: mavenSplit ? mavenSplit[1]! : name, version: null, qualifiers: null, subpath: null }));
      } catch {
        // fall through
      }
    }
    return `eco:${p.ecosystem.split(':')[0]!.toLowerCase()}/${p.name.toLowerCase()}`;
  }
  return `name:${p.name.toLowerCase()}`;
}

/** `vendor:product` of a CPE 2.3 formatted string or 2.2 URI, lower-cased; null when unreadable. */
export function cpeVendorProduct(cpe: string): string | null {
  const m = /^cpe:2\.3:[aoh*-]:((?:\\.|[^:\\])+):((?:\\.|[^:\\])+):/i.exec(cpe) ?? /^cpe:\/[aoh]?:([^:]+):([^:]+)/i.exec(cpe);
  if (!m) return null;
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1').toLowerCase();
  return `${unescape(m[1]!)}:${unescape(m[2]!)}`;
}

/** Highest CVSS base score among the advisory's CVSS severities. */
export function maxCvssScore(a: Advisory): number | null {
  let max: number | null = null;
  for (const s of a.severities) {
    if (s.type !== 'vendor' && typeof s.score === 'number' && (max === null || s.score > max)) max = s.score;
  }
  return max;
}

/** Stable digest of an advisory's normalised content: unchanged records are skipped on re-ingest. */
export function advisoryContentHash(a: Advisory): string {
  return createHash('sha256').update(canonicalJson(a)).digest('hex');
}

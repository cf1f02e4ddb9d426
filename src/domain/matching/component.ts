/**
 * A component read once for matching: purl parsed, look-up keys (binary and source package),
 * OSV ecosystem and release, version scheme, CPE (given or derived), hashes, model numbers and
 * normalised names. `matchComponent` prepares each component it is given; callers matching one
 * component against many advisory batches can prepare it themselves and pass the result.
 */
import { parseCpe, cpeValueText, type Cpe } from '../identity/cpe.ts';
import { knownCpeForPurl, osvEcosystemForPurl, schemeForPurlType, versSchemeForPurlType } from '../identity/ecosystems.ts';
import { formatPurl, packageKey, parsePurl, type Purl } from '../identity/purl.ts';
import type { SchemeId } from '../versions/scheme.ts';
import { CachedScheme, lookupScheme } from '../ranges/schemes.ts';
import { modelPropertyKind, nameTokens, normaliseHashAlgorithm, normaliseModel, vendorTokens } from './names.ts';
import type { MatchComponent, MatchIdentifier } from './types.ts';

/** One package identity of a component: the purl's own, or the source package named by a qualifier. */
export interface ComponentPackage {
  readonly key: string;
  readonly identifier: MatchIdentifier;
  /** The version to compare for this identity (source version when the qualifier gives one). */
  readonly version: string | null;
}

export interface PreparedCpe {
  readonly text: string;
  readonly wfn: Cpe;
  readonly derived: boolean;
  /** Index key of the vendor and product (`cpeIndexKey`); null when either is ANY, NA or a wildcard. */
  readonly indexKey: string | null;
  /** `vendor:product` as text, lower case, for messages and the product-scheme table. */
  readonly vendorProduct: string;
  /** The CPE's own version when it names one (not ANY/NA). */
  readonly version: string | null;
  /** Non-version attributes pre-read for the hot path (`cpeAttributeKeys`). */
  readonly keys: readonly CpeAttributeKey[];
}

/** A pre-read attribute: its lower-case plain value, or ANY (0), NA (1), a value with a wildcard (2). */
export type CpeAttributeKey = string | 0 | 1 | 2;

/** The attributes compared for identity, in this order (version and update are left to the version check). */
export const CPE_IDENTITY_ATTRIBUTES = ['part', 'vendor', 'product', 'edition', 'language', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const;

export function cpeAttributeKeys(wfn: Cpe): CpeAttributeKey[] {
  return CPE_IDENTITY_ATTRIBUTES.map((a) => {
    const v = wfn[a];
    if ('logical' in v) return v.logical === 'ANY' ? 0 : 1;
    return hasWildcard(v.value) ? 2 : v.value.toLowerCase();
  });
}

export interface PreparedComponent {
  readonly prepared: true;
  readonly component: MatchComponent;
  readonly ref: string;
  readonly purl: Purl | null;
  /** Why the purl could not be read, when it could not. */
  readonly purlProblem: string | null;
  readonly packages: readonly ComponentPackage[];
  /** OSV ecosystem base ("Debian") and release ("12") of the purl, when known. */
  readonly ecosystemBase: string | null;
  readonly ecosystemRelease: string | null;
  /** The distro qualifier as written, for messages. */
  readonly distro: string | null;
  /** The major release number at the end of the distro qualifier ("rhel-8.8" → "8"). */
  readonly distroMajor: string | null;
  /** Scheme of the purl type (null without purl or for an unmapped type). */
  readonly scheme: SchemeId | null;
  readonly versType: string | null;
  readonly cpe: PreparedCpe | null;
  readonly cpeProblem: string | null;
  /** `alg:value` of every hash, normalised. */
  readonly hashes: ReadonlySet<string>;
  readonly hashText: ReadonlyMap<string, string>;
  /** Normalised model numbers and SKUs (properties, and the component name as a model number). */
  readonly models: ReadonlyMap<string, 'model-number' | 'sku'>;
  readonly nameWords: readonly string[];
  readonly vendorWords: readonly string[] | null;
  /** The version the component states (purl version, else `version`), with an rpm epoch qualifier applied. */
  readonly version: string | null;
  /** Parses a version under a scheme, once per (scheme, version). */
  parse(scheme: CachedScheme, version: string): { ok: true; value: unknown } | { ok: false; reason: string };
}

export function isPreparedComponent(c: MatchComponent | PreparedComponent): c is PreparedComponent {
  return (c as PreparedComponent).prepared === true;
}

/** rpm purls carry the epoch as a qualifier: `epoch=1` + `1.1.1k-9.el8` → `1:1.1.1k-9.el8`. */
function withEpoch(purl: Purl, version: string): string {
  const epoch = purl.qualifiers?.epoch;
  if (purl.type === 'rpm' && epoch && epoch !== '0' && !version.includes(':')) return `${epoch}:${version}`;
  return version;
}

/**
 * The source package named by an `upstream=` or `source=` qualifier (syft writes
 * `upstream=openssl` or `upstream=openssl@1.1.1n-0`; rpm tools may write the source rpm file
 * name `openssl-1.1.1k-9.el8_7.src.rpm`).
 */
function sourcePackage(purl: Purl): { name: string; version: string | null; qualifier: string } | null {
  const q = purl.qualifiers;
  if (!q) return null;
  const qualifier = q.upstream !== undefined ? 'upstream' : q.source !== undefined ? 'source' : null;
  if (!qualifier) return null;
  let value = q[qualifier]!.trim();
  let version: string | null = null;
  if (value.endsWith('.src.rpm')) {
    value = value.slice(0, -'.src.rpm'.length);
    const parts = value.split('-');
    // name-version-release: the version part starts with a digit.
    if (parts.length >= 3 && /^\d/.test(parts[parts.length - 2]!)) {
      version = `${parts[parts.length - 2]}-${parts[parts.length - 1]}`;
      value = parts.slice(0, -2).join('-');
    }
  } else {
    const at = value.indexOf('@');
    if (at > 0) {
      version = value.slice(at + 1) || null;
      value = value.slice(0, at);
    }
  }
  if (!value || value === purl.name) return null;
  return { name: value, version, qualifier };
}

/** `vendor\u0000product` of plain (no ANY/NA, no wildcard) values, lower case; null otherwise. */
export function cpeIndexKey(wfn: Cpe): string | null {
  const v = wfn.vendor;
  const p = wfn.product;
  if (!('value' in v) || !('value' in p)) return null;
  if (hasWildcard(v.value) || hasWildcard(p.value)) return null;
  return `${v.value.toLowerCase()}\u0000${p.value.toLowerCase()}`;
}

function hasWildcard(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
  }
  return false;
}

function escapeFs(value: string): string {
  let out = '';
  for (const ch of value) out += ch === ':' || ch === '*' || ch === '?' || ch === '\\' ? `\\${ch}` : ch;
  return out;
}

function prepareCpe(component: MatchComponent, purl: Purl | null): { cpe: PreparedCpe | null; problem: string | null } {
  if (component.cpe) {
    try {
      const wfn = parseCpe(component.cpe);
      const v = wfn.version;
      return {
        cpe: {
          text: component.cpe,
          wfn,
          derived: false,
          indexKey: cpeIndexKey(wfn),
          keys: cpeAttributeKeys(wfn),
          vendorProduct: `${cpeValueText(wfn.vendor).toLowerCase()}:${cpeValueText(wfn.product).toLowerCase()}`,
          version: 'value' in v ? cpeValueText(v) : null,
        },
        problem: null,
      };
    } catch (err) {
      return { cpe: null, problem: `the component's CPE '${component.cpe}' does not parse: ${(err as Error).message}` };
    }
  }
  if (!purl) return { cpe: null, problem: null };
  const known = knownCpeForPurl(purl);
  if (!known) return { cpe: null, problem: null };
  const version = component.version ?? purl.version;
  const text = `cpe:2.3:${known.part}:${escapeFs(known.vendor)}:${escapeFs(known.product)}:${version ? escapeFs(version) : '*'}:*:*:*:*:*:*:*`;
  try {
    const wfn = parseCpe(text);
    return { cpe: { text, wfn, derived: true, indexKey: cpeIndexKey(wfn), keys: cpeAttributeKeys(wfn), vendorProduct: `${known.vendor}:${known.product}`, version }, problem: null };
  } catch (err) {
    return { cpe: null, problem: `could not derive a CPE from the purl: ${(err as Error).message}` };
  }
}

/** Reads a component once for matching against any number of advisories. */
export function prepareComponent(component: MatchComponent): PreparedComponent {
  let purl: Purl | null = null;
  let purlProblem: string | null = null;
  if (component.purl) {
    try {
      purl = parsePurl(component.purl);
    } catch (err) {
      purlProblem = `the component's purl '${component.purl}' does not parse: ${(err as Error).message}`;
    }
  }
  const rawVersion = purl?.version ?? component.version ?? null;
  const version = purl && rawVersion ? withEpoch(purl, rawVersion) : rawVersion;
  const packages: ComponentPackage[] = [];
  let ecosystemBase: string | null = null;
  let ecosystemRelease: string | null = null;
  if (purl) {
    packages.push({ key: packageKey(purl), version, identifier: { kind: 'purl', value: formatPurl(purl), derived: false } });
    const source = sourcePackage(purl);
    if (source) {
      const sourcePurl: Purl = { ...purl, name: source.name, version: source.version ?? purl.version };
      const sourceVersion = source.version ? withEpoch(purl, source.version) : version;
      packages.push({
        key: packageKey(sourcePurl),
        version: sourceVersion,
        identifier: {
          kind: 'purl',
          value: formatPurl(sourcePurl),
          derived: true,
          note: `source package '${source.name}' from the ${source.qualifier}= qualifier of ${formatPurl(purl)}`,
        },
      });
    }
    const eco = osvEcosystemForPurl(purl);
    if (eco) {
      const i = eco.indexOf(':');
      ecosystemBase = i === -1 ? eco : eco.slice(0, i);
      ecosystemRelease = i === -1 ? null : eco.slice(i + 1);
    }
  }
  const { cpe, problem: cpeProblem } = prepareCpe(component, purl);
  const hashes = new Set<string>();
  const hashText = new Map<string, string>();
  for (const h of component.hashes ?? []) {
    const k = `${normaliseHashAlgorithm(h.alg)}:${h.content.trim().toLowerCase()}`;
    hashes.add(k);
    hashText.set(k, `${h.alg}:${h.content}`);
  }
  const models = new Map<string, 'model-number' | 'sku'>();
  for (const p of component.properties ?? []) {
    const kind = modelPropertyKind(p.name);
    if (kind && p.value.trim()) models.set(normaliseModel(p.value), kind);
  }
  if (component.name && !models.has(normaliseModel(component.name))) models.set(normaliseModel(component.name), 'model-number');
  const cache = new Map<string, Map<string, { ok: true; value: unknown } | { ok: false; reason: string }>>();
  const scheme = purl ? (schemeForPurlType(purl.type) ?? null) : null;
  return {
    prepared: true,
    component,
    ref: component.ref,
    purl,
    purlProblem,
    packages,
    ecosystemBase,
    ecosystemRelease,
    distro: purl?.qualifiers?.distro ?? null,
    distroMajor: /(\d+)(?:\.\d+)*$/.exec(purl?.qualifiers?.distro ?? '')?.[1] ?? null,
    scheme,
    versType: purl ? (versSchemeForPurlType(purl.type) ?? null) : null,
    cpe,
    cpeProblem,
    hashes,
    hashText,
    models,
    nameWords: nameTokens(component.name ?? ''),
    vendorWords: component.supplier ? vendorTokens(component.supplier) : null,
    version,
    parse(s: CachedScheme, v: string) {
      let byVersion = cache.get(s.id);
      if (!byVersion) cache.set(s.id, (byVersion = new Map()));
      let r = byVersion.get(v);
      if (!r) {
        r = s.parse(v);
        byVersion.set(v, r);
      }
      return r;
    },
  };
}

const SCHEMES = new Map<string, CachedScheme | null>();

/** A shared cached comparator per scheme id (null when Vigil has none). */
export function cachedScheme(id: string): CachedScheme | null {
  let s = SCHEMES.get(id);
  if (s === undefined) {
    const lookup = lookupScheme(id);
    s = lookup.ok ? new CachedScheme(lookup.scheme) : null;
    SCHEMES.set(id, s);
  }
  return s;
}

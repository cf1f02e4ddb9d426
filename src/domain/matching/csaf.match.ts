/**
 * The CSAF route: products of a CSAF product tree with their status in the advisory.
 *
 * A component is tied to a product, strongest first, by
 *   - a file hash equal to one of the product's hashes (confidence high, version not needed);
 *   - the product's purl helper (same package key; the helper's version, when it has one,
 *     must equal the component's; confidence high, method `purl`);
 *   - a model number or SKU equal to a component property (`model`, `modelNumber`, `sku`,
 *     `partNumber`, … — the last `:`-segment of the property name) or to the component's name
 *     (confidence medium, method `csaf`);
 *   - the product's CPE helper (IR 7696, as on the CPE route; confidence low, method `cpe`);
 *   - vendor + product name: normalised words equal (the vendor's words may prefix either
 *     side), the vendor compared with the component's supplier (confidence medium; low when
 *     the component names no supplier, so the vendor could not be compared), method `name`.
 * The version is then tested against the product's version (`vers:` or one version) or version
 * range (`vers:` or text such as `<= 9.33`, `>= 1.3.4 | < 1.5.3`, `2.3.6 and below`), read
 * with the generic scheme unless a `vers:` type names another. Text that cannot be read makes
 * the result indeterminate with the text quoted.
 *
 * Status: known_affected / first_affected / last_affected → affected; under_investigation →
 * indeterminate; fixed / first_fixed / known_not_affected → no result, and when such a product
 * names the component's exact version it overrides affected products of the same advisory
 * matched by name or range (the vendor's specific statement wins); recommended → ignored.
 */
import type { CsafProduct } from '../advisories/advisory.ts';
import { compareCpeValues, parseCpe, type Cpe } from '../identity/cpe.ts';
import { packageKey, parsePurl, type Purl } from '../identity/purl.ts';
import { schemeForPurlType } from '../identity/ecosystems.ts';
import { compileVers, type CompiledVers } from '../ranges/vers.ts';
import type { CachedScheme } from '../ranges/schemes.ts';
import { cachedScheme, type PreparedComponent } from './component.ts';
import { nameTokens, normaliseHashAlgorithm, normaliseModel, sameProduct, sameVendor, vendorTokens } from './names.ts';
import type { RouteOutcome } from './purl.match.ts';
import type { AdvisoryCriterion, MatchConfidence, MatchEvidence, MatchIdentifier, MatchMethod, MatchScheme } from './types.ts';

type Via = Extract<AdvisoryCriterion, { kind: 'csaf' }>['via'];

interface VersionTest {
  /** The text tested, as written (product version or range). */
  readonly text: string | null;
  readonly all: boolean;
  /** Versions the text names one by one, as compared by text (lower case, single spaces): "1.3.1 Build 13". */
  readonly points: readonly string[];
  readonly compiled: CompiledVers | null;
  readonly problem: string | null;
  readonly scheme: MatchScheme;
}

export interface PreparedCsafProduct {
  readonly product: CsafProduct;
  readonly kind: 'affected' | 'investigating' | 'negative' | 'ignored';
  readonly purl: { readonly key: string; readonly version: string | null; readonly scheme: CachedScheme | null; readonly text: string } | null;
  readonly cpe: Cpe | null;
  readonly hashes: ReadonlySet<string>;
  readonly models: ReadonlyMap<string, 'model-number' | 'sku'>;
  readonly vendorWords: readonly string[];
  readonly productWords: readonly string[];
  readonly fullNameWords: readonly string[];
  readonly version: VersionTest;
  readonly conditions: readonly string[];
}

const GENERIC: MatchScheme = { id: 'generic', origin: 'generic' };

function startsWithDigit(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || ((s[0] === 'v' || s[0] === 'V') && s.charCodeAt(1) >= 48 && s.charCodeAt(1) <= 57);
}

/** Escapes a version for a vers constraint. */
function versVersion(v: string): string {
  return encodeURIComponent(v).replace(/%2B/gi, '+');
}

/**
 * Reads CSAF version text into a generic vers: `<= 9.33`, `<9.33`, `< B.06.18`, `>= 1.3.4 | < 1.5.3`,
 * `2.3.6 and below/prior/earlier`, `prior to 2.0`, `before 2.0`, `up to 2.0`, `all versions`,
 * lists of versions (`24950 | 24952`, `2131 and 2141`); a trailing `(remark)` is ignored.
 * Returns a reason when the text is not one of these.
 */
export function csafRangeToVers(text: string): { ok: true; vers: string } | { ok: false; reason: string } {
  // A trailing remark in parentheses ("<= 2.01 (end-of-life Nov 2017)") is not part of the range.
  const t = text.trim().replace(/\s+/g, ' ').replace(/ \([^()]*\)$/, '');
  const lower = t.toLowerCase();
  if (lower === 'all' || lower === 'all versions' || lower === '*') return { ok: true, vers: 'vers:all/*' };
  const tail = /^(\S+) (?:and|&) (?:below|prior|earlier|older|lower|before)(?: versions?)?$/i.exec(t);
  if (tail && startsWithDigit(tail[1]!)) return { ok: true, vers: `vers:generic/<=${versVersion(tail[1]!)}` };
  const head = /^(prior to|before|up to|through|until) (?:version )?(\S+)$/i.exec(t);
  if (head && startsWithDigit(head[2]!)) {
    const op = /^(up to|through)$/i.test(head[1]!) ? '<=' : '<';
    return { ok: true, vers: `vers:generic/${op}${versVersion(head[2]!)}` };
  }
  const parts = t.split(/\s*(?:\||,|\band\b)\s*/i).filter((p) => p !== '');
  const constraints: string[] = [];
  for (const part of parts) {
    const m = /^(<=|>=|<|>|=|!=)\s*(?:version\s+)?(\S+)$/i.exec(part);
    const point = m ? null : part.replace(/^version\s+/i, '');
    const version = m ? m[2]! : point!;
    // A version starts with a digit; after an operator, a letter prefix is accepted when a digit follows (B.06.18, R8.0.3).
    const readable = startsWithDigit(version) || (m !== null && /^[A-Za-z]{1,2}[.\d]*\d/.test(version));
    if (!readable || version.toLowerCase().endsWith('.x')) return { ok: false, reason: `'${text}' is not a version range Vigil can read (part '${part}')` };
    constraints.push(m && m[1] !== '=' ? `${m[1]}${versVersion(version)}` : versVersion(version));
  }
  if (constraints.length === 0) return { ok: false, reason: `'${text}' is empty` };
  return { ok: true, vers: `vers:generic/${constraints.join('|')}` };
}

/** Version text as compared when it is not a version a scheme parses: lower case, single spaces. */
function textKey(v: string): string {
  return v.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The points of a vers made only of `=` constraints (decoded), else none. */
function versPoints(vers: string): string[] {
  const body = vers.slice(vers.indexOf('/') + 1).split('|');
  if (body.some((c) => c === '*' || c.startsWith('<') || c.startsWith('>') || c.startsWith('!'))) return [];
  return body.map((c) => textKey(decodeURIComponent(c.replace(/^=/, ''))));
}

function versionTest(p: CsafProduct): VersionTest {
  const text = p.versionRange ?? p.version;
  const none = { all: false, compiled: null, problem: null, points: [] as string[], scheme: GENERIC };
  if (!text) return { ...none, text: null, all: true };
  let vers: string;
  let points: string[] = [];
  if (text.toLowerCase().startsWith('vers:')) vers = text;
  else {
    // Range text, or a list of versions ("24950 | 24952", "2131 and 2141", "2.3.6 and below") in either field.
    const r = csafRangeToVers(text);
    if (r.ok) {
      vers = r.vers;
      points = versPoints(vers);
    } else if (!p.versionRange && startsWithDigit(text.trim()) && !textKey(text).endsWith('.x')) {
      vers = `vers:generic/${versVersion(text.trim())}`;
      points = [textKey(text)];
    } else if (!p.versionRange && startsWithDigit(text.trim())) {
      // "14.1.x": a series, compared by text only.
      return { ...none, text, points: [textKey(text)], problem: `the product version '${text}' names a series Vigil cannot compare except by equal text` };
    } else {
      return { ...none, text, problem: p.versionRange ? r.reason : `the product version '${text}' is not a version Vigil can compare` };
    }
  }
  const c = compileVers(vers);
  if (!c.ok) {
    if (points.length > 0) return { ...none, text, points, problem: `'${text}' is compared by text only: ${c.reason}` };
    return { ...none, text, problem: `'${text}' cannot be read as a range: ${c.reason}` };
  }
  if (c.value.vers.type === 'all') return { ...none, text, all: true };
  const id = c.value.scheme.id;
  return { text, all: false, compiled: c.value, problem: null, points, scheme: { id, origin: id === 'generic' ? 'generic' : 'declared' } };
}

function statusKind(status: CsafProduct['status']): PreparedCsafProduct['kind'] {
  switch (status) {
    case 'known_affected':
    case 'first_affected':
    case 'last_affected':
      return 'affected';
    case 'under_investigation':
      return 'investigating';
    case 'fixed':
    case 'first_fixed':
    case 'known_not_affected':
      return 'negative';
    default:
      return 'ignored';
  }
}

export function prepareCsafProduct(p: CsafProduct): PreparedCsafProduct {
  let purl: PreparedCsafProduct['purl'] = null;
  if (p.helpers.purl) {
    try {
      const parsed: Purl = parsePurl(p.helpers.purl);
      const id = schemeForPurlType(parsed.type);
      purl = { key: packageKey(parsed), version: parsed.version, scheme: id ? cachedScheme(id) : null, text: p.helpers.purl };
    } catch {
      purl = null;
    }
  }
  let cpe: Cpe | null = null;
  if (p.helpers.cpe) {
    try {
      cpe = parseCpe(p.helpers.cpe);
    } catch {
      cpe = null;
    }
  }
  const hashes = new Set<string>();
  for (const h of p.helpers.hashes) hashes.add(`${normaliseHashAlgorithm(h.algorithm)}:${h.value.trim().toLowerCase()}`);
  const models = new Map<string, 'model-number' | 'sku'>();
  for (const m of p.helpers.modelNumbers) models.set(normaliseModel(m), 'model-number');
  for (const m of p.helpers.skus) models.set(normaliseModel(m), 'sku');
  const conditions: string[] = [];
  if (p.relationship) {
    conditions.push(`${p.relationship.category.replace(/_/g, ' ')} ${p.relationship.relatesToName ?? p.relationship.relatesToProductReference} (CSAF relationship, not checked)`);
  }
  return {
    product: p,
    kind: statusKind(p.status),
    purl,
    cpe,
    hashes,
    models,
    vendorWords: p.vendor ? vendorTokens(p.vendor) : [],
    productWords: nameTokens(p.product ?? p.name),
    fullNameWords: nameTokens(p.name),
    version: versionTest(p),
    conditions,
  };
}

interface Identified {
  readonly via: Via;
  readonly method: MatchMethod;
  readonly confidence: MatchConfidence;
  readonly identifier: MatchIdentifier;
  /** Version check: 'none' (hash: the bits are the product), 'purl' (helper version), 'product'. */
  readonly check: 'none' | 'purl' | 'product';
  readonly note: string;
}

function identify(p: PreparedCsafProduct, c: PreparedComponent): Identified | null {
  for (const h of c.hashes) {
    if (p.hashes.has(h)) {
      return { via: 'hash', method: 'csaf', confidence: 'high', identifier: { kind: 'hash', value: c.hashText.get(h) ?? h, derived: false }, check: 'none', note: 'file hash equal' };
    }
  }
  if (p.purl) {
    const pkg = c.packages.find((k) => k.key === p.purl!.key);
    if (pkg) return { via: 'purl', method: 'purl', confidence: 'high', identifier: pkg.identifier, check: p.purl.version ? 'purl' : 'product', note: `purl helper ${p.purl.text}` };
  }
  for (const [m, kind] of p.models) {
    const mine = c.models.get(m);
    if (mine) {
      return { via: kind, method: 'csaf', confidence: 'medium', identifier: { kind, value: m, derived: false, note: mine === kind ? undefined : `component ${mine} equals the product's ${kind}` } as MatchIdentifier, check: 'product', note: `${kind} ${m}` };
    }
  }
  if (p.cpe && c.cpe) {
    let ok = true;
    for (const a of ['part', 'vendor', 'product'] as const) {
      const r = compareCpeValues(p.cpe[a], c.cpe.wfn[a]);
      if (r !== 'EQUAL' && r !== 'SUPERSET') ok = false;
    }
    if (ok) {
      return { via: 'cpe', method: 'cpe', confidence: 'low', identifier: { kind: 'cpe', value: c.cpe.text, derived: c.cpe.derived }, check: 'product', note: `CPE helper ${p.product.helpers.cpe}` };
    }
  }
  if (c.nameWords.length > 0 && (sameProduct(c.nameWords, p.productWords, p.vendorWords) || sameProduct(c.nameWords, p.fullNameWords, p.vendorWords))) {
    if (p.vendorWords.length > 0 && c.vendorWords && c.vendorWords.length > 0) {
      if (!sameVendor(p.vendorWords, c.vendorWords)) return null;
      return {
        via: 'name',
        method: 'name',
        confidence: 'medium',
        identifier: { kind: 'name', value: `${c.component.supplier} / ${c.component.name}`, derived: false },
        check: 'product',
        note: `vendor '${c.component.supplier}' ≈ '${p.product.vendor}' and name '${c.component.name}' ≈ '${p.product.product ?? p.product.name}' after normalisation`,
      };
    }
    return {
      via: 'name',
      method: 'name',
      confidence: 'low',
      identifier: { kind: 'name', value: c.component.name, derived: false },
      check: 'product',
      note: `name '${c.component.name}' ≈ '${p.product.product ?? p.product.name}' after normalisation; vendor not compared (${c.vendorWords ? 'the product names no vendor' : 'the component names no supplier'})`,
    };
  }
  return null;
}

type VersionVerdict = { readonly status: 'affected' | 'not-affected' | 'indeterminate'; readonly reason: string; readonly exact: boolean };

function checkVersion(p: PreparedCsafProduct, id: Identified, c: PreparedComponent): VersionVerdict {
  if (id.check === 'none') return { status: 'affected', reason: 'the file hash identifies the exact build', exact: true };
  if (id.check === 'purl') {
    const want = p.purl!.version!;
    const have = c.packages.find((k) => k.key === p.purl!.key)?.version ?? null;
    if (!have) return { status: 'indeterminate', reason: `the purl helper names version ${want}; the component has no version`, exact: false };
    if (have === want) return { status: 'affected', reason: `version ${have} = ${want} of the purl helper`, exact: true };
    const s = p.purl!.scheme;
    if (!s) return { status: 'indeterminate', reason: `no comparator for the purl helper's type: cannot compare ${have} with ${want}`, exact: false };
    const a = c.parse(s, have);
    const b = s.parse(want);
    if (!a.ok || !b.ok) return { status: 'indeterminate', reason: `cannot compare ${have} with ${want} under the ${s.id} scheme (${!a.ok ? a.reason : (b as { reason: string }).reason})`, exact: false };
    return s.compareParsed(a.value, b.value) === 0
      ? { status: 'affected', reason: `version ${have} = ${want} of the purl helper (${s.id} scheme)`, exact: true }
      : { status: 'not-affected', reason: `version ${have} ≠ ${want} of the purl helper (${s.id} scheme)`, exact: false };
  }
  const v = p.version;
  const version = c.component.version ?? c.version;
  if (v.all) return { status: 'affected', reason: v.text ? `the product names ${v.text}: every version` : 'the product names no version: every version of it is listed', exact: false };
  if (!version) return { status: 'indeterminate', reason: `the component has no version to test against '${v.text}'`, exact: false };
  if (v.points.length > 0 && v.points.includes(textKey(version))) {
    return { status: 'affected', reason: `version '${version}' is named by the product's version text '${v.text}' (equal text)`, exact: p.product.versionRange === null || v.points.length > 0 };
  }
  if (v.problem) return { status: 'indeterminate', reason: v.problem, exact: false };
  const r = v.compiled!.test(version);
  const exact = p.product.versionRange === null && r.status === 'affected';
  return { status: r.status, reason: `${r.reason.replace(/ \([a-z]+\)$/, '')} (${v.text === v.compiled!.text ? '' : `'${v.text}' read as ${v.compiled!.text}, `}${v.scheme.origin === 'generic' ? 'generic scheme: CSAF names no scheme' : `${v.scheme.id} scheme`})`, exact };
}

export interface CsafOutcome {
  readonly outcome: RouteOutcome;
  readonly method: MatchMethod;
  readonly confidence: MatchConfidence;
}

/** Evaluates every product of the advisory; the best positive result, unless a negative statement names this exact version. */
export function matchCsaf(products: readonly PreparedCsafProduct[], c: PreparedComponent, trace: string[] | null): CsafOutcome | null {
  let best: CsafOutcome | null = null;
  let negative: string | null = null;
  const rank = (o: CsafOutcome): number => (o.outcome.status === 'affected' ? 10 : 0) + (o.confidence === 'high' ? 3 : o.confidence === 'medium' ? 2 : 1);
  for (const p of products) {
    if (p.kind === 'ignored') continue;
    const id = identify(p, c);
    if (!id) continue;
    const verdict = checkVersion(p, id, c);
    const label = `CSAF product ${p.product.productId} '${p.product.name}' (${p.product.status})`;
    if (p.kind === 'negative') {
      if (verdict.status === 'affected' && verdict.exact) negative = `${label} names this version via ${id.note}: ${verdict.reason}`;
      else if (trace) trace.push(`${label}: ${id.note}; ${verdict.reason}`);
      continue;
    }
    if (verdict.status === 'not-affected') {
      if (trace) trace.push(`${label}: ${id.note}, but ${verdict.reason}`);
      continue;
    }
    const status = p.kind === 'investigating' ? 'indeterminate' : verdict.status;
    const criterion: AdvisoryCriterion = {
      kind: 'csaf',
      productId: p.product.productId,
      name: p.product.name,
      vendor: p.product.vendor,
      product: p.product.product,
      version: p.product.version,
      versionRange: p.product.versionRange,
      status: p.product.status,
      via: id.via,
    };
    const vers = p.version.compiled ? p.version.compiled.text : p.version.all ? 'vers:all/*' : null;
    const reason = `${label} identified by ${id.note}; ${verdict.reason}${p.kind === 'investigating' ? '; the vendor is still investigating' : ''}${p.conditions.length ? `; ${p.conditions.join('; ')}` : ''}`;
    const evidence: MatchEvidence = {
      identifier: id.identifier,
      criterion,
      version: c.component.version ?? c.version,
      scheme: id.check === 'product' ? p.version.scheme : id.check === 'purl' && p.purl?.scheme ? { id: p.purl.scheme.id, origin: 'declared' } : null,
      range: id.check === 'product' && (p.version.text || p.version.all) ? { text: p.version.text ?? '(no version: all)', vers } : id.check === 'purl' ? { text: p.purl!.text, vers: null } : null,
      reason,
      conditions: p.conditions,
      fixedVersions: p.product.fixedVersions ?? [],
    };
    const o: CsafOutcome = { outcome: { status, evidence }, method: id.method, confidence: id.confidence };
    if (!best || rank(o) > rank(best)) best = o;
  }
  if (negative) {
    if (trace) trace.push(`${negative}; it overrides ${best ? `the ${best.outcome.status} result of product ${(best.outcome as { evidence: MatchEvidence }).evidence.criterion.kind === 'csaf' ? (best.outcome as { evidence: { criterion: { productId: string } } }).evidence.criterion.productId : ''}` : 'nothing'}`);
    return null;
  }
  return best;
}

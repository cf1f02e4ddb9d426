/**
 * CSAF 2.0 JSON → normalised advisories.
 *
 * One `Advisory` per `vulnerabilities[]` entry, not one per document. An ICSMA document often
 * names several CVEs; Vigil groups the views of one vulnerability by alias, so a single record
 * carrying every CVE of the document as aliases would merge different vulnerabilities. Each
 * advisory's id is `<tracking.id>#<cve>` (or `#<index>` when the entry has no CVE) and its aliases
 * are the CVE and the `ids[].text` of that entry only. The document-level data (document section,
 * product tree) is kept with each advisory in its raw record.
 *
 * Pure: bytes or parsed JSON in, advisories and problems out. See docs/feeds/csaf.md.
 */
import type { Advisory, AffectedPackage, CsafProduct, RecordProblem, Reference, Severity } from '../../domain/advisories/advisory.ts';
import { osvEcosystemForPurl, osvPackageName } from '../../domain/identity/ecosystems.ts';
import { packageKey, parsePurl } from '../../domain/identity/purl.ts';
import type { Purl } from '../../domain/identity/purl.ts';
import { flattenProductTree } from './csaf.product-tree.ts';
import type { FlatProduct, FlatProductTree } from './csaf.product-tree.ts';
import { validateCsafDocument } from './csaf.schema.ts';

export const CSAF_PRODUCT_STATUSES = [
  'first_affected',
  'first_fixed',
  'fixed',
  'known_affected',
  'known_not_affected',
  'last_affected',
  'recommended',
  'under_investigation',
] as const satisfies ReadonlyArray<CsafProduct['status']>;

const AFFECTED_STATUSES: ReadonlySet<string> = new Set(['first_affected', 'known_affected', 'last_affected']);
const FIXED_STATUSES: ReadonlySet<string> = new Set(['first_fixed', 'fixed']);

/** Most schema issues listed for one rejected document; the rest are counted. */
const MAX_SCHEMA_PROBLEMS = 20;

export interface CsafParseOptions {
  /** Where the document came from (file name or URL), used in problems. */
  readonly location: string;
  /** Largest document accepted, in bytes (bytes/string input only). */
  readonly maxBytes?: number;
}

/** Document-level facts, for watermarks, progress and display. */
export interface CsafDocumentInfo {
  readonly trackingId: string;
  readonly title: string;
  readonly category: string;
  readonly csafVersion: string;
  readonly publisher: string | null;
  readonly status: string;
  readonly version: string;
  readonly initialReleaseDate: string;
  readonly currentReleaseDate: string;
  readonly tlp: string | null;
  readonly vulnerabilityCount: number;
  readonly productCount: number;
}

/** The raw record kept with each advisory: the document section, the product tree and this vulnerability. */
export interface CsafRawRecord {
  readonly format: 'csaf';
  readonly csafVersion: string;
  readonly document: unknown;
  readonly productTree: unknown;
  /** Index in `vulnerabilities[]`, null for the record of a document without vulnerabilities. */
  readonly vulnerabilityIndex: number | null;
  readonly vulnerability: unknown;
}

export interface CsafParseResult {
  /** Null when the document was rejected (see problems). */
  readonly document: CsafDocumentInfo | null;
  readonly advisories: readonly Advisory[];
  /** Raw records by advisory id. */
  readonly raw: ReadonlyMap<string, CsafRawRecord>;
  readonly problems: readonly RecordProblem[];
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

/** True when a parsed JSON value looks like a CSAF document (it has `document.csaf_version`). */
export function looksLikeCsaf(value: unknown): boolean {
  return isObject(value) && isObject(value.document) && typeof value.document.csaf_version === 'string';
}

/** Parses CSAF JSON text or bytes (UTF-8, BOM tolerated). */
export function parseCsafJson(input: string | Uint8Array, options: CsafParseOptions): CsafParseResult {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (options.maxBytes !== undefined && size > options.maxBytes) {
    return rejected(options.location, null, `document is ${size} bytes, larger than the limit of ${options.maxBytes}`);
  }
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return rejected(options.location, null, `not valid JSON: ${(e as Error).message}`);
  }
  return parseCsafDocument(value, options);
}

function rejected(location: string, id: string | null, reason: string, path = '$'): CsafParseResult {
  return { document: null, advisories: [], raw: new Map(), problems: [{ source: 'csaf', id, location: `${location} ${path}`, reason }] };
}

/** Parses an already-parsed CSAF 2.0 document. Invalid documents are rejected with one problem per schema issue. */
export function parseCsafDocument(value: unknown, options: CsafParseOptions): CsafParseResult {
  const { location } = options;
  if (!looksLikeCsaf(value)) return rejected(location, null, 'not a CSAF document (no document.csaf_version)');
  const doc = value as Json;
  const document = doc.document as Json;
  const tracking = isObject(document.tracking) ? document.tracking : {};
  const trackingId = str(tracking.id);
  if (document.csaf_version !== '2.0') {
    return rejected(location, trackingId, `csaf_version '${String(document.csaf_version)}' is not supported (only 2.0)`, '$.document.csaf_version');
  }
  const issues = validateCsafDocument(doc);
  if (issues.length > 0) {
    const problems: RecordProblem[] = issues.slice(0, MAX_SCHEMA_PROBLEMS).map((i) => ({ source: 'csaf', id: trackingId, location: `${location} ${i.path}`, reason: `CSAF 2.0 schema: ${i.message}` }));
    if (issues.length > MAX_SCHEMA_PROBLEMS) {
      problems.push({ source: 'csaf', id: trackingId, location: `${location} $`, reason: `CSAF 2.0 schema: ${issues.length - MAX_SCHEMA_PROBLEMS} more issues not listed` });
    }
    return { document: null, advisories: [], raw: new Map(), problems };
  }
  // From here the schema guarantees the required fields and their types.
  const tid = trackingId!;
  const tree = flattenProductTree(doc.product_tree);
  const problems: RecordProblem[] = tree.issues.map((i) => ({ source: 'csaf', id: tid, location: `${location} ${i.path}`, reason: i.reason }));
  const vulnerabilities = arr(doc.vulnerabilities);
  const info: CsafDocumentInfo = {
    trackingId: tid,
    title: String(document.title),
    category: String(document.category),
    csafVersion: '2.0',
    publisher: isObject(document.publisher) ? str(document.publisher.name) : null,
    status: String(tracking.status),
    version: String(tracking.version),
    initialReleaseDate: String(tracking.initial_release_date),
    currentReleaseDate: String(tracking.current_release_date),
    tlp: isObject(document.distribution) && isObject(document.distribution.tlp) ? str(document.distribution.tlp.label) : null,
    vulnerabilityCount: vulnerabilities.length,
    productCount: tree.products.size,
  };
  const withdrawn = withdrawnDate(document, tracking);
  const docRefs = references(document.references, true);
  const docCredits = credits(document.acknowledgments);
  const advisories: Advisory[] = [];
  const raw = new Map<string, CsafRawRecord>();
  const usedIds = new Set<string>();

  if (vulnerabilities.length === 0) {
    // A document without vulnerabilities (e.g. an informational advisory) is kept as one record
    // with no aliases and no products: visible, but it matches nothing and merges with nothing.
    advisories.push({
      source: 'csaf',
      id: tid,
      aliases: [],
      related: [],
      summary: info.title,
      details: noteText(document.notes),
      published: info.initialReleaseDate,
      modified: info.currentReleaseDate,
      withdrawn,
      affected: [],
      cpeConfigurations: [],
      csafProducts: [],
      severities: [],
      cwes: [],
      references: docRefs,
      credits: docCredits,
    });
    raw.set(tid, { format: 'csaf', csafVersion: '2.0', document, productTree: doc.product_tree ?? null, vulnerabilityIndex: null, vulnerability: null });
    return { document: info, advisories, raw, problems };
  }

  vulnerabilities.forEach((v, index) => {
    const vuln = v as Json;
    const cve = str(vuln.cve);
    let id = `${tid}#${cve ?? String(index)}`;
    if (usedIds.has(id)) {
      problems.push({ source: 'csaf', id, location: `${location} $.vulnerabilities[${index}].cve`, reason: `CVE ${cve ?? ''} appears in more than one vulnerability; this one is kept as '${tid}#${index}'` });
      id = `${tid}#${index}`;
    }
    usedIds.add(id);
    const aliases = uniq([...(cve ? [cve] : []), ...arr(vuln.ids).flatMap((x) => (isObject(x) && str(x.text) ? [String(x.text)] : []))]).filter((a) => a !== id);
    const products = productsOf(vuln, index, tree, id, location, problems);
    const fixedByProduct = fixedVersions(vuln, tree, products);
    const csafProducts: CsafProduct[] = products.map(({ product, status }) => {
      const fixed = fixedByProduct.get(product.productId) ?? [];
      return {
        productId: product.productId,
        name: product.name,
        vendor: product.vendor,
        product: product.product,
        version: product.version,
        versionRange: product.versionRange,
        status,
        helpers: product.helpers,
        branches: product.branches,
        ...(product.relationship ? { relationship: product.relationship } : {}),
        ...(fixed.length > 0 ? { fixedVersions: fixed } : {}),
      };
    });
    const vRefs = references(vuln.references, false);
    const seenUrls = new Set(vRefs.map((r) => r.url));
    const vCredits = credits(vuln.acknowledgments);
    advisories.push({
      source: 'csaf',
      id,
      aliases,
      related: [],
      summary: str(vuln.title) ?? info.title,
      details: noteText(vuln.notes) ?? noteText(document.notes),
      published: str(vuln.release_date) ?? info.initialReleaseDate,
      modified: info.currentReleaseDate,
      withdrawn,
      affected: affectedPackages(csafProducts),
      cpeConfigurations: [],
      csafProducts,
      severities: severities(vuln.scores, info.publisher),
      cwes: cwes(vuln),
      references: [...vRefs, ...docRefs.filter((r) => !seenUrls.has(r.url))],
      credits: vCredits.length > 0 ? vCredits : docCredits,
    });
    raw.set(id, { format: 'csaf', csafVersion: '2.0', document, productTree: doc.product_tree ?? null, vulnerabilityIndex: index, vulnerability: vuln });
  });
  return { document: info, advisories, raw, problems };
}

/**
 * CSAF 2.0 has no "withdrawn" status. A document counts as withdrawn when its tracking status is
 * `draft` (not a publication), when its category is `csaf_withdrawn` (the CSAF 2.1 profile name,
 * which a 2.0 producer may already use since the category is free text), or when its title or
 * newest revision-history summary says withdrawn/revoked/rescinded/retracted. `interim` documents
 * are published and in force (only "expected to change"), so they are not withdrawn.
 */
function withdrawnDate(document: Json, tracking: Json): string | null {
  const at = String(tracking.current_release_date);
  if (tracking.status === 'draft') return at;
  if (document.category === 'csaf_withdrawn') return at;
  const words = /\b(withdrawn|revoked|rescinded|retracted)\b/iu;
  if (words.test(String(document.title))) return at;
  const newest = arr(tracking.revision_history)
    .filter(isObject)
    .sort((a, b) => String(a.date).localeCompare(String(b.date)))
    .at(-1);
  if (newest && words.test(String(newest.summary ?? ''))) return at;
  return null;
}

function noteText(notes: unknown): string | null {
  const wanted = ['summary', 'description', 'details', 'general'];
  const parts: string[] = [];
  for (const category of wanted) {
    for (const n of arr(notes)) {
      if (isObject(n) && n.category === category && str(n.text)) parts.push(String(n.text));
    }
  }
  return parts.length > 0 ? uniq(parts).join('\n\n') : null;
}

function references(list: unknown, documentLevel: boolean): Reference[] {
  const out: Reference[] = [];
  const seen = new Set<string>();
  for (const r of arr(list)) {
    if (!isObject(r) || !str(r.url) || seen.has(String(r.url))) continue;
    seen.add(String(r.url));
    out.push({ type: r.category === 'self' && documentLevel ? 'ADVISORY' : 'WEB', url: String(r.url) });
  }
  return out;
}

function credits(list: unknown): string[] {
  const out: string[] = [];
  for (const a of arr(list)) {
    if (!isObject(a)) continue;
    const names = arr(a.names).filter((n): n is string => typeof n === 'string' && n.length > 0);
    const org = str(a.organization);
    if (names.length > 0) out.push(...names.map((n) => (org ? `${n} (${org})` : n)));
    else if (org) out.push(org);
  }
  return uniq(out);
}

function cwes(vuln: Json): string[] {
  const out: string[] = [];
  if (isObject(vuln.cwe) && str(vuln.cwe.id)) out.push(String(vuln.cwe.id));
  for (const c of arr(vuln.cwes)) if (isObject(c) && str(c.id)) out.push(String(c.id));
  return uniq(out);
}

/** CVSS v2 has no qualitative rating in its JSON; NVD's bands are used. */
function v2Rating(score: number): string {
  return score >= 7 ? 'HIGH' : score >= 4 ? 'MEDIUM' : 'LOW';
}

function severities(scores: unknown, publisher: string | null): Severity[] {
  const out: Severity[] = [];
  const seen = new Set<string>();
  const add = (s: Severity): void => {
    const key = `${s.type}|${s.vector}|${s.score}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  for (const s of arr(scores)) {
    if (!isObject(s)) continue;
    for (const [field, type] of [
      ['cvss_v4', 'CVSS_V4'],
      ['cvss_v3', 'CVSS_V3'],
      ['cvss_v2', 'CVSS_V2'],
    ] as const) {
      const c = s[field];
      if (!isObject(c)) continue;
      const score = typeof c.baseScore === 'number' ? c.baseScore : null;
      const rating = str(c.baseSeverity) ?? (type === 'CVSS_V2' && score !== null ? v2Rating(score) : null);
      add({ type, vector: str(c.vectorString), score, rating, source: publisher });
    }
  }
  return out;
}

/** Product ids named by a list of product ids and/or group ids. */
function expand(productIds: unknown, groupIds: unknown, tree: FlatProductTree): string[] {
  const ids = arr(productIds).filter((x): x is string => typeof x === 'string');
  for (const g of arr(groupIds)) if (typeof g === 'string') ids.push(...(tree.groups.get(g) ?? []));
  return uniq(ids);
}

interface ProductWithStatus {
  readonly product: FlatProduct;
  readonly status: CsafProduct['status'];
}

function productsOf(vuln: Json, index: number, tree: FlatProductTree, id: string, location: string, problems: RecordProblem[]): ProductWithStatus[] {
  const out: ProductWithStatus[] = [];
  const status = isObject(vuln.product_status) ? vuln.product_status : {};
  for (const s of CSAF_PRODUCT_STATUSES) {
    arr(status[s]).forEach((pid, j) => {
      if (typeof pid !== 'string') return;
      const product = tree.products.get(pid);
      if (!product) {
        problems.push({ source: 'csaf', id, location: `${location} $.vulnerabilities[${index}].product_status.${s}[${j}]`, reason: `product '${pid}' is not defined in the product tree; skipped` });
        return;
      }
      out.push({ product, status: s });
    });
  }
  return out;
}

/** "Version 1.6.1", "firmware v2.0.3", "release 4.1" in a vendor_fix remediation's text. */
const STATED_VERSION = /\b(?:versions?|v|release|firmware|software|build)\s*:?\s*v?(\d+(?:\.\d+)+(?:[-_.]?[A-Za-z0-9]+)*)/giu;

export function versionsStatedIn(text: string): string[] {
  return uniq([...text.matchAll(STATED_VERSION)].map((m) => m[1]!.replace(/\.$/u, '')));
}

/**
 * Fixed versions per product id: versions of products with `fixed`/`first_fixed` status that carry
 * the same vendor and product name, and versions stated in `vendor_fix` remediations naming the
 * product (not applied to relationship products, whose component has its own version line).
 */
function fixedVersions(vuln: Json, tree: FlatProductTree, products: readonly ProductWithStatus[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  const nameKey = (p: FlatProduct): string | null => (p.product ? `${p.vendor ?? ''}\u0000${p.product}` : null);
  for (const { product, status } of products) {
    const key = nameKey(product);
    if (!key || !FIXED_STATUSES.has(status) || !product.version) continue;
    byName.set(key, [...(byName.get(key) ?? []), product.version]);
  }
  const stated = new Map<string, string[]>();
  for (const r of arr(vuln.remediations)) {
    if (!isObject(r) || r.category !== 'vendor_fix' || !str(r.details)) continue;
    const versions = versionsStatedIn(String(r.details));
    if (versions.length === 0) continue;
    for (const pid of expand(r.product_ids, r.group_ids, tree)) stated.set(pid, [...(stated.get(pid) ?? []), ...versions]);
  }
  const out = new Map<string, string[]>();
  for (const { product } of products) {
    const key = nameKey(product);
    // Text-stated versions name the vendor's product; a relationship's component (e.g. a bundled
    // library) has its own version line, so they are not applied to it.
    const fromText = product.relationship ? [] : (stated.get(product.productId) ?? []);
    const all = uniq([...(key ? (byName.get(key) ?? []) : []), ...fromText]);
    if (all.length > 0) out.set(product.productId, all);
  }
  return out;
}

/**
 * Products that carry a purl become OSV-style affected packages (by package, versionless purl),
 * with the purl's or branch's version as an affected or fixed version. CPE-only and name-only
 * products stay in `csafProducts` for the correlation engine.
 */
function affectedPackages(products: readonly CsafProduct[]): AffectedPackage[] {
  const byKey = new Map<string, { purl: Purl; versions: string[]; fixed: string[]; ranges: string[] }>();
  for (const p of products) {
    if (!p.helpers.purl) continue;
    let purl: Purl;
    try {
      purl = parsePurl(p.helpers.purl);
    } catch {
      continue;
    }
    const key = packageKey(purl);
    const entry = byKey.get(key) ?? { purl, versions: [], fixed: [], ranges: [] };
    byKey.set(key, entry);
    const version = purl.version ?? p.version;
    if (AFFECTED_STATUSES.has(p.status)) {
      if (version) entry.versions.push(version);
      if (p.versionRange) entry.ranges.push(p.versionRange);
      entry.fixed.push(...(p.fixedVersions ?? []));
    } else if (FIXED_STATUSES.has(p.status) && version) {
      entry.fixed.push(version);
    }
  }
  const out: AffectedPackage[] = [];
  for (const [key, e] of byKey) {
    if (e.versions.length === 0 && e.ranges.length === 0) continue;
    out.push({
      purl: key,
      ecosystem: osvEcosystemForPurl(e.purl) ?? null,
      name: osvPackageName(e.purl),
      ranges: [],
      versions: uniq(e.versions),
      fixedVersions: uniq(e.fixed),
      ...(e.ranges.length > 0 ? { databaseSpecific: { csafVersionRanges: uniq(e.ranges) } } : {}),
    });
  }
  return out;
}

/**
 * Flattens a CSAF 2.0 `product_tree` into one entry per `product_id`: full product name, the
 * vendor / product / version read from the branch path, the product identification helper, and
 * for relationships the component and the product it relates to. Pure; tolerant of malformed
 * parts (they are reported and skipped, never thrown).
 */
import type { CsafProduct } from '../../domain/advisories/advisory.ts';

export interface FlatProduct {
  readonly productId: string;
  readonly name: string;
  readonly vendor: string | null;
  readonly product: string | null;
  readonly version: string | null;
  readonly versionRange: string | null;
  readonly helpers: CsafProduct['helpers'];
  readonly branches: ReadonlyArray<{ readonly category: string; readonly name: string }>;
  readonly relationship?: CsafProduct['relationship'];
}

export interface ProductTreeIssue {
  /** JSON path in the document. */
  readonly path: string;
  readonly reason: string;
}

export interface FlatProductTree {
  readonly products: ReadonlyMap<string, FlatProduct>;
  /** `product_groups`: group id → product ids. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  readonly issues: readonly ProductTreeIssue[];
}

/** Branches nested deeper than this are refused (the CSAF 2.1 schema caps the depth at 30). */
const MAX_BRANCH_DEPTH = 64;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}

const EMPTY_HELPERS: CsafProduct['helpers'] = { cpe: null, purl: null, hashes: [], modelNumbers: [], serialNumbers: [], skus: [] };

export function readHelpers(v: unknown): CsafProduct['helpers'] {
  if (!isObject(v)) return EMPTY_HELPERS;
  const hashes: Array<{ filename: string; algorithm: string; value: string }> = [];
  if (Array.isArray(v.hashes)) {
    for (const h of v.hashes) {
      if (!isObject(h) || !Array.isArray(h.file_hashes)) continue;
      const filename = str(h.filename) ?? '';
      for (const fh of h.file_hashes) {
        if (isObject(fh) && str(fh.algorithm) && str(fh.value)) hashes.push({ filename, algorithm: String(fh.algorithm), value: String(fh.value) });
      }
    }
  }
  return {
    cpe: str(v.cpe),
    purl: str(v.purl),
    hashes,
    modelNumbers: strings(v.model_numbers),
    serialNumbers: strings(v.serial_numbers),
    skus: strings(v.skus),
  };
}

interface PathFacts {
  vendor: string | null;
  product: string | null;
  version: string | null;
  versionRange: string | null;
}

function factsOf(branches: ReadonlyArray<{ category: string; name: string }>): PathFacts {
  const facts: PathFacts = { vendor: null, product: null, version: null, versionRange: null };
  for (const b of branches) {
    // the innermost branch of each category wins (a vendor inside a vendor names the sub-vendor)
    if (b.category === 'vendor') facts.vendor = b.name;
    else if (b.category === 'product_name') facts.product = b.name;
    else if (b.category === 'product_version') facts.version = b.name;
    else if (b.category === 'product_version_range') facts.versionRange = b.name;
  }
  return facts;
}

/** Flattens the product tree of a CSAF document (the `product_tree` value, possibly absent). */
export function flattenProductTree(tree: unknown): FlatProductTree {
  const products = new Map<string, FlatProduct>();
  const groups = new Map<string, readonly string[]>();
  const issues: ProductTreeIssue[] = [];
  if (tree === undefined || tree === null) return { products, groups, issues };
  if (!isObject(tree)) {
    issues.push({ path: '$.product_tree', reason: 'product_tree is not an object' });
    return { products, groups, issues };
  }

  const define = (p: FlatProduct, path: string): void => {
    if (products.has(p.productId)) {
      issues.push({ path, reason: `product_id '${p.productId}' is defined more than once; the first definition is kept` });
      return;
    }
    products.set(p.productId, p);
  };

  const walk = (list: unknown, path: string, trail: ReadonlyArray<{ category: string; name: string }>): void => {
    if (!Array.isArray(list)) {
      issues.push({ path, reason: 'branches is not an array' });
      return;
    }
    if (trail.length >= MAX_BRANCH_DEPTH) {
      issues.push({ path, reason: `branches nested deeper than ${MAX_BRANCH_DEPTH} levels; the rest is ignored` });
      return;
    }
    list.forEach((b, i) => {
      const at = `${path}[${i}]`;
      if (!isObject(b) || !str(b.category) || typeof b.name !== 'string') {
        issues.push({ path: at, reason: 'branch without category or name' });
        return;
      }
      const here = [...trail, { category: String(b.category), name: b.name }];
      if (b.product !== undefined) {
        const p = b.product;
        if (!isObject(p) || !str(p.product_id) || typeof p.name !== 'string') {
          issues.push({ path: `${at}.product`, reason: 'product without product_id or name' });
        } else {
          define({ productId: String(p.product_id), name: p.name, ...factsOf(here), helpers: readHelpers(p.product_identification_helper), branches: here }, `${at}.product`);
        }
      }
      if (b.branches !== undefined) walk(b.branches, `${at}.branches`, here);
    });
  };
  if (tree.branches !== undefined) walk(tree.branches, '$.product_tree.branches', []);

  if (Array.isArray(tree.full_product_names)) {
    tree.full_product_names.forEach((p, i) => {
      const at = `$.product_tree.full_product_names[${i}]`;
      if (!isObject(p) || !str(p.product_id) || typeof p.name !== 'string') {
        issues.push({ path: at, reason: 'product without product_id or name' });
        return;
      }
      define({ productId: String(p.product_id), name: p.name, vendor: null, product: null, version: null, versionRange: null, helpers: readHelpers(p.product_identification_helper), branches: [] }, at);
    });
  }

  // Relationships refer to products defined above; they are resolved after all of those exist.
  if (Array.isArray(tree.relationships)) {
    tree.relationships.forEach((r, i) => {
      const at = `$.product_tree.relationships[${i}]`;
      const fpn = isObject(r) ? r.full_product_name : undefined;
      if (!isObject(r) || !str(r.category) || !str(r.product_reference) || !str(r.relates_to_product_reference) || !isObject(fpn) || !str(fpn.product_id) || typeof fpn.name !== 'string') {
        issues.push({ path: at, reason: 'relationship without category, product references or full_product_name' });
        return;
      }
      const component = products.get(String(r.product_reference));
      const target = products.get(String(r.relates_to_product_reference));
      if (!component) issues.push({ path: `${at}.product_reference`, reason: `product_reference '${String(r.product_reference)}' is not defined in the product tree` });
      if (!target) issues.push({ path: `${at}.relates_to_product_reference`, reason: `relates_to_product_reference '${String(r.relates_to_product_reference)}' is not defined in the product tree` });
      const ownHelpers = readHelpers(fpn.product_identification_helper);
      define(
        {
          productId: String(fpn.product_id),
          name: fpn.name,
          vendor: component?.vendor ?? null,
          product: component?.product ?? null,
          version: component?.version ?? null,
          versionRange: component?.versionRange ?? null,
          helpers: isObject(fpn.product_identification_helper) ? ownHelpers : (component?.helpers ?? EMPTY_HELPERS),
          branches: component?.branches ?? [],
          relationship: {
            category: String(r.category),
            productReference: String(r.product_reference),
            relatesToProductReference: String(r.relates_to_product_reference),
            relatesToName: target?.name ?? null,
          },
        },
        `${at}.full_product_name`,
      );
    });
  }

  if (Array.isArray(tree.product_groups)) {
    tree.product_groups.forEach((g, i) => {
      if (!isObject(g) || !str(g.group_id) || !Array.isArray(g.product_ids)) {
        issues.push({ path: `$.product_tree.product_groups[${i}]`, reason: 'product group without group_id or product_ids' });
        return;
      }
      groups.set(String(g.group_id), strings(g.product_ids));
    });
  }
  return { products, groups, issues };
}

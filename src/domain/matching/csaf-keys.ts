/**
 * Look-up keys for CSAF products that carry no purl: the store indexes an advisory under these,
 * and a component under the same kinds of keys, so that a component meets every CSAF product it
 * could be identified with by name or model number (csaf.match.ts decides whether it is).
 *
 *   - `csaf:<name words>`: the product's name words (product name and full name), each also with
 *     the vendor's words removed from the front; for a component, its name words, also with its
 *     supplier's words removed from the front. `sameProduct` compares exactly these forms.
 *   - `model:<model>`: CSAF model numbers and SKUs; a component's model-number/SKU properties,
 *     and (for a component without a purl: devices, firmware) its name read as a model number.
 *
 * Known gap: a component whose name starts with a vendor name that differs from its supplier's
 * (or that names no supplier) meets a vendor-prefixed product only when the product also names
 * itself without the prefix. The file-hash route is not indexed (hashes are compared only for
 * candidates found by another key).
 */
import type { CsafProduct } from '../advisories/advisory.ts';
import type { MatchComponent } from './types.ts';
import { modelPropertyKind, nameTokens, normaliseModel, vendorTokens } from './names.ts';

function stripVendor(words: readonly string[], vendor: readonly string[]): string[] {
  let i = 0;
  while (i < words.length && vendor.includes(words[i]!)) i++;
  return words.slice(i);
}

function nameKeys(words: readonly string[], vendor: readonly string[], into: Set<string>): void {
  if (words.length === 0) return;
  into.add(`csaf:${words.join(' ')}`);
  const stripped = stripVendor(words, vendor);
  if (stripped.length > 0) into.add(`csaf:${stripped.join(' ')}`);
}

/** Keys of a CSAF product identified by name or model (products with a purl helper are keyed by the purl). */
export function csafProductKeys(p: CsafProduct): string[] {
  const keys = new Set<string>();
  const vendor = p.vendor ? vendorTokens(p.vendor) : [];
  nameKeys(nameTokens(p.product ?? p.name), vendor, keys);
  nameKeys(nameTokens(p.name), vendor, keys);
  for (const m of [...p.helpers.modelNumbers, ...p.helpers.skus]) if (m.trim()) keys.add(`model:${normaliseModel(m)}`);
  return [...keys];
}

/** The same kinds of keys for a component. */
export function componentCsafKeys(c: Pick<MatchComponent, 'name' | 'supplier' | 'purl' | 'properties'>): string[] {
  const keys = new Set<string>();
  nameKeys(nameTokens(c.name ?? ''), c.supplier ? vendorTokens(c.supplier) : [], keys);
  for (const p of c.properties ?? []) if (modelPropertyKind(p.name) && p.value.trim()) keys.add(`model:${normaliseModel(p.value)}`);
  if (!c.purl && c.name?.trim()) keys.add(`model:${normaliseModel(c.name)}`);
  return [...keys];
}

/**
 * Normalised comparison of vendor and product names (CSAF product trees against inventory
 * components), and of model numbers / SKUs. Used when preparing, never per comparison.
 */

/** Words that say what kind of company a vendor is, not which one. */
const VENDOR_NOISE: ReadonlySet<string> = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'gmbh',
  'ag',
  'co',
  'corp',
  'corporation',
  'company',
  'sa',
  'sas',
  'bv',
  'nv',
  'plc',
  'kg',
  'spa',
  'srl',
  'oy',
  'ab',
  'as',
  'kk',
  'pty',
  'the',
  'and',
  'of',
]);

/** Lower-case words of a name: letters and digits, every other character separates (ä stays a letter). */
export function nameTokens(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text.normalize('NFKD').toLowerCase()) {
    const code = ch.charCodeAt(0);
    if (code >= 0x300 && code <= 0x36f) continue; // combining marks: Dräger → drager
    const alnum = (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code > 127 && ch.toUpperCase() !== ch);
    if (alnum) cur += ch;
    else if (cur) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Vendor words without company-form noise ("Becton, Dickinson and Company (BD)" → becton dickinson bd). */
export function vendorTokens(text: string): string[] {
  return nameTokens(text).filter((t) => !VENDOR_NOISE.has(t));
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * Do two vendor names name the same company? Equal after normalisation, or the words of one
 * appear as a contiguous run in the other ("BD" in "Becton, Dickinson and Company (BD)",
 * "Philips" in "Koninklijke Philips N.V."). A one-letter vendor never matches by containment.
 */
export function sameVendor(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a.join(' ') === b.join(' ')) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.join('').length < 2) return false;
  return containsRun(long, short);
}

/**
 * Do two product names name the same product? Equal words, or equal once the vendor's words
 * are removed from the front of either ("BD Pyxis MedStation ES" = "Pyxis MedStation ES").
 */
export function sameProduct(component: readonly string[], product: readonly string[], vendor: readonly string[]): boolean {
  if (component.length === 0 || product.length === 0) return false;
  const c = component.join(' ');
  const p = product.join(' ');
  if (c === p) return true;
  const strip = (words: readonly string[]): string => {
    let i = 0;
    while (i < words.length && vendor.includes(words[i]!)) i++;
    return words.slice(i).join(' ');
  };
  const cs = strip(component);
  const ps = strip(product);
  return cs !== '' && ps !== '' && cs === ps;
}

/** A model number or SKU as compared: lower case, without spaces. */
export function normaliseModel(text: string): string {
  let out = '';
  for (const ch of text.trim().toLowerCase()) if (ch !== ' ' && ch !== '\t') out += ch;
  return out;
}

/** Property names (last `:`-segment, letters and digits only) that carry a model number or SKU. */
const MODEL_PROPERTY_NAMES: ReadonlySet<string> = new Set(['model', 'modelnumber', 'modelno', 'modelid', 'devicemodel']);
const SKU_PROPERTY_NAMES: ReadonlySet<string> = new Set(['sku', 'skus', 'partnumber', 'partno', 'catalognumber', 'catalogno', 'referencenumber', 'ordernumber']);

/** Classifies a component property name: a model number, a SKU/part number, or neither. */
export function modelPropertyKind(name: string): 'model-number' | 'sku' | null {
  const last = name.slice(name.lastIndexOf(':') + 1);
  const key = nameTokens(last).join('');
  if (MODEL_PROPERTY_NAMES.has(key)) return 'model-number';
  if (SKU_PROPERTY_NAMES.has(key)) return 'sku';
  return null;
}

/** A hash algorithm as compared: "SHA-256", "sha256", "SHA256" → sha256. */
export function normaliseHashAlgorithm(alg: string): string {
  return nameTokens(alg).join('');
}

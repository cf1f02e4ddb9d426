import { describe, expect, it } from 'vitest';
import type { CsafProduct } from '../advisories/advisory.ts';
import { componentCsafKeys, csafProductKeys } from './csaf-keys.ts';

const product = (over: Partial<CsafProduct>): CsafProduct => ({
  productId: 'P1', name: 'BD Pyxis MedStation ES', vendor: 'Becton, Dickinson and Company (BD)', product: 'BD Pyxis MedStation ES', version: null, versionRange: null,
  status: 'known_affected', helpers: { cpe: null, purl: null, hashes: [], modelNumbers: [], serialNumbers: [], skus: [] }, ...over,
});

describe('CSAF look-up keys', () => {
  it('keys a product by its name words, with and without the vendor prefix, and by model numbers and SKUs', () => {
    expect(csafProductKeys(product({ helpers: { cpe: null, purl: null, hashes: [], modelNumbers: ['PX 400'], serialNumbers: ['S1'], skus: ['SKU-9'] } })).sort()).toEqual([
      'csaf:bd pyxis medstation es', 'csaf:pyxis medstation es', 'model:px400', 'model:sku-9',
    ]);
  });

  it('a component meets the product under a shared key whenever the name comparison could succeed', () => {
    const keys = new Set(csafProductKeys(product({})));
    const meets = (c: Parameters<typeof componentCsafKeys>[0]) => componentCsafKeys(c).some((k) => keys.has(k));
    expect(meets({ name: 'Pyxis MedStation ES', supplier: 'BD', purl: null })).toBe(true);
    expect(meets({ name: 'BD Pyxis MedStation ES', supplier: null, purl: null })).toBe(true);
    expect(meets({ name: 'Pyxis-MedStation ES', supplier: null, purl: null })).toBe(true);
    expect(meets({ name: 'Pyxis MedStation 4000', supplier: 'BD', purl: null })).toBe(false);
  });

  it('reads model numbers from component properties, and the name as a model only without a purl', () => {
    expect(componentCsafKeys({ name: 'Board', supplier: null, purl: null, properties: [{ name: 'acme:model-number', value: 'PX 400' }, { name: 'colour', value: 'red' }] }).sort()).toEqual(['csaf:board', 'model:board', 'model:px400']);
    expect(componentCsafKeys({ name: 'zlib', supplier: null, purl: 'pkg:generic/zlib@1.2.11' })).toEqual(['csaf:zlib']);
  });
});

import { describe, it, expect } from 'vitest';
import { matchRoute, productPath, releasePath } from './router.ts';

describe('matchRoute', () => {
  it('matches the three routes', () => {
    expect(matchRoute('/')).toEqual({ name: 'portfolio' });
    expect(matchRoute('/products/infusion-pump')).toEqual({ name: 'product', slug: 'infusion-pump', releaseId: null });
    expect(matchRoute('/products/infusion-pump/')).toEqual({ name: 'product', slug: 'infusion-pump', releaseId: null });
    expect(matchRoute('/products/infusion-pump/releases/r-1')).toEqual({ name: 'product', slug: 'infusion-pump', releaseId: 'r-1' });
  });
  it('reports anything else as not found', () => {
    expect(matchRoute('/products')).toEqual({ name: 'not-found', path: '/products' });
    expect(matchRoute('/products/a/b')).toEqual({ name: 'not-found', path: '/products/a/b' });
    expect(matchRoute('/products/%E0%A4%A')).toEqual({ name: 'not-found', path: '/products/%E0%A4%A' });
  });
  it('round-trips paths built for slugs and ids with reserved characters', () => {
    const path = releasePath('a b/c', 'id?x');
    expect(path).toBe('/products/a%20b%2Fc/releases/id%3Fx');
    expect(matchRoute(path)).toEqual({ name: 'product', slug: 'a b/c', releaseId: 'id?x' });
    expect(matchRoute(productPath('pump'))).toEqual({ name: 'product', slug: 'pump', releaseId: null });
  });
});

import { describe, expect, it } from 'vitest';
import { isCyberDevice, normaliseProductInput, normaliseReleaseInput, slugify } from './product.ts';

describe('product input', () => {
  it('derives a slug and normalises markets', () => {
    const p = normaliseProductInput({ name: 'Aurora Infusion Pump  X2', manufacturer: 'Northwind', markets: ['eu', 'US', 'us'] });
    expect(p.slug).toBe('aurora-infusion-pump-x2');
    expect(p.markets).toEqual(['EU', 'US']);
  });

  it('names the field that is wrong', () => {
    expect(() => normaliseProductInput({ name: '', manufacturer: 'x' })).toThrow(/name: is required/);
    expect(() => normaliseProductInput({ name: 'a', manufacturer: 'x', markets: ['USA'] })).toThrow(/markets: 'USA'/);
    expect(() => normaliseProductInput({ name: 'a', manufacturer: 'x', deviceClass: 'IV' as never })).toThrow(/deviceClass/);
    expect(() => normaliseProductInput({ name: 'a', manufacturer: 'x', slug: 'Bad Slug' })).toThrow(/slug/);
  });

  it('is a cyber device only when all three 524B criteria hold', () => {
    expect(isCyberDevice({ includesSoftware: true, connectsToInternet: true, vulnerableCharacteristics: true })).toBe(true);
    expect(isCyberDevice({ includesSoftware: true, connectsToInternet: false, vulnerableCharacteristics: true })).toBe(false);
  });

  it('slugify strips accents and symbols', () => {
    expect(slugify('Moniteur Élite — 3000!')).toBe('moniteur-elite-3000');
  });
});

describe('release input', () => {
  it('validates dates and their order', () => {
    expect(normaliseReleaseInput({ version: '2.1.0' })).toMatchObject({ supportStatus: 'supported', variant: null });
    expect(() => normaliseReleaseInput({ version: '1', releaseDate: '2026-02-30' })).toThrow(/releaseDate/);
    expect(() => normaliseReleaseInput({ version: '1', releaseDate: '2026-02-01', endOfSupport: '2025-01-01' })).toThrow(/endOfSupport/);
  });
});

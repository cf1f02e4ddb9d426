import { describe, expect, it } from 'vitest';
import { fdaFieldsFromProperties, normalisePropertyName } from './fda-properties.ts';

describe('FDA support fields from component properties', () => {
  it.each([
    'fda:level-of-support',
    'level_of_support',
    'LevelOfSupport',
    'support-level',
    'cdx:lifecycle:supportStatus',
    'support status',
    'acme:sbom:software-support-level',
  ])('reads level of support from %s', (name) => {
    expect(fdaFieldsFromProperties([{ name, value: ' actively maintained ' }]).levelOfSupport).toBe('actively maintained');
  });

  it.each(['cdx:lifecycle:milestone:endOfSupport', 'fda:end-of-support', 'end_of_support_date', 'EOS', 'support-end-date', 'endOfSecuritySupport'])(
    'reads end of support from %s',
    (name) => {
      expect(fdaFieldsFromProperties([{ name, value: '2027-06-30' }]).endOfSupport).toBe('2027-06-30');
    },
  );

  it('does not take end of life (end of sale) or unrelated names', () => {
    expect(
      fdaFieldsFromProperties([
        { name: 'cdx:lifecycle:milestone:endOfLife', value: '2025-01-01' },
        { name: 'support', value: 'yes' },
        { name: 'cdx:npm:package:development', value: 'true' },
      ]),
    ).toEqual({ levelOfSupport: null, endOfSupport: null });
  });

  it('skips empty values and keeps the first match', () => {
    expect(
      fdaFieldsFromProperties([
        { name: 'level-of-support', value: '' },
        { name: 'level-of-support', value: 'no longer maintained' },
        { name: 'support-level', value: 'abandoned' },
      ]).levelOfSupport,
    ).toBe('no longer maintained');
  });

  it('normalises names by last namespace segment', () => {
    expect(normalisePropertyName('fda:Level-Of_Support')).toBe('levelofsupport');
  });
});

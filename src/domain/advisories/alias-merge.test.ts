import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAliasGroups, primaryIdentifier } from './alias-merge.ts';

describe('alias group planning', () => {
  it('joins records transitively within a batch', () => {
    const plan = planAliasGroups({ records: [['GHSA-1', 'CVE-2024-1'], ['PYSEC-9', 'GHSA-1'], ['OSV-X']], memberships: new Map() });
    expect(plan.components).toHaveLength(2);
    expect(plan.recordComponent[0]).toBe(plan.recordComponent[1]);
    expect(plan.components[plan.recordComponent[0]!]).toEqual({ target: null, merged: [], identifiers: ['CVE-2024-1', 'GHSA-1', 'PYSEC-9'] });
  });

  it('joins stored groups and merges them into the oldest', () => {
    const plan = planAliasGroups({ records: [['CVE-2024-1', 'GHSA-2']], memberships: new Map([['CVE-2024-1', 7], ['GHSA-2', 3]]) });
    expect(plan.components).toEqual([{ target: 3, merged: [7], identifiers: ['CVE-2024-1', 'GHSA-2'] }]);
  });

  it('handles cycles and self-aliases', () => {
    const plan = planAliasGroups({ records: [['A', 'B'], ['B', 'C'], ['C', 'A'], ['D', 'D']], memberships: new Map() });
    expect(plan.components.map((c) => c.identifiers)).toEqual([['A', 'B', 'C'], ['D']]);
  });

  it('gives the same groups whatever the order of records', () => {
    const id = fc.constantFrom('CVE-1', 'CVE-2', 'GHSA-a', 'GHSA-b', 'OSV-1', 'OSV-2', 'PYSEC-1');
    fc.assert(
      fc.property(fc.array(fc.array(id, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (records) => {
        const a = planAliasGroups({ records, memberships: new Map() }).components.map((c) => c.identifiers.join(',')).sort();
        const b = planAliasGroups({ records: [...records].reverse(), memberships: new Map() }).components.map((c) => c.identifiers.join(',')).sort();
        expect(a).toEqual(b);
      }),
    );
  });

  it('names a group by its single CVE, else by its smallest identifier', () => {
    expect(primaryIdentifier(['GHSA-x', 'CVE-2021-44228', 'PYSEC-1'])).toBe('CVE-2021-44228');
    expect(primaryIdentifier(['GHSA-x', 'CVE-2021-2', 'CVE-2021-1'])).toBe('CVE-2021-1');
    expect(primaryIdentifier(['OSV-2', 'GHSA-x'])).toBe('GHSA-x');
  });
});

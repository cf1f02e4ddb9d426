import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupAliases, groupKey, mergeInto, upstreamClosure, type AliasGroup, type AliasRecord } from './aliases.ts';

const idsOf = (groups: readonly AliasGroup[]): string[][] => groups.map((g) => [...g.ids]);

describe('groupKey', () => {
  it('is the only CVE id of the group', () => {
    expect(groupKey(['GHSA-aaaa-bbbb-cccc', 'CVE-2021-44228', 'PYSEC-2021-1'])).toBe('CVE-2021-44228');
  });
  it('is the smallest id when there is no CVE or more than one', () => {
    expect(groupKey(['PYSEC-2021-1', 'GHSA-aaaa-bbbb-cccc'])).toBe('GHSA-aaaa-bbbb-cccc');
    expect(groupKey(['CVE-2021-2000', 'CVE-2021-1000', 'GHSA-x'])).toBe('CVE-2021-1000');
  });
  it('does not take look-alikes such as CVE-1 for CVE ids', () => {
    expect(groupKey(['GHSA-x', 'CVE-1'])).toBe('CVE-1');
    expect(groupKey(['ALIAS', 'CVE-1', 'CVE-2021-0001'])).toBe('CVE-2021-0001');
  });
});

describe('groupAliases', () => {
  it('merges transitively through a shared alias, in either direction', () => {
    const groups = groupAliases([
      { id: 'GHSA-1', aliases: ['CVE-2020-0001'] },
      { id: 'PYSEC-1', aliases: ['CVE-2020-0001'] },
      { id: 'CVE-2020-0001', aliases: [] },
      { id: 'OSV-9', aliases: [] },
    ]);
    expect(groups.map((g) => g.key)).toEqual(['CVE-2020-0001', 'OSV-9']);
    expect(groups[0]!.ids).toEqual(['CVE-2020-0001', 'GHSA-1', 'PYSEC-1']);
    expect(groups[0]!.records.map((r) => r.id)).toEqual(['CVE-2020-0001', 'GHSA-1', 'PYSEC-1']);
  });

  it('resolves chains and cycles to one group', () => {
    const chain = groupAliases([
      { id: 'A-1', aliases: ['B-1'] },
      { id: 'B-1', aliases: ['C-1'] },
      { id: 'C-1', aliases: ['D-1'] },
    ]);
    expect(idsOf(chain)).toEqual([['A-1', 'B-1', 'C-1', 'D-1']]);
    const cycle = groupAliases([
      { id: 'A-1', aliases: ['B-1'] },
      { id: 'B-1', aliases: ['C-1'] },
      { id: 'C-1', aliases: ['A-1'] },
      { id: 'A-1', aliases: ['A-1'] },
    ]);
    expect(idsOf(cycle)).toEqual([['A-1', 'B-1', 'C-1']]);
    expect(cycle[0]!.key).toBe('A-1');
  });

  it('never merges by related or upstream', () => {
    const records = [
      { id: 'GHSA-1', aliases: [], related: ['CVE-2020-0001'], upstream: ['CVE-2020-0002'] },
      { id: 'CVE-2020-0001', aliases: [] },
      { id: 'CVE-2020-0002', aliases: [] },
    ];
    expect(idsOf(groupAliases(records))).toEqual([['CVE-2020-0001'], ['CVE-2020-0002'], ['GHSA-1']]);
  });

  it('unions the aliases of two copies of the same record (from two sources)', () => {
    const groups = groupAliases([
      { id: 'GHSA-1', aliases: ['CVE-2020-0001'] },
      { id: 'GHSA-1', aliases: ['GO-2020-1'] },
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.records).toEqual([{ id: 'GHSA-1', aliases: ['CVE-2020-0001', 'GO-2020-1'] }]);
  });
});

// Records over a small id space so that chains, cycles and shared aliases are frequent.
const idArb = fc.constantFrom('CVE-2020-0001', 'CVE-2020-0002', 'GHSA-a', 'GHSA-b', 'PYSEC-1', 'GO-1', 'OSV-1', 'DSA-1', 'X-1', 'X-2');
const recordsArb = fc.uniqueArray(fc.record({ id: idArb, aliases: fc.array(idArb, { maxLength: 3 }) }), { selector: (r) => r.id, maxLength: 10 });

/** Ground truth: connected components by repeated relaxation (no union-find). */
function naiveComponents(records: readonly AliasRecord[]): string[][] {
  const comp = new Map<string, string>();
  for (const r of records) for (const x of [r.id, ...r.aliases]) comp.set(x, x);
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of records) {
      const all = [r.id, ...r.aliases];
      const min = all.map((x) => comp.get(x)!).sort()[0]!;
      for (const x of all) {
        const c = comp.get(x)!;
        if (c !== min) {
          for (const [k, v] of comp) if (v === c) comp.set(k, min);
          changed = true;
        }
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const [k, v] of comp) groups.set(v, [...(groups.get(v) ?? []), k]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

function applyMerge(existing: readonly AliasGroup[], records: readonly AliasRecord[]): AliasGroup[] {
  const { changed, removed } = mergeInto(existing, records);
  const map = new Map(existing.map((g) => [g.key, g]));
  for (const k of removed) map.delete(k);
  for (const g of changed) map.set(g.key, g);
  return [...map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

describe('alias grouping properties', () => {
  it('does not depend on record order', () => {
    fc.assert(
      fc.property(
        recordsArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))),
        ([records, shuffled]) => {
          const reversedAliases = shuffled.map((r) => ({ id: r.id, aliases: [...r.aliases].reverse() }));
          expect(groupAliases(reversedAliases)).toEqual(groupAliases(records));
        },
      ),
    );
  });

  it('equals the connected components of the alias graph, keyed by groupKey', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const groups = groupAliases(records);
        const sortedIds = idsOf(groups).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
        expect(sortedIds).toEqual(naiveComponents(records));
        for (const g of groups) expect(g.key).toBe(groupKey(g.ids));
      }),
    );
  });

  it('incremental merge equals grouping everything at once, including records that change their aliases', () => {
    fc.assert(
      fc.property(recordsArb, recordsArb, (first, second) => {
        const existing = groupAliases(first);
        const merged = applyMerge(existing, second);
        const current = new Map(first.map((r) => [r.id, r]));
        for (const r of second) current.set(r.id, r); // an updated record replaces the stored one
        expect(merged).toEqual(groupAliases([...current.values()]));
      }),
    );
  });
});

describe('mergeInto', () => {
  it('reports only the groups a batch changed, and the keys it retired', () => {
    const existing = groupAliases([
      { id: 'GHSA-1', aliases: ['CVE-2020-0001'] },
      { id: 'GHSA-2', aliases: [] },
      { id: 'GHSA-3', aliases: ['CVE-2020-0003'] },
    ]);
    const { changed, removed } = mergeInto(existing, [{ id: 'PYSEC-9', aliases: ['GHSA-2', 'CVE-2020-0001'] }]);
    expect(changed.map((g) => [g.key, g.ids])).toEqual([['CVE-2020-0001', ['CVE-2020-0001', 'GHSA-1', 'GHSA-2', 'PYSEC-9']]]);
    expect(removed).toEqual(['GHSA-2']);
  });

  it('splits a group when a record drops the alias that held it together', () => {
    const existing = groupAliases([
      { id: 'GHSA-1', aliases: ['CVE-2020-0001'] },
      { id: 'GHSA-2', aliases: ['GHSA-1'] },
    ]);
    expect(existing).toHaveLength(1);
    const { changed, removed } = mergeInto(existing, [{ id: 'GHSA-2', aliases: [] }]);
    expect(changed.map((g) => g.key)).toEqual(['CVE-2020-0001', 'GHSA-2']);
    expect(changed[0]!.ids).toEqual(['CVE-2020-0001', 'GHSA-1']);
    expect(removed).toEqual([]);
  });

  it('reports nothing when a record is re-sent unchanged', () => {
    const existing = groupAliases([{ id: 'GHSA-1', aliases: ['CVE-2020-0001'] }]);
    expect(mergeInto(existing, [{ id: 'GHSA-1', aliases: ['CVE-2020-0001'] }])).toEqual({ changed: [], removed: [] });
  });
});

describe('upstreamClosure', () => {
  it('follows upstream links transitively and cuts cycles', () => {
    const closure = upstreamClosure([
      { id: 'R-1', upstream: ['R-2'] },
      { id: 'R-2', upstream: ['R-1'] },
      { id: 'R-3', upstream: ['R-1', 'R-2'] },
      { id: 'DSA-1', upstream: ['R-3', 'CVE-2020-0009'] },
    ]);
    expect(closure.get('R-1')).toEqual(['R-2']);
    expect(closure.get('R-2')).toEqual(['R-1']);
    expect(closure.get('R-3')).toEqual(['R-1', 'R-2']);
    expect(closure.get('DSA-1')).toEqual(['CVE-2020-0009', 'R-1', 'R-2', 'R-3']);
  });
});

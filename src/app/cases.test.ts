import { describe, expect, it } from 'vitest';
import { diffFacts, factsFromTimeline, formatLeft, mergePatch } from './cases.ts';

describe('case facts as a timeline', () => {
  it('applies a JSON merge patch: objects merge, null removes, arrays and times replace', () => {
    const before = { timeZone: 'UTC', events: { becameAware: '2026-03-02T10:00', correctionExtended: ['2026-03-05T10:00'] }, assessment: { risk: 'controlled' } };
    expect(mergePatch(before, { events: { becameAware: { at: '2026-03-02T10:00', zone: 'Europe/Berlin' }, correctionExtended: ['2026-03-06T10:00'] }, assessment: null })).toEqual({
      timeZone: 'UTC',
      events: { becameAware: { at: '2026-03-02T10:00', zone: 'Europe/Berlin' }, correctionExtended: ['2026-03-06T10:00'] },
    });
  });

  it('records one row per changed leaf, a { at, zone } time as one leaf, and replays to the same facts', () => {
    const a = { timeZone: 'UTC', product: { markets: ['US'], kind: 'device' }, events: { becameAware: '2026-03-02T10:00' }, phiBreach: { individualsByState: { 'A/B~C': 3 } } };
    const b = { timeZone: 'UTC', product: { markets: ['US', 'EU'], kind: 'device' }, events: { becameAware: { at: '2026-03-02T10:00', zone: 'Europe/Berlin' } }, fulfilled: { 'fda-806-amendment#2': '2026-04-01T00:00Z' } };
    const first = diffFacts({}, a);
    expect(first.map((c) => c.path)).toEqual(['/events/becameAware', '/phiBreach/individualsByState/A~1B~0C', '/product/kind', '/product/markets', '/timeZone']);
    const second = diffFacts(a, b);
    expect(second).toEqual([
      { path: '/events/becameAware', value: { at: '2026-03-02T10:00', zone: 'Europe/Berlin' } },
      { path: '/fulfilled/fda-806-amendment#2', value: '2026-04-01T00:00Z' },
      { path: '/phiBreach', value: null },
      { path: '/product/markets', value: ['US', 'EU'] },
    ]);
    expect(factsFromTimeline(first)).toEqual(a);
    expect(factsFromTimeline([...first, ...second])).toEqual(b);
    expect(diffFacts(b, structuredClone(b))).toEqual([]);
  });

  it('formats time left like the engine', () => {
    expect(formatLeft(2 * 86_400_000 + 3 * 3_600_000 + 59_000)).toBe('2d 3h');
    expect(formatLeft(-(90 * 60_000))).toBe('-1h 30m');
    expect(formatLeft(59_000)).toBe('0m');
  });
});

import { describe, expect, it } from 'vitest';
import { validateFacts } from './facts.schema.ts';
import { obligationIds } from './rule-packs.ts';
import { evaluate } from './engine.ts';

const base = { schemaVersion: 1, timeZone: 'America/New_York', product: { markets: ['US'], kind: 'device' } };

describe('facts schema', () => {
  it('accepts a minimal file and both time forms', () => {
    expect(validateFacts(base).ok).toBe(true);
    expect(validateFacts({ ...base, events: { becameAware: '2026-03-02T10:00', fixAvailable: { at: '2026-03-02T10:00Z', zone: 'Europe/Berlin' } } }).ok).toBe(true);
  });
  it('rejects unknown keys at every level, with JSONPath', () => {
    const r = validateFacts({ ...base, extra: 1, product: { ...base.product, colour: 'red' }, events: { becameAware: { at: '2026-03-02T10:00', tz: 'UTC' } } });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['$.extra', '$.product.colour', '$.events.becameAware.tz']));
  });
  it('rejects wrong types, required keys and bad counts', () => {
    const r = validateFacts({ schemaVersion: 2, timeZone: 'UTC', product: { markets: ['JP'] }, phiBreach: { individualsByState: { CA: -1 } } });
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['$.schemaVersion', '$.product', '$.product.markets[0]', '$.phiBreach.individualsByState.CA']));
  });
  it('checks zones, real dates and obligation ids after the schema', () => {
    const r = validateFacts({ ...base, events: { becameAware: { at: '2026-02-29T10:00', zone: 'Europe/Nowhere' }, customersNotified: '2026-02-29T10:00' }, fulfilled: { 'fda-806-amendment#2': '2026-03-01T10:00', 'nis2-final': '2026-03-01T10:00' } }, obligationIds());
    expect(r.ok ? [] : r.problems).toEqual([
      { path: '$.events.becameAware.zone', message: "unknown IANA time zone 'Europe/Nowhere'" },
      { path: '$.events.customersNotified', message: 'no such date 2026-02-29' },
      { path: '$.fulfilled["nis2-final"]', message: "unknown obligation id 'nis2-final'" },
    ]);
  });
});

describe('engine inputs', () => {
  it('rejects a now without offset', () => {
    expect(() => evaluate(base as never, { now: '2026-03-02T10:00' })).toThrow(/CLOCKS_INVALID_NOW|offset/);
  });
  it('is a pure function of facts and now: same input, same output', () => {
    const facts = { ...base, assessment: { risk: 'uncontrolled' }, events: { becameAware: '2026-03-02T10:00' } } as never;
    expect(evaluate(facts, { now: '2026-04-01T00:00:00Z' })).toEqual(evaluate(facts, { now: Date.parse('2026-04-01T00:00:00Z') }));
  });
});

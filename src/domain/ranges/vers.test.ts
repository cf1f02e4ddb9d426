import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVersions } from '../versions/scheme.ts';
import { getScheme } from '../versions/index.ts';
import {
  canonicalVersString,
  compileVers,
  containsVersion,
  formatVers,
  normalizeVers,
  parseVers,
  validateVers,
} from './vers.ts';

describe('parseVers (strict)', () => {
  it('parses canonical text into decoded constraints', () => {
    const r = parseVers('vers:npm/1.2.3|>=2.0.0|<5.0.0');
    expect(r).toEqual({
      ok: true,
      value: {
        type: 'npm',
        constraints: [
          { comparator: '=', version: '1.2.3' },
          { comparator: '>=', version: '2.0.0' },
          { comparator: '<', version: '5.0.0' },
        ],
      },
    });
  });

  it.each([
    ['vers:npm/>=1.0.0 |<2.0.0', 'whitespace'],
    ['VERS:npm/1.0.0', 'lowercase'],
    ['vers:NPM/1.0.0', 'lowercase'],
    ['vers:npm/', 'no constraints'],
    ['vers:npm/|1.0.0', 'leading pipe'],
    ['vers:npm/1.0.0||2.0.0', 'consecutive'],
    ['vers:npm/*|1.0.0', '"*"'],
    ['vers:npm/>=', 'no version'],
    ['vers:npm/2.0.0|1.0.0', 'not sorted'],
    ['vers:npm/1.0%41', 'not canonical'],
    ['npm/1.0.0', 'scheme'],
  ])('rejects %s', (text, fragment) => {
    const r = parseVers(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(fragment);
  });

  it('round-trips percent-encoded versions', () => {
    const r = parseVers('vers:generic/1.0%7C2');
    expect(r.ok && r.value.constraints[0]!.version).toBe('1.0|2');
    expect(r.ok && formatVers(r.value)).toBe('vers:generic/1.0%7C2');
  });
});

describe('normalizeVers', () => {
  it('sorts, lowercases and removes blanks without changing constraints', () => {
    expect(normalizeVers('VERS:NPM/ <2.0.0 | >=1.0.0 ||')).toEqual({ ok: true, value: 'vers:npm/>=1.0.0|<2.0.0' });
  });
  it('keeps duplicates (it does not simplify)', () => {
    expect(normalizeVers('vers:npm/>=1.0.0|>=1.0.0')).toEqual({ ok: true, value: 'vers:npm/>=1.0.0|>=1.0.0' });
  });
  it('fails for an unparseable version', () => {
    expect(normalizeVers('vers:npm/>=1.0.0|<foo').ok).toBe(false);
  });
});

describe('validateVers', () => {
  it('accepts a valid range', () => {
    expect(validateVers('vers:npm/1.0.0|>=2.0.0|!=2.1.0|<3.0.0').ok).toBe(true);
  });
  it.each([
    ['vers:npm/>=1.0.0|>=1.5.0', 'alternate'],
    ['vers:npm/>=1.0.0|<=1.0.0', 'more than once'],
    ['vers:npm/1.0.0|<2.0.0', "may only be followed"],
  ])('rejects %s', (text, fragment) => {
    const r = validateVers(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(fragment);
  });
});

describe('canonicalVersString', () => {
  it.each([
    ['vers:npm/>=1.0.0|>=1.0.0|<2.0.0', 'vers:npm/>=1.0.0|<2.0.0'],
    ['vers:npm/<2.0.0|>=1.0.0', 'vers:npm/>=1.0.0|<2.0.0'],
    ['vers:npm/>=1.0.0|<1.5.0|>=1.5.0|<2.0.0', 'vers:npm/>=1.0.0|<2.0.0'],
    ['vers:npm/>=1.0.0|<1.5.0|>1.5.0|<2.0.0', 'vers:npm/>=1.0.0|!=1.5.0|<2.0.0'],
    ['vers:npm/1.2.0|>=1.0.0|<2.0.0', 'vers:npm/>=1.0.0|<2.0.0'],
    ['vers:npm/>=1.0.0|!=1.0.0|<2.0.0', 'vers:npm/>1.0.0|<2.0.0'],
    ['vers:npm/2.0.0|<2.0.0', 'vers:npm/<=2.0.0'],
    ['vers:npm/!=1.0.0', 'vers:npm/!=1.0.0'],
    ['vers:npm/*', 'vers:npm/*'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalVersString(input)).toEqual({ ok: true, value: expected });
    expect(validateVers(expected).ok).toBe(true);
  });
});

describe('containsVersion', () => {
  it('explains an affected version with bounds and scheme', () => {
    const r = containsVersion('vers:npm/>=1.0.0|<1.2.5', '1.2.3');
    expect(r).toEqual({ status: 'affected', reason: '1.2.3 ≥ 1.0.0 and < 1.2.5 (npm)', scheme: 'npm', matched: '>=1.0.0|<1.2.5' });
  });
  it('reports not-affected outside the range', () => {
    const r = containsVersion('vers:npm/>=1.0.0|<1.2.5', '1.2.5');
    expect(r.status).toBe('not-affected');
    expect(r.reason).toContain('outside');
  });
  it('is indeterminate, never not-affected, for an unparseable version', () => {
    const r = containsVersion('vers:npm/>=1.0.0|<1.2.5', 'banana');
    expect(r.status).toBe('indeterminate');
    expect(r.reason).toContain("'banana' is not a valid npm version");
  });
  it('is indeterminate for an unknown type or an invalid range', () => {
    expect(containsVersion('vers:unknownthing/1.0', '1.0').status).toBe('indeterminate');
    expect(containsVersion('vers:npm/>=1.0.0|>=1.5.0', '1.6.0').status).toBe('indeterminate');
    expect(containsVersion('vers:npm/1.0.0|1.0.0', '1.0.0').status).toBe('indeterminate');
    expect(containsVersion('not a vers', '1.0.0').status).toBe('indeterminate');
  });
  it('honours =, != and *', () => {
    expect(containsVersion('vers:npm/1.0.0|>=2.0.0', '1.0.0').status).toBe('affected');
    expect(containsVersion('vers:npm/>=2.0.0|!=2.1.0|<3.0.0', '2.1.0').status).toBe('not-affected');
    expect(containsVersion('vers:npm/>=2.0.0|!=2.1.0|<3.0.0', '2.1.1').status).toBe('affected');
    expect(containsVersion('vers:npm/!=2.1.0', '9.0.0').status).toBe('affected');
    expect(containsVersion('vers:npm/*', '0.0.1').status).toBe('affected');
    expect(containsVersion('vers:all/*', 'anything').status).toBe('affected');
    expect(containsVersion('vers:none/*', 'anything').status).toBe('not-affected');
  });
  it('reads an unsorted range by its sorted form', () => {
    expect(containsVersion('vers:npm/<2.0.0|>=1.0.0', '1.5.0').status).toBe('affected');
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests: containment agrees with the comparator; canonicalisation is idempotent and
// keeps the meaning.

const npm = getScheme('npm');
const semverArb = fc
  .tuple(fc.nat(4), fc.nat(4), fc.nat(4), fc.option(fc.constantFrom('alpha', 'beta.1', 'rc.2'), { nil: undefined }))
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`);
const cmp = (a: string, b: string): number => compareVersions(npm, a, b);

describe('properties (npm scheme)', () => {
  it('contains(>=a|<b, v) ⇔ v ≥ a ∧ v < b', () => {
    fc.assert(
      fc.property(semverArb, semverArb, semverArb, (x, y, v) => {
        fc.pre(cmp(x, y) < 0);
        const r = containsVersion(`vers:npm/>=${x}|<${y}`, v);
        expect(r.status).toBe(cmp(v, x) >= 0 && cmp(v, y) < 0 ? 'affected' : 'not-affected');
      }),
      { numRuns: 500 },
    );
  });

  it('contains(>a|<=b|c, v) ⇔ (v > a ∧ v ≤ b) ∨ v = c, for c above b', () => {
    fc.assert(
      fc.property(semverArb, semverArb, semverArb, semverArb, (a, b, c, v) => {
        fc.pre(cmp(a, b) < 0 && cmp(b, c) < 0);
        const r = containsVersion(`vers:npm/>${a}|<=${b}|${c}`, v);
        const want = (cmp(v, a) > 0 && cmp(v, b) <= 0) || cmp(v, c) === 0;
        expect(r.status).toBe(want ? 'affected' : 'not-affected');
      }),
      { numRuns: 500 },
    );
  });

  const constraintArb = fc.tuple(fc.constantFrom('', '>=', '>', '<', '<=', '!='), semverArb).map(([op, v]) => `${op}${v}`);

  it('canonicalisation is idempotent, valid, and keeps the meaning of valid ranges', () => {
    fc.assert(
      fc.property(fc.array(constraintArb, { minLength: 1, maxLength: 6 }), fc.array(semverArb, { minLength: 1, maxLength: 8 }), (cs, probes) => {
        const input = `vers:npm/${cs.join('|')}`;
        const compiled = compileVers(input);
        const canon = canonicalVersString(input);
        if (!compiled.ok) return; // not a valid range: nothing to preserve
        if (!canon.ok) {
          // only an empty set has no canonical form
          for (const v of probes) expect(compiled.value.test(v).status).toBe('not-affected');
          return;
        }
        expect(canonicalVersString(canon.value)).toEqual(canon);
        expect(validateVers(canon.value).ok).toBe(true);
        for (const v of probes) expect(containsVersion(canon.value, v).status).toBe(compiled.value.test(v).status);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('compileVers().includesParsed', () => {
  it('agrees with test() on a mixed range', () => {
    const c = compileVers('vers:npm/0.1.0|>=1.0.0|!=1.1.0|<2.0.0|>=3.0.0');
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    for (const v of ['0.1.0', '0.2.0', '1.0.0', '1.1.0', '1.9.9', '2.0.0', '3.0.0', '9.9.9']) {
      const p = c.value.scheme.parse(v);
      if (!p.ok) throw new Error(p.reason);
      expect(c.value.includesParsed(p.value)).toBe(c.value.test(v).status === 'affected');
    }
  });
});

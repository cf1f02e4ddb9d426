import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { debScheme, parseDeb, type DebVersion } from './deb.version.ts';
import { npmScheme } from './npm.version.ts';
import { semverScheme } from './semver.version.ts';

/** dpkg's verrevcmp, written out directly (lib/dpkg/version.c), as the reference for the key encoding. */
function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c >= '0' && c <= '9') return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}
function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !/\d/.test(a[i]!)) || (j < b.length && !/\d/.test(b[j]!))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (i < a.length && /\d/.test(a[i]!) && j < b.length && /\d/.test(b[j]!)) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && /\d/.test(a[i]!)) return 1;
    if (j < b.length && /\d/.test(b[j]!)) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}
function dpkgCompare(a: string, b: string): number {
  const pa = parseDeb(a);
  const pb = parseDeb(b);
  if (!pa.ok || !pb.ok) throw new Error('invalid');
  const e = BigInt(pa.value.epoch) - BigInt(pb.value.epoch);
  if (e !== 0n) return e < 0n ? -1 : 1;
  const u = verrevcmp(pa.value.upstream, pb.value.upstream);
  if (u !== 0) return Math.sign(u);
  return Math.sign(verrevcmp(pa.value.revision, pb.value.revision));
}

const debVersion = fc
  .tuple(
    fc.option(fc.stringMatching(/^[0-9]{1,3}$/).map((e) => `${e}:`), { nil: '' }),
    fc.stringMatching(/^[0-9][0-9a-zA-Z.+~:-]{0,10}$/),
    fc.option(fc.stringMatching(/^[0-9a-zA-Z.+~]{1,6}$/).map((r) => `-${r}`), { nil: '' }),
  )
  .map(([e, u, r]) => `${e}${u}${r}`)
  .filter((v) => parseDeb(v).ok);

function key(text: string): DebVersion {
  const r = parseDeb(text);
  if (!r.ok) throw new Error(`invalid deb version '${text}': ${r.reason}`);
  return r.value;
}

describe('deb sort keys', () => {
  it('order exactly as dpkg verrevcmp does', () => {
    fc.assert(
      fc.property(debVersion, debVersion, (a, b) => {
        expect(debScheme.compareParsed(key(a), key(b))).toBe(dpkgCompare(a, b));
      }),
      { numRuns: 3000 },
    );
  });
  it('handle very long digit runs', () => {
    const long = '1'.repeat(300);
    expect(debScheme.compareParsed(key(`${long}0`), key(long))).toBe(1);
    expect(debScheme.compareParsed(key(`1.${long}`), key(`1.${long}~`))).toBe(1);
    expect(debScheme.compareParsed(key(`1.${long}a`), key(`1.${long}+`))).toBe(-1);
  });
});

describe('semver schemes agree with node-semver on strict versions', () => {
  const strict = fc
    .tuple(fc.nat(30), fc.nat(30), fc.nat(30), fc.option(fc.array(fc.oneof(fc.nat(20).map(String), fc.constantFrom('alpha', 'beta', 'rc', 'x-1', 'A')), { minLength: 1, maxLength: 3 }), { nil: undefined }))
    .map(([a, b, c, p]) => `${a}.${b}.${c}${p ? `-${p.join('.')}` : ''}`);
  it('semver and npm compare like semver.compare', () => {
    fc.assert(
      fc.property(strict, strict, (a, b) => {
        const want = semver.compare(a, b);
        for (const scheme of [semverScheme, npmScheme]) {
          const pa = scheme.parse(a);
          const pb = scheme.parse(b);
          expect(pa.ok && pb.ok).toBe(true);
          if (pa.ok && pb.ok) expect(scheme.compareParsed(pa.value as never, pb.value as never)).toBe(want);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

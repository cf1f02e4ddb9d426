import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getScheme, listSchemes } from './index.ts';
import type { SchemeId, VersionScheme } from './scheme.ts';

/**
 * Order laws for every scheme over generated valid versions: reflexive equality, antisymmetry,
 * transitivity (of < and of =), and, where a scheme can print a version, parse(format(v)) = v.
 */

const nat = fc.nat({ max: 40 });
const bigNat = fc.oneof(nat, fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String));
const natNoZeroLead = nat.map(String);
const alpha = fc.constantFrom('alpha', 'beta', 'rc', 'pre', 'a', 'b', 'x', 'snapshot', 'dev', 'zeta');
const join = (parts: readonly (string | number)[], sep = '.'): string => parts.map(String).join(sep);

const semverCore = fc.tuple(bigNat, nat, nat).map(([a, b, c]) => `${a}.${b}.${c}`);
const strictCore = fc.tuple(natNoZeroLead, natNoZeroLead, natNoZeroLead).map(([a, b, c]) => `${a}.${b}.${c}`);
const preIdent = fc.oneof(natNoZeroLead, alpha, fc.tuple(alpha, nat).map(([a, n]) => `${a}${n}`));
const pre = fc.option(fc.array(preIdent, { minLength: 1, maxLength: 3 }).map((p) => `-${join(p)}`), { nil: '' });
const build = fc.option(fc.array(fc.oneof(nat.map(String), alpha), { minLength: 1, maxLength: 2 }).map((p) => `+${join(p)}`), { nil: '' });

const semverLike = fc.tuple(semverCore, pre, build).map(([c, p, b]) => c + p + b);
const strictSemver = fc.tuple(strictCore, pre, build).map(([c, p, b]) => c + p + b);

const GENERATORS: Readonly<Record<SchemeId, fc.Arbitrary<string>>> = {
  semver: fc.tuple(fc.constantFrom('', 'v'), semverLike).map(([v, s]) => v + s),
  npm: strictSemver,
  hex: strictSemver,
  cargo: strictSemver,
  pub: semverLike,
  golang: fc
    .tuple(strictCore, pre, fc.constantFrom('', '+incompatible'))
    .map(([c, p, b]) => `v${c}${p}${b}`),
  nuget: fc
    .tuple(fc.array(nat, { minLength: 1, maxLength: 4 }), pre, build)
    .map(([n, p, b]) => join(n) + p.replace(/a\b/g, 'A') + b),
  pypi: fc
    .tuple(
      fc.option(nat.map((e) => `${e}!`), { nil: '' }),
      fc.array(nat, { minLength: 1, maxLength: 4 }),
      fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc', 'alpha', 'c'), nat).map(([l, n]) => `${l}${n}`), { nil: '' }),
      fc.option(nat.map((n) => `.post${n}`), { nil: '' }),
      fc.option(nat.map((n) => `.dev${n}`), { nil: '' }),
      fc.option(fc.array(fc.oneof(nat.map(String), fc.constantFrom('ubuntu', 'abc', 'x')), { minLength: 1, maxLength: 3 }).map((l) => `+${join(l)}`), { nil: '' }),
    )
    .map(([e, r, p, po, d, l]) => e + join(r) + p + po + d + l),
  maven: fc
    .tuple(
      nat,
      fc.array(fc.tuple(fc.constantFrom('.', '-'), fc.oneof(nat.map(String), fc.constantFrom('alpha', 'beta', 'milestone', 'rc', 'cr', 'snapshot', 'ga', 'final', 'sp', 'foo', 'RELEASE', 'a1', 'b2', 'm3'))), { maxLength: 5 }),
    )
    .map(([first, rest]) => String(first) + rest.map(([s, t]) => s + t).join('')),
  gem: fc
    .tuple(nat, fc.array(fc.oneof(nat.map(String), fc.constantFrom('a', 'b', 'pre', 'rc', 'beta')), { maxLength: 4 }))
    .map(([first, rest]) => [String(first), ...rest].join('.')),
  composer: fc
    .tuple(fc.array(nat, { minLength: 1, maxLength: 4 }), fc.option(fc.tuple(fc.constantFrom('-dev', '-alpha', 'a', '-beta', 'b', 'RC', '-rc', 'pl', '-p'), fc.option(nat, { nil: undefined })), { nil: undefined }))
    .map(([n, s]) => join(n) + (s ? s[0] + (s[1] ?? '') : '')),
  cran: fc.tuple(nat, fc.array(fc.tuple(fc.constantFrom('.', '-'), nat), { minLength: 1, maxLength: 3 })).map(([a, rest]) => String(a) + rest.map(([s, n]) => s + n).join('')),
  hackage: fc.array(nat, { minLength: 1, maxLength: 5 }).map((n) => join(n)),
  deb: fc
    .tuple(
      fc.option(nat.map((e) => `${e}:`), { nil: '' }),
      nat,
      fc.stringMatching(/^[0-9a-zA-Z.+~]{0,8}$/),
      fc.option(fc.stringMatching(/^[0-9a-zA-Z.+~]{1,6}$/).map((r) => `-${r}`), { nil: '' }),
    )
    .map(([e, d, u, r]) => `${e}${d}${u}${r}`),
  rpm: fc
    .tuple(
      fc.option(nat.map((e) => `${e}:`), { nil: '' }),
      fc.stringMatching(/^[0-9][0-9a-zA-Z.~^_+]{0,8}$/),
      fc.option(fc.stringMatching(/^[0-9a-zA-Z.~^_]{1,6}$/).map((r) => `-${r}`), { nil: '' }),
    )
    .map(([e, v, r]) => `${e}${v}${r}`),
  apk: fc
    .tuple(
      fc.array(natNoZeroLead, { minLength: 1, maxLength: 4 }),
      fc.constantFrom('', 'a', 'z'),
      fc.array(fc.tuple(fc.constantFrom('alpha', 'beta', 'pre', 'rc', 'cvs', 'svn', 'git', 'hg', 'p'), fc.option(nat, { nil: undefined })), { maxLength: 2 }),
      fc.option(nat.map((n) => `-r${n}`), { nil: '' }),
    )
    .map(([n, l, s, r]) => join(n) + l + s.map(([x, k]) => `_${x}${k ?? ''}`).join('') + r),
  alpm: fc
    .tuple(fc.option(nat.map((e) => `${e}:`), { nil: '' }), fc.stringMatching(/^[0-9][0-9a-z.]{0,8}$/), nat)
    .map(([e, v, r]) => `${e}${v}-${r}`),
  conan: fc
    .tuple(fc.array(fc.oneof(nat.map(String), fc.constantFrom('a', 'b', 'x')), { minLength: 1, maxLength: 4 }), fc.option(fc.constantFrom('-pre1', '-alpha.2', '-rc'), { nil: '' }), fc.option(fc.constantFrom('+b1', '+2'), { nil: '' }))
    .map(([items, p, b]) => join(items) + p + b),
  datetime: fc
    .tuple(
      fc.integer({ min: 1, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 59 }),
      fc.constantFrom('', '.5', '.123', '.000001'),
      fc.constantFrom('Z', '+02:00', '-05:30', '+00:00'),
    )
    .map(([y, mo, d, h, mi, s, f, z]) => {
      const p = (n: number, w = 2): string => String(n).padStart(w, '0');
      return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${f}${z}`;
    }),
  gentoo: fc
    .tuple(
      fc.array(fc.oneof(natNoZeroLead, fc.constantFrom('01', '001', '0')), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('', 'a', 'b'),
      fc.array(fc.tuple(fc.constantFrom('alpha', 'beta', 'pre', 'rc', 'p'), fc.option(nat, { nil: undefined })), { maxLength: 2 }),
      fc.option(nat.map((n) => `-r${n}`), { nil: '' }),
    )
    .map(([n, l, s, r]) => [String(Number(n[0])), ...n.slice(1)].join('.') + l + s.map(([x, k]) => `_${x}${k ?? ''}`).join('') + r),
  openssl: fc.tuple(fc.array(nat, { minLength: 3, maxLength: 3 }), fc.constantFrom('', 'a', 'k', 'z', 'za', 'zh')).map(([n, l]) => join(n) + l),
  lexicographic: fc.string({ minLength: 1, maxLength: 6, unit: 'binary' }),
  generic: fc.stringMatching(/^[0-9][0-9a-z.\-_]{0,8}$/),
  nginx: fc.array(nat, { minLength: 1, maxLength: 3 }).map((n) => join(n)),
};

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function parseOrFail(scheme: VersionScheme, text: string): unknown {
  const r = scheme.parse(text);
  if (!r.ok) throw new Error(`generator produced an invalid ${scheme.id} version '${text}': ${r.reason}`);
  return r.value;
}

describe('version scheme order laws', () => {
  it('has a generator for every registered scheme', () => {
    for (const s of listSchemes()) expect(GENERATORS[s.id], s.id).toBeDefined();
  });

  for (const s of listSchemes()) {
    const gen = GENERATORS[s.id]!;
    describe(s.id, () => {
      const scheme = getScheme(s.id);
      it('generated versions parse, and compare reflexively equal', () => {
        fc.assert(
          fc.property(gen, (a) => {
            const v = parseOrFail(scheme, a);
            expect(scheme.compareParsed(v, parseOrFail(scheme, a))).toBe(0);
          }),
          { numRuns: 300 },
        );
      });
      it('is antisymmetric', () => {
        fc.assert(
          fc.property(gen, gen, (a, b) => {
            const x = parseOrFail(scheme, a);
            const y = parseOrFail(scheme, b);
            expect(sign(scheme.compareParsed(x, y))).toBe(-sign(scheme.compareParsed(y, x)) || 0);
          }),
          { numRuns: 500 },
        );
      });
      it('is transitive', () => {
        fc.assert(
          fc.property(fc.array(gen, { minLength: 3, maxLength: 3 }), (texts) => {
            const vs = texts.map((t) => parseOrFail(scheme, t));
            vs.sort((p, q) => scheme.compareParsed(p, q));
            const [a, b, c] = vs;
            const ab = scheme.compareParsed(a, b);
            const bc = scheme.compareParsed(b, c);
            const ac = scheme.compareParsed(a, c);
            expect(ab).toBeLessThanOrEqual(0);
            expect(bc).toBeLessThanOrEqual(0);
            expect(ac).toBeLessThanOrEqual(0);
            if (ab === 0 && bc === 0) expect(ac).toBe(0);
            if (ab < 0 || bc < 0) expect(ac).toBe(-1);
          }),
          { numRuns: 500 },
        );
      });
      if (scheme.format) {
        const format = scheme.format.bind(scheme);
        it('round-trips through format: parse(format(v)) equals v', () => {
          fc.assert(
            fc.property(gen, (a) => {
              const v = parseOrFail(scheme, a);
              const printed = format(v as never);
              const again = parseOrFail(scheme, printed);
              expect(scheme.compareParsed(v, again)).toBe(0);
              expect(format(again as never)).toBe(printed);
            }),
            { numRuns: 300 },
          );
        });
      }
    });
  }
});

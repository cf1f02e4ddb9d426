/**
 * Version comparison throughput: pre-parsed comparisons per second for every scheme over
 * pre-generated realistic versions, parses per second for the hot schemes, and the in-process
 * throughput of the `vigil version compare --batch` path (JSON line → parse → compare → JSON).
 */
import { compareBatchLine, ParseCache } from '../src/cli/commands/version.command.ts';
import { getScheme, listSchemes } from '../src/domain/versions/index.ts';
import type { SchemeId } from '../src/domain/versions/scheme.ts';

/** Deterministic pseudo-random numbers (LCG), so every run measures the same versions. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const R = rng(42);
const int = (max: number): number => Math.floor(R() * max);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const maybe = (p: number, s: () => string): string => (R() < p ? s() : '');

const MAKERS: Readonly<Partial<Record<SchemeId, () => string>>> = {
  semver: () => `${int(5)}.${int(20)}.${int(30)}${maybe(0.2, () => `-${pick(['alpha', 'beta', 'rc'])}.${int(5)}`)}`,
  npm: () => `${int(5)}.${int(20)}.${int(30)}${maybe(0.2, () => `-${pick(['alpha', 'beta', 'rc'])}.${int(5)}`)}`,
  cargo: () => `${int(3)}.${int(40)}.${int(20)}${maybe(0.1, () => `-${pick(['alpha', 'beta'])}.${int(3)}`)}`,
  hex: () => `${int(3)}.${int(20)}.${int(20)}`,
  pub: () => `${int(3)}.${int(20)}.${int(20)}${maybe(0.1, () => `+${int(9)}`)}`,
  golang: () => (R() < 0.3 ? `v0.0.0-2023${String(100000000 + int(99999999)).slice(1)}12-${'abcdef012345'.split('').sort(() => R() - 0.5).join('')}` : `v${int(3)}.${int(20)}.${int(20)}`),
  deb: () => `${maybe(0.1, () => `${1 + int(2)}:`)}${int(3)}.${int(20)}.${int(10)}${maybe(0.2, () => `~rc${int(3)}`)}-${int(5)}${pick(['', 'ubuntu1', '+deb11u1', '.1'])}`,
  rpm: () => `${maybe(0.1, () => `${1 + int(2)}:`)}${int(5)}.${int(20)}.${int(10)}-${int(300)}.el${7 + int(3)}${pick(['', '_1', '.1'])}`,
  apk: () => `${int(3)}.${int(20)}.${int(10)}${maybe(0.1, () => `_${pick(['rc', 'p', 'git'])}${int(5)}`)}-r${int(10)}`,
  alpm: () => `${maybe(0.1, () => '1:')}${int(5)}.${int(20)}.${int(10)}-${1 + int(3)}`,
  pypi: () => `${int(5)}.${int(20)}${maybe(0.5, () => `.${int(10)}`)}${maybe(0.2, () => `${pick(['a', 'b', 'rc'])}${int(3)}`)}${maybe(0.1, () => `.post${int(3)}`)}`,
  maven: () => `${int(5)}.${int(20)}.${int(10)}${maybe(0.3, () => pick(['-SNAPSHOT', '.Final', '-RC1', '-beta-2', '.RELEASE']))}`,
  nuget: () => `${int(10)}.${int(10)}.${int(1000)}${maybe(0.2, () => `.${int(10)}`)}${maybe(0.1, () => `-preview.${int(9)}`)}`,
  gem: () => `${int(7)}.${int(5)}.${int(10)}${maybe(0.2, () => `.${pick(['beta', 'rc', 'pre'])}${int(3)}`)}`,
  composer: () => `${maybe(0.2, () => 'v')}${int(10)}.${int(10)}.${int(10)}${maybe(0.2, () => pick(['-beta1', '-RC2', '-dev', 'p1']))}`,
  cran: () => `${int(3)}.${int(10)}-${int(20)}`,
  hackage: () => `${int(3)}.${int(10)}.${int(10)}.${int(5)}`,
  conan: () => `${int(3)}.${int(20)}.${int(10)}${maybe(0.1, () => '-pre1')}`,
  gentoo: () => `${int(3)}.${int(20)}.${int(10)}${maybe(0.1, () => `_${pick(['rc', 'p', 'beta'])}${int(3)}`)}${maybe(0.3, () => `-r${int(3)}`)}`,
  openssl: () => `${pick(['1.0.2', '1.1.1', '3.0.', '3.1.'])}${R() < 0.5 ? pick(['a', 'k', 'w', 'za']) : String(int(15))}`.replace(/\.(\d+)$/, '.$1').replace(/(\d)\.([a-z])/, '$1$2').replace(/^(3\.\d\.)$/, '$10'),
  datetime: () => `20${10 + int(15)}-0${1 + int(9)}-1${int(9)}T${10 + int(13)}:${10 + int(49)}:${10 + int(49)}Z`,
  lexicographic: () => `rel-${int(1000)}`,
  generic: () => `${int(5)}.${int(20)}${maybe(0.3, () => pick(['rc1', 'b', '-p2']))}`,
};

function measure(label: string, unit: string, fn: () => void, minMs = 300): number {
  for (let i = 0; i < 20000; i++) fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 10000; i++) fn();
    n += 10000;
    elapsed = performance.now() - start;
  }
  const perSecond = Math.round((n / elapsed) * 1000);
  process.stdout.write(`${label.padEnd(40)} ${perSecond.toLocaleString('en-US').padStart(14)} ${unit}/s\n`);
  return perSecond;
}

export async function run(): Promise<void> {
  const N = 1024;
  for (const scheme of listSchemes()) {
    const make = MAKERS[scheme.id];
    if (!make) continue;
    const parsed: unknown[] = [];
    const texts: string[] = [];
    while (parsed.length < N) {
      const t = make();
      const p = scheme.parse(t);
      if (p.ok) {
        parsed.push(p.value);
        texts.push(t);
      }
    }
    let i = 0;
    let sink = 0;
    measure(`versions: ${scheme.id} compare (pre-parsed)`, 'comparisons', () => {
      sink += scheme.compareParsed(parsed[i & (N - 1)], parsed[(i * 7 + 3) & (N - 1)]);
      i++;
    });
    if (scheme.id === 'semver' || scheme.id === 'deb' || scheme.id === 'rpm' || scheme.id === 'maven' || scheme.id === 'pypi') {
      let j = 0;
      measure(`versions: ${scheme.id} parse`, 'parses', () => {
        if (!getScheme(scheme.id).parse(texts[j++ & (N - 1)]!).ok) sink++;
      });
    }
    if (sink === Number.MIN_SAFE_INTEGER) process.stdout.write('');
  }

  // Batch path. Distinct: every line carries versions not seen before (worst case, no cache hits).
  // SBOM-like: versions drawn from a pool of 256 per scheme, as when one SBOM's versions are
  // checked against many advisories; the batch command's parse cache then answers most parses.
  const schemes: SchemeId[] = ['deb', 'semver', 'rpm', 'pypi', 'maven', 'npm'];
  const makeLines = (count: number, pool: number): string[] => {
    const pools = new Map(schemes.map((id) => [id, Array.from({ length: pool }, () => MAKERS[id]!())]));
    return Array.from({ length: count }, (_, k) => {
      const id = schemes[k % schemes.length]!;
      const p = pools.get(id)!;
      return JSON.stringify({ scheme: id, a: p[int(pool)]!, b: p[int(pool)]! });
    });
  };
  const distinct = makeLines(1 << 18, 1 << 16);
  let k = 0;
  let bytes = 0;
  measure('versions: batch line, distinct versions', 'lines', () => {
    bytes += JSON.stringify(compareBatchLine(distinct[k++ & ((1 << 18) - 1)]!, undefined)).length;
  });
  const repeated = makeLines(1 << 16, 256);
  const cache = new ParseCache();
  k = 0;
  measure('versions: batch line, SBOM-like (cached)', 'lines', () => {
    bytes += JSON.stringify(compareBatchLine(repeated[k++ & ((1 << 16) - 1)]!, undefined, cache)).length;
  });
  if (bytes < 0) process.stdout.write('');
}

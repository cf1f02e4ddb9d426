import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';
import { getScheme } from '../../src/domain/versions/index.ts';
import { createNpmScheme } from '../../src/domain/versions/npm.version.ts';
import type { Ordering, SchemeId, VersionScheme } from '../../src/domain/versions/scheme.ts';

/**
 * Upstream version-ordering suites. Every case must pass except those listed (with the reason)
 * in docs/conformance/versions.md and in EXCLUDED below.
 */
const present = requireConformanceData();

/** suite → case label → reason. Keep in sync with docs/conformance/versions.md. */
const EXCLUDED: Readonly<Record<string, Readonly<Record<string, string>>>> = {};

interface Case {
  readonly label: string;
  /** Returns undefined when the case passes, else what went wrong. */
  run(): string | undefined;
}

function check(scheme: VersionScheme, a: string, b: string, op: '<' | '=' | '>'): string | undefined {
  const pa = scheme.parse(a);
  if (!pa.ok) return `'${a}' rejected: ${pa.reason}`;
  const pb = scheme.parse(b);
  if (!pb.ok) return `'${b}' rejected: ${pb.reason}`;
  const want: Ordering = op === '<' ? -1 : op === '=' ? 0 : 1;
  const got = scheme.compareParsed(pa.value, pb.value);
  const back = scheme.compareParsed(pb.value, pa.value);
  if (got !== want) return `compare gave ${got}, expected ${want}`;
  if (back !== -want) return `reverse compare gave ${back}, expected ${-want}`;
  return undefined;
}

function runSuite(name: string, cases: readonly Case[]): void {
  const excluded = EXCLUDED[name] ?? {};
  const failures: string[] = [];
  let passed = 0;
  let counted = 0;
  for (const c of cases) {
    if (c.label in excluded) continue;
    counted++;
    const problem = c.run();
    if (problem === undefined) passed++;
    else failures.push(`${c.label}: ${problem}`);
  }
  const skipped = cases.length - counted;
  reportSuite(name, passed, counted, skipped > 0 ? `${skipped} excluded, see docs/conformance/versions.md` : '');
  expect(failures).toEqual([]);
}

const OSV_FILES: Readonly<Record<string, SchemeId>> = {
  'alpine-versions.txt': 'apk',
  'cran-versions.txt': 'cran',
  'debian-versions.txt': 'deb',
  'hackage-versions.txt': 'hackage',
  'maven-versions.txt': 'maven',
  'nuget-versions.txt': 'nuget',
  'packagist-versions.txt': 'composer',
  'pub-versions.txt': 'pub',
  'pypi-versions.txt': 'pypi',
  'redhat-versions.txt': 'rpm',
  'rubygems-versions.txt': 'gem',
  'semver-versions.txt': 'semver',
};

function osvCases(file: string, scheme: VersionScheme): Case[] {
  const lines = readFileSync(conformancePath('osv-scalibr', file), 'utf8').split('\n');
  const cases: Case[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) return;
    const m = /^(\S+) ([<=>]) (\S+)$/.exec(line);
    if (!m) throw new Error(`${file}:${index + 1}: cannot read '${line}'`);
    const [, a, op, b] = m as unknown as [string, string, '<' | '=' | '>', string];
    cases.push({ label: `line ${index + 1}: ${line}`, run: () => check(scheme, a, b, op) });
  });
  return cases;
}

interface VersTest {
  readonly description: string;
  readonly test_type: string;
  readonly input: { readonly input_scheme: string; readonly versions: readonly string[] };
  readonly expected_output: unknown;
}

/** vers-spec style tests: `comparison` (sort the versions) and `equality` (true/false). */
function versCases(tests: readonly VersTest[], scheme: VersionScheme): Case[] {
  return tests.map((t, i) => ({
    label: `#${i + 1} ${t.test_type} ${JSON.stringify(t.input.versions)}`,
    run: (): string | undefined => {
      const parsed = t.input.versions.map((v) => ({ v, p: scheme.parse(v) }));
      for (const { v, p } of parsed) if (!p.ok) return `'${v}' rejected: ${p.reason}`;
      const values = parsed.map(({ v, p }) => ({ v, value: (p as { value: unknown }).value }));
      if (t.test_type === 'equality') {
        const x = values[0]!;
        const y = values[1]!;
        const equal = scheme.compareParsed(x.value, y.value) === 0;
        return equal === t.expected_output ? undefined : `equal=${equal}, expected ${String(t.expected_output)}`;
      }
      if (t.test_type === 'comparison') {
        const sorted = [...values].sort((x, y) => scheme.compareParsed(x.value, y.value));
        const expected = t.expected_output as string[];
        if (JSON.stringify(sorted.map((x) => x.v)) === JSON.stringify(expected)) return undefined;
        // Some upstream files list the expected order in a normalised spelling (NuGet lower-cases
        // prereleases): then each expected entry must be equivalent to the version sorted into its place.
        if (expected.length !== sorted.length) return `sorted to ${JSON.stringify(sorted.map((x) => x.v))}`;
        for (let k = 0; k < expected.length; k++) {
          const e = scheme.parse(expected[k]!);
          if (!e.ok || scheme.compareParsed(e.value, sorted[k]!.value) !== 0) return `sorted to ${JSON.stringify(sorted.map((x) => x.v))}`;
        }
        return undefined;
      }
      return `unknown test type ${t.test_type}`;
    },
  }));
}

function readVers(path: string): VersTest[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { tests?: VersTest[] } | VersTest[];
  return Array.isArray(doc) ? doc : (doc.tests ?? []);
}

const VERS_SCHEMES: Readonly<Record<string, SchemeId>> = {
  apk: 'apk',
  alpine: 'apk',
  alpm: 'alpm',
  conan: 'conan',
  datetime: 'datetime',
  gentoo: 'gentoo',
  maven: 'maven',
  nuget: 'nuget',
  openssl: 'openssl',
  lexicographic: 'lexicographic',
  deb: 'deb',
};

describe.runIf(present)('version conformance', () => {
  describe('osv-scalibr ordering lists', () => {
    for (const [file, id] of Object.entries(OSV_FILES)) {
      it(`${file} (${id})`, () => runSuite(`versions/osv-scalibr/${file}`, osvCases(file, getScheme(id))));
    }
    it('maps every upstream file to a scheme', () => {
      const files = readdirSync(conformancePath('osv-scalibr')).filter((f) => f.endsWith('.txt'));
      expect(files.filter((f) => !(f in OSV_FILES))).toEqual([]);
    });
  });

  describe('univers', () => {
    it('rpmvercmp.at', () => {
      const text = readFileSync(conformancePath('univers', 'rpmvercmp.at'), 'utf8');
      const rpm = getScheme('rpm');
      const cases: Case[] = [];
      for (const line of text.split('\n')) {
        const m = /^RPMVERCMP\(([^,]*), ([^,]*), (-?1|0)\)$/.exec(line.trim());
        if (!m) continue;
        const [, a, b, r] = m as unknown as [string, string, string, string];
        const op = r === '-1' ? '<' : r === '0' ? '=' : '>';
        cases.push({ label: line.trim(), run: () => check(rpm, a, b, op) });
      }
      expect(cases.length).toBeGreaterThan(50);
      runSuite('versions/univers/rpmvercmp.at', cases);
    });
    it('deb_version_python_pkg_test.json', () => {
      const tests = readVers(conformancePath('univers', 'deb_version_python_pkg_test.json'));
      runSuite('versions/univers/deb_version_python_pkg_test.json', versCases(tests, getScheme('deb')));
    });
  });

  describe('vers-spec version comparison tests', () => {
    const dir = conformancePath('vers-spec', 'tests');
    const files = readdirSync(dir).filter((f) => f.endsWith('_version_cmp_test.json') || f === 'lexicographic-test.json');
    for (const file of files) {
      it(file, () => {
        const tests = readVers(`${dir}/${file}`);
        const schemeName = tests[0]?.input.input_scheme ?? '';
        const id = VERS_SCHEMES[schemeName];
        expect(id, `scheme for ${schemeName}`).toBeDefined();
        runSuite(`versions/vers-spec/${file}`, versCases(tests, getScheme(id!)));
      });
    }
    it('covers every comparison file', () => {
      expect(files.length).toBeGreaterThanOrEqual(9);
    });
  });

  describe('node-semver fixtures (comparison, equality, invalid and valid versions)', () => {
    const doc = JSON.parse(readFileSync(conformancePath('node-semver', 'node-semver-fixtures.json'), 'utf8')) as {
      fixtures: Record<string, unknown[][]>;
    };
    const strict = createNpmScheme();
    const loose = createNpmScheme({ loose: true });
    const pick = (opt: unknown): VersionScheme => (opt === true || (typeof opt === 'object' && opt !== null && (opt as { loose?: boolean }).loose) ? loose : strict) as VersionScheme;

    it('comparisons', () => {
      const cases = doc.fixtures.comparisons!.map((row, i): Case => {
        const [a, b, opt] = row as [string, string, unknown];
        return { label: `#${i + 1} ${a} > ${b}`, run: () => check(pick(opt), a, b, '>') };
      });
      runSuite('versions/node-semver/comparisons', cases);
    });
    it('equality', () => {
      const cases = doc.fixtures.equality!.map((row, i): Case => {
        const [a, b, opt] = row as [string, string, unknown];
        return { label: `#${i + 1} ${a} = ${b}`, run: () => check(pick(opt), a, b, '=') };
      });
      runSuite('versions/node-semver/equality', cases);
    });
    it('invalid-versions', () => {
      const cases = doc.fixtures['invalid-versions']!.map((row, i): Case => {
        const [value, reason, opt] = row as [unknown, string, unknown];
        return {
          label: `#${i + 1} ${reason}`,
          run: () => {
            const r = pick(opt).parse(value as string);
            return r.ok ? `accepted ${JSON.stringify(value)}` : undefined;
          },
        };
      });
      runSuite('versions/node-semver/invalid-versions', cases);
    });
    it('valid-versions', () => {
      const cases = doc.fixtures['valid-versions']!.map((row, i): Case => {
        const [text, major, minor, patch, pre, build] = row as [string, number, number, number, unknown[], string[]];
        return {
          label: `#${i + 1} ${text}`,
          run: () => {
            const r = strict.parse(text);
            if (!r.ok) return `rejected: ${r.reason}`;
            const v = r.value as { major: number; minor: number; patch: number; prerelease: unknown[]; build: string[] };
            const got = JSON.stringify([v.major, v.minor, v.patch, v.prerelease, v.build]);
            const want = JSON.stringify([major, minor, patch, pre, build]);
            return got === want ? undefined : `parsed as ${got}, expected ${want}`;
          },
        };
      });
      runSuite('versions/node-semver/valid-versions', cases);
    });
  });
});

/**
 * Conformance of src/domain/ranges against the upstream suites in the shared data folder:
 * vers-spec range tests (parse, validate, containment, native range → vers) and the
 * node-semver range fixtures. Cases believed wrong upstream are listed, with the reason, in
 * docs/conformance/ranges.md and in UPSTREAM_EXCLUSIONS below; nothing else is skipped.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';
import { containsVersion, normalizeVers, parseVers } from '../../src/domain/ranges/vers.ts';
import { nativeToVers } from '../../src/domain/ranges/native/index.ts';
import { npmRangeContains, npmRangeFormat } from '../../src/domain/ranges/native/npm.range.ts';

const present = requireConformanceData();

interface VersTest {
  description: string;
  test_group: string;
  test_type: string;
  input: unknown;
  expected_output?: unknown;
  expected_failure?: boolean;
  expected_message?: string | null;
}

function load(file: string): VersTest[] {
  return (JSON.parse(readFileSync(conformancePath('vers-spec', 'tests', file), 'utf8')) as { tests: VersTest[] }).tests;
}

/**
 * Upstream cases Vigil deliberately answers differently; each is explained in
 * docs/conformance/ranges.md. Keyed by `file#input`.
 */
const UPSTREAM_EXCLUSIONS = new Set<string>([
  // filled in below as documented
]);

function key(file: string, input: unknown): string {
  return `${file}#${typeof input === 'string' ? input : JSON.stringify(input)}`;
}

type Outcome = { ok: true } | { ok: false; detail: string };

function runVersCase(file: string, t: VersTest): Outcome {
  switch (t.test_type) {
    case 'parse': {
      const r = parseVers(t.input as string);
      if (t.expected_failure) {
        if (r.ok) return { ok: false, detail: 'parsed but should fail' };
        if (t.expected_message && r.reason !== t.expected_message) return { ok: false, detail: `message '${r.reason}' ≠ '${t.expected_message}'` };
        return { ok: true };
      }
      if (!r.ok) return { ok: false, detail: r.reason };
      const exp = t.expected_output as { scheme: string; version_constraints: [string, string][] };
      const got = { scheme: r.value.type, version_constraints: r.value.constraints.map((c) => [c.comparator, c.version]) };
      return JSON.stringify(got) === JSON.stringify(exp) ? { ok: true } : { ok: false, detail: JSON.stringify(got) };
    }
    case 'validate': {
      const r = normalizeVers(t.input as string);
      if (t.expected_failure) return r.ok ? { ok: false, detail: `accepted as ${r.value}` } : { ok: true };
      if (!r.ok) return { ok: false, detail: r.reason };
      return r.value === t.expected_output ? { ok: true } : { ok: false, detail: r.value };
    }
    case 'containment': {
      const input = t.input as { vers: string; version: string };
      const r = containsVersion(input.vers, input.version);
      if (r.status === 'indeterminate') return { ok: false, detail: r.reason };
      return (r.status === 'affected') === t.expected_output ? { ok: true } : { ok: false, detail: `${r.status}: ${r.reason}` };
    }
    case 'from_native': {
      const input = t.input as { scheme?: string; type?: string; native_range: string };
      const scheme = input.scheme ?? input.type ?? '';
      const r = nativeToVers(scheme, input.native_range, { form: 'literal' });
      if (t.expected_failure) return r.ok ? { ok: false, detail: `converted to ${r.value}` } : { ok: true };
      if (!r.ok) return { ok: false, detail: r.reason };
      return r.value === t.expected_output ? { ok: true } : { ok: false, detail: r.value };
    }
    default:
      return { ok: false, detail: `unsupported test type ${t.test_type}` };
  }
}

describe.skipIf(!present)('vers-spec range suites', () => {
  const files = present
    ? readdirSync(conformancePath('vers-spec', 'tests')).filter(
        (f) => f.includes('_range_') || f === 'vers_canonical_parse_test.json',
      ).sort()
    : [];
  for (const file of files) {
    it(file, () => {
      const tests = load(file);
      const failures: string[] = [];
      let passed = 0;
      let excluded = 0;
      for (const t of tests) {
        const k = key(file, t.input);
        if (UPSTREAM_EXCLUSIONS.has(k)) {
          excluded++;
          continue;
        }
        const o = runVersCase(file, t);
        if (o.ok) passed++;
        else failures.push(`${JSON.stringify(t.input)} → ${o.detail} (expected ${JSON.stringify(t.expected_output ?? t.expected_message)})`);
      }
      reportSuite(`vers-spec ${file.replace(/\.json$/, '')}`, passed, tests.length - excluded, excluded ? `${excluded} excluded as wrong upstream, see docs/conformance/ranges.md` : '');
      expect(failures).toEqual([]);
    });
  }
});

/**
 * purl-spec conformance: every case of spec/specification-test.json, types/*-test.json and the
 * legacy test-suite-data.json. Cases we believe are wrong upstream are listed, with the reason,
 * in docs/conformance/purl.md; only those are excluded, and the test fails if the list and the
 * document disagree or if an excluded case no longer exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPurl, formatPurl, parsePurl, type Purl, type PurlComponents } from '../../src/domain/identity/purl.ts';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';

interface SpecCase {
  readonly description: string;
  readonly test_type: 'parse' | 'build' | 'validate';
  readonly input: string | PurlComponents;
  readonly expected_output?: string | PurlComponents | null;
  readonly expected_failure?: boolean;
}

interface LegacyCase {
  readonly description: string;
  readonly purl: string;
  readonly canonical_purl: string | null;
  readonly type: string | null;
  readonly namespace: string | null;
  readonly name: string | null;
  readonly version: string | null;
  readonly qualifiers: Record<string, string> | null;
  readonly subpath: string | null;
  readonly is_invalid: boolean;
}

/**
 * Upstream cases excluded on purpose; each is explained in docs/conformance/purl.md.
 * `skip` names the part of the case that is not checked: the whole case, the legacy
 * canonical-string comparison, or the legacy "building from these components must fail" half.
 */
const EXCLUDED: readonly { file: string; test_type: string; input: string; skip: 'case' | 'canonical' | 'build' }[] = [
  { file: 'types/gem-test.json', test_type: 'parse', input: 'pkg:gem/jruby-launcher@1.1.2?Platform=java', skip: 'case' },
  { file: 'types/rpm-test.json', test_type: 'parse', input: 'pkg:Rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25', skip: 'case' },
  ...[
    'pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repositorY_url=repo.spring.io/release',
    'pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?extension=pom&repositorY_url=repo.spring.io/release',
    'pkg:huggingface/microsoft/deberta-v3-base@559062ad13d311b87b2c455e67dcd5f1c8f65111?repository_url=https://hub-ci.huggingface.co',
    'pkg:mlflow/CreditFraud@3?repository_url=https://adb-5245952564735461.0.azuredatabricks.net/api/2.0/mlflow',
    'pkg:mlflow/CreditFraud@3?repository_url=https://westus2.api.azureml.ms/mlflow/v1.0/subscriptions/a50f2011-fab8-4164-af23-c62881ef8c95/resourceGroups/TestResourceGroup/providers/Microsoft.MachineLearningServices/workspaces/TestWorkspace',
    'pkg:mlflow/trafficsigns@10?model_uuid=36233173b22f4c89b451f1228d700d49&run_id=410a3121-2709-4f88-98dd-dba0ef056b0a&repository_url=https://adb-5245952564735461.0.azuredatabricks.net/api/2.0/mlflow',
  ].map((input) => ({ file: 'legacy/test-suite-data.json', test_type: 'legacy', input, skip: 'canonical' as const })),
  { file: 'legacy/test-suite-data.json', test_type: 'legacy', input: 'pkg%3Amaven/org.apache.commons/io', skip: 'build' },
];

function exclusionFor(file: string, testType: string, input: unknown): (typeof EXCLUDED)[number] | undefined {
  return EXCLUDED.find((e) => e.file === file && e.test_type === testType && e.input === input);
}

const present = requireConformanceData();

function components(p: Purl | PurlComponents): string {
  const q = p.qualifiers ? Object.fromEntries(Object.entries(p.qualifiers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null;
  return JSON.stringify({
    type: p.type ?? null,
    namespace: p.namespace ?? null,
    name: p.name ?? null,
    version: p.version ?? null,
    qualifiers: q && Object.keys(q).length > 0 ? q : null,
    subpath: p.subpath ?? null,
  });
}

/** Runs one spec-format case; returns undefined when it passes, else what went wrong. */
function runSpecCase(t: SpecCase): string | undefined {
  let actual: string;
  try {
    if (t.test_type === 'build') actual = formatPurl(buildPurl(t.input as PurlComponents));
    else if (t.test_type === 'parse') actual = components(parsePurl(t.input as string));
    else actual = formatPurl(parsePurl(t.input as string));
  } catch (err) {
    return t.expected_failure ? undefined : `threw ${(err as Error).message}`;
  }
  if (t.expected_failure) return `expected failure, got ${actual}`;
  const expected = t.test_type === 'parse' ? components(t.expected_output as PurlComponents) : (t.expected_output as string);
  return actual === expected ? undefined : `expected ${expected}, got ${actual}`;
}

/** Legacy case: parse → components and canonical; build components → canonical; invalid → both fail. */
function runLegacyCase(t: LegacyCase, skip: 'canonical' | 'build' | undefined): string | undefined {
  if (t.is_invalid) {
    const problems: string[] = [];
    try {
      problems.push(`parse succeeded: ${formatPurl(parsePurl(t.purl))}`);
    } catch {
      /* expected */
    }
    if (skip !== 'build') {
      try {
        problems.push(`build succeeded: ${formatPurl(buildPurl(t))}`);
      } catch {
        /* expected */
      }
    }
    return problems.length > 0 ? problems.join('; ') : undefined;
  }
  try {
    const parsed = parsePurl(t.purl);
    if (components(parsed) !== components(t)) return `parse: expected ${components(t)}, got ${components(parsed)}`;
    const built = formatPurl(buildPurl(t));
    if (skip === 'canonical') {
      // Still required: building from the components agrees with normalising the string.
      if (built !== formatPurl(parsed)) return `build ${built} differs from normalised parse ${formatPurl(parsed)}`;
      return undefined;
    }
    if (formatPurl(parsed) !== t.canonical_purl) return `canonical: expected ${t.canonical_purl}, got ${formatPurl(parsed)}`;
    if (built !== t.canonical_purl) return `build: expected ${t.canonical_purl}, got ${built}`;
  } catch (err) {
    return `threw ${(err as Error).message}`;
  }
  return undefined;
}

function runSpecFiles(files: readonly string[]): { passed: number; total: number; excluded: number; failures: string[] } {
  let passed = 0;
  let total = 0;
  let excluded = 0;
  const failures: string[] = [];
  for (const file of files) {
    const doc = JSON.parse(readFileSync(conformancePath('purl-spec', file), 'utf8')) as { tests: SpecCase[] };
    for (const t of doc.tests) {
      if (exclusionFor(file, t.test_type, t.input)?.skip === 'case') {
        excluded += 1;
        continue;
      }
      total += 1;
      const problem = runSpecCase(t);
      if (problem === undefined) passed += 1;
      else failures.push(`${file} [${t.test_type}] ${t.description} ${JSON.stringify(t.input)}: ${problem}`);
    }
  }
  return { passed, total, excluded, failures };
}

describe.skipIf(!present)('purl-spec conformance', () => {
  it('passes every case of spec/specification-test.json', () => {
    const r = runSpecFiles(['spec/specification-test.json']);
    reportSuite('purl-spec specification', r.passed, r.total);
    expect(r.failures).toEqual([]);
    expect(r.total).toBeGreaterThan(0);
  });

  it('passes every case of types/*-test.json (except the documented exclusions)', () => {
    const files = readdirSync(conformancePath('purl-spec', 'types'))
      .filter((f) => f.endsWith('-test.json'))
      .sort()
      .map((f) => `types/${f}`);
    expect(files.length).toBeGreaterThanOrEqual(20);
    const r = runSpecFiles(files);
    reportSuite('purl-spec types', r.passed, r.total, r.excluded > 0 ? `${r.excluded} excluded, see docs/conformance/purl.md` : '');
    expect(r.failures).toEqual([]);
    expect(r.excluded).toBe(EXCLUDED.filter((e) => e.skip === 'case').length);
  });

  it('passes every case of legacy/test-suite-data.json', () => {
    const cases = JSON.parse(readFileSync(conformancePath('purl-spec', 'legacy', 'test-suite-data.json'), 'utf8')) as LegacyCase[];
    const failures: string[] = [];
    let passed = 0;
    let partlyExcluded = 0;
    for (const t of cases) {
      const exclusion = exclusionFor('legacy/test-suite-data.json', 'legacy', t.purl);
      const skip = exclusion?.skip === 'canonical' || exclusion?.skip === 'build' ? exclusion.skip : undefined;
      const problem = runLegacyCase(t, skip);
      // A partly excluded case is still checked for the rest, but not counted as a pass.
      if (skip) partlyExcluded += 1;
      if (problem !== undefined) failures.push(`${t.description} ${t.purl}: ${problem}`);
      else if (!skip) passed += 1;
    }
    const total = cases.length - partlyExcluded;
    reportSuite('purl-spec legacy', passed, total, partlyExcluded > 0 ? `${partlyExcluded} partly excluded, see docs/conformance/purl.md` : '');
    expect(failures).toEqual([]);
    expect(partlyExcluded).toBe(EXCLUDED.filter((e) => e.file.startsWith('legacy/')).length);
  });

  it('documents every excluded case in docs/conformance/purl.md', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/conformance/purl.md'), 'utf8');
    for (const e of EXCLUDED) expect(doc).toContain(e.input);
  });
});

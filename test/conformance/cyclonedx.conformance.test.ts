/**
 * CycloneDX conformance:
 *  1. the specification's own test files (`cyclonedx-spec/test-resources/<version>/`): every
 *     `valid-*` file is accepted and every `invalid-*` file is rejected;
 *  2. the real SBOMs in `cyclonedx-bom-examples/SBOM/` (JSON): each parses with exactly as many
 *     components as the document holds (counted here, independently, nested ones included);
 *  3. the other JSON examples there (CBOM, HBOM, SaaSBOM, VEX) parse with all their components.
 *
 * CycloneDX 1.2–1.7 are accepted (four of the five real SBOMs are 1.2); 1.0 and 1.1 are refused
 * with SBOM_UNSUPPORTED_VERSION. URLs that are not IRI references (dropwizard's unresolved
 * `${…}` Maven placeholders) are warnings, not errors.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVigilError } from '../../src/domain/errors.ts';
import type { ValidationIssue } from '../../src/domain/inventory/sbom.ts';
import { parseCycloneDxJson } from '../../src/formats/cyclonedx/cyclonedx.parser.ts';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';

const present = requireConformanceData();
const MAX = 64 * 1024 * 1024;

function jsonFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? jsonFilesUnder(p) : name.endsWith('.json') ? [p] : [];
    });
}

type Outcome = { ok: true; components: number; warnings: number } | { ok: false; code: string; errors: ValidationIssue[]; message: string };

function attempt(bytes: Uint8Array): Outcome {
  try {
    const p = parseCycloneDxJson(bytes, { maxBytes: MAX });
    return { ok: true, components: p.components.length, warnings: p.warnings?.length ?? 0 };
  } catch (err) {
    if (!isVigilError(err)) throw err;
    return { ok: false, code: err.code, errors: (err.details.errors as ValidationIssue[] | undefined) ?? [], message: err.message };
  }
}

/** Components in the document, nested ones included: counted without the parser. */
function countComponents(list: unknown): number {
  if (!Array.isArray(list)) return 0;
  return list.reduce<number>((n, c) => n + 1 + countComponents((c as { components?: unknown }).components), 0);
}

describe.skipIf(!present)('CycloneDX specification test resources', () => {
  const root = conformancePath('cyclonedx-spec', 'test-resources');
  const versions = existsSync(root) ? readdirSync(root).sort() : [];

  it('has test resources to run', () => {
    expect(versions).toContain('1.6');
  });

  for (const version of versions) {
    it(`accepts every valid-* and rejects every invalid-* file (${version})`, () => {
      const files = readdirSync(join(root, version)).filter((f) => f.endsWith('.json')).sort();
      const failures: string[] = [];
      let passed = 0;
      for (const file of files) {
        const expectValid = file.startsWith('valid-');
        const outcome = attempt(readFileSync(join(root, version, file)));
        if (outcome.ok === expectValid) passed++;
        else failures.push(`${file}: ${outcome.ok ? 'accepted' : `${outcome.code} ${outcome.message}`}`);
      }
      reportSuite(`cyclonedx-spec test-resources ${version} (JSON)`, passed, files.length);
      expect(files.length).toBeGreaterThan(0);
      expect(failures).toEqual([]);
    });
  }

  it('rejects the invalid files for the reason their names give', () => {
    const dir = join(root, '1.6');
    const reason = (file: string): Outcome => attempt(readFileSync(join(dir, file)));
    expect(reason('invalid-bomformat-1.6.json')).toMatchObject({ ok: false, code: 'SBOM_FORMAT_UNKNOWN' });
    expect(reason('invalid-component-ref-1.6.json')).toMatchObject({ ok: false, code: 'SBOM_SCHEMA_INVALID', errors: [{ path: '$.components[1]["bom-ref"]' }] });
    expect(reason('invalid-hash-alg-1.6.json')).toMatchObject({ errors: [{ path: '$.components[0].hashes[0].alg' }] });
    expect(reason('invalid-missing-component-type-1.6.json')).toMatchObject({ errors: [{ path: '$.components[0].type', message: 'is required' }] });
    expect(reason('invalid-metadata-timestamp-1.6.json')).toMatchObject({ errors: [{ path: '$.metadata.timestamp', message: 'must be a valid date-time' }] });
    expect(reason('invalid-dependency-1.6.json')).toMatchObject({ errors: [{ path: '$.dependencies[0].ref' }, { path: '$.dependencies[1].ref' }] });
  });
});

describe.skipIf(!present)('CycloneDX real SBOMs (bom-examples/SBOM)', () => {
  const root = conformancePath('cyclonedx-bom-examples', 'SBOM');
  const files = jsonFilesUnder(root);

  it('parses each with the component count of the document', () => {
    expect(files.length).toBeGreaterThan(0);
    let passed = 0;
    const failures: string[] = [];
    const notes: string[] = [];
    for (const file of files) {
      const name = relative(root, file);
      const bytes = readFileSync(file);
      const doc = JSON.parse(bytes.toString('utf8')) as { specVersion: string; components?: unknown };
      const expected = countComponents(doc.components);
      const outcome = attempt(bytes);
      if (outcome.ok && outcome.warnings > 0) notes.push(`${name}: ${outcome.warnings} warnings`);
      if (outcome.ok && outcome.components === expected) passed++;
      else failures.push(`${name}: ${outcome.ok ? `${outcome.components} components, expected ${expected}` : outcome.message}`);
    }
    reportSuite('cyclonedx-bom-examples SBOM (JSON)', passed, files.length, notes.join('; '));
    expect(failures).toEqual([]);
  });

  it('maps the laravel 1.4 SBOM field by field for a sample component', () => {
    const file = files.find((f) => f.endsWith('bom.1.4.json'));
    expect(file).toBeDefined();
    const parsed = parseCycloneDxJson(readFileSync(file!), { maxBytes: MAX });
    const doc = JSON.parse(readFileSync(file!, 'utf8')) as { components: Array<Record<string, unknown>> };
    for (const [i, c] of doc.components.entries()) {
      const p = parsed.components[i]!;
      expect(p.name).toBe(c.name);
      expect(p.version).toBe(c.version ?? null);
      expect(p.purl).toBe(c.purl ?? null);
      expect(p.ref).toBe(c['bom-ref'] ?? `vigil:component/${i}`);
      expect(p.hashes.length).toBe(Array.isArray(c.hashes) ? c.hashes.length : 0);
      expect(p.licenses.length).toBe(Array.isArray(c.licenses) ? c.licenses.length : 0);
    }
  });
});


describe.skipIf(!present)('CycloneDX other examples (CBOM, HBOM, SaaSBOM, VEX)', () => {
  it('parses every 1.2+ example with all its components and refuses 1.0/1.1 by version', () => {
    const root = conformancePath('cyclonedx-bom-examples');
    const files = jsonFilesUnder(root).filter((f) => !relative(root, f).startsWith('SBOM'));
    let passed = 0;
    const failures: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      const doc = JSON.parse(bytes.toString('utf8')) as { specVersion: string; components?: unknown };
      const outcome = attempt(bytes);
      const legacy = ['1.0', '1.1'].includes(doc.specVersion);
      const good = legacy
        ? !outcome.ok && outcome.code === 'SBOM_UNSUPPORTED_VERSION'
        : outcome.ok && outcome.components === countComponents(doc.components);
      if (good) passed++;
      else failures.push(`${relative(root, file)}: ${JSON.stringify(outcome).slice(0, 300)}`);
    }
    reportSuite('cyclonedx-bom-examples other JSON', passed, files.length);
    expect(files.length).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

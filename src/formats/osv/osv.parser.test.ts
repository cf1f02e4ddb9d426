import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOsvDocument, parseOsvRecord, pointerToJsonPath } from './osv.parser.ts';
import { cvssBaseScore, cvssRating } from './osv.severity.ts';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/feeds/osv');
const load = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));

function ok(input: unknown) {
  const r = parseOsvRecord(input, { location: 'test.json' });
  if (!r.ok) throw new Error(`expected a record, got ${r.problem.reason}`);
  return r;
}

describe('parseOsvRecord', () => {
  it('normalises a GHSA record: source, aliases, related, purl from ecosystem, fixed versions, scored CVSS, CWE, vendor rating, credits', () => {
    const { advisory: a, warnings } = ok(load('GHSA-vg01-aaaa-0001.json'));
    expect(warnings).toEqual([]);
    expect(a.source).toBe('ghsa');
    expect(a.id).toBe('GHSA-vg01-aaaa-0001');
    expect(a.aliases).toEqual(['CVE-2099-0001']);
    expect(a.related).toEqual(['CVE-2099-0009']);
    expect(a.modified).toBe('2099-01-03T10:00:00Z');
    expect(a.withdrawn).toBeNull();
    expect(a.affected).toHaveLength(1);
    const p = a.affected[0]!;
    expect(p.purl).toBe('pkg:npm/%40acme/infusion-ui');
    expect(p.ecosystem).toBe('npm');
    expect(p.name).toBe('@acme/infusion-ui');
    expect(p.ranges).toEqual([{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.4.2' }, { introduced: '2.0.0' }, { fixed: '2.1.1' }] }]);
    expect(p.fixedVersions).toEqual(['1.4.2', '2.1.1']);
    expect(p.databaseSpecific).toEqual({ source: 'https://example.invalid/advisory' });
    expect(a.severities).toEqual([
      { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', score: 6.1, rating: 'MEDIUM', source: null },
      { type: 'vendor', vector: null, score: null, rating: 'MODERATE', source: 'GitHub' },
    ]);
    expect(a.cwes).toEqual(['CWE-79']);
    expect(a.references.map((r) => r.type)).toEqual(['ADVISORY', 'FIX']);
    expect(a.credits).toEqual(['Jane Tester']);
  });

  it('keeps a given purl without its version, scores CVSS v4, keeps explicit versions and last_affected', () => {
    const { advisory: a } = ok(load('PYSEC-2099-1.json'));
    expect(a.source).toBe('osv');
    expect(a.affected[0]!.purl).toBe('pkg:pypi/dicom-tools');
    expect(a.affected[0]!.versions).toEqual(['3.0.0', '3.1.0', '3.2.0']);
    expect(a.affected[0]!.fixedVersions).toEqual([]);
    expect(a.severities[0]).toMatchObject({ type: 'CVSS_V4', score: 9.3, rating: 'CRITICAL' });
  });

  it('marks withdrawn records, builds distro purls, ignores GIT fixed commits as versions, keeps Ubuntu ratings as vendor words', () => {
    const { advisory: a } = ok(load('DEBIAN-CVE-2099-0002.json'));
    expect(a.withdrawn).toBe('2099-01-05T00:00:00Z');
    expect(a.affected[0]!.purl).toBe('pkg:deb/debian/dcmtk?distro=debian-12');
    expect(a.affected[0]!.fixedVersions).toEqual(['3.6.7-9+deb12u1']);
    expect(a.severities).toEqual([{ type: 'vendor', vector: null, score: null, rating: 'medium', source: 'Ubuntu' }]);
  });

  it('turns a schema error into a RecordProblem naming the JSON path, without throwing', () => {
    const r = parseOsvRecord(load('malformed-no-introduced.json'), { location: 'malformed.json' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.id).toBe('GHSA-vg01-bad0-0003');
    expect(r.problem.location).toBe('malformed.json $.affected[0].ranges[0].events');
    expect(r.problem.reason).toMatch(/introduced/);
  });

  it('reports missing required fields, unknown fields, mixed fixed/last_affected, and non-objects', () => {
    const missing = parseOsvRecord({ id: 'GHSA-x' });
    expect(!missing.ok && missing.problem.location).toBe('$.modified');
    const unknown = parseOsvRecord({ id: 'GHSA-x', modified: '2099-01-01T00:00:00Z', colour: 'red' });
    expect(!unknown.ok && unknown.problem.location).toBe('$.colour');
    const mixed = parseOsvRecord({
      id: 'GHSA-x',
      modified: '2099-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }, { last_affected: '0.9.0' }] }] }],
    });
    expect(!mixed.ok && mixed.problem.reason).toMatch(/fixed.*last_affected/);
    const badTime = parseOsvRecord({ id: 'GHSA-x', modified: 'yesterday' });
    expect(!badTime.ok && badTime.problem.location).toBe('$.modified');
    const notObject = parseOsvRecord([1, 2]);
    expect(!notObject.ok && notObject.problem.reason).toMatch(/array/);
  });

  it('keeps records with an unlisted id prefix or ecosystem, with a warning', () => {
    const r = ok({ id: 'NEWDB-2099-1', modified: '2099-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Oracle Linux:9', name: 'kernel' } }] });
    expect(r.advisory.id).toBe('NEWDB-2099-1');
    expect(r.advisory.affected[0]!.purl).toBeNull();
    expect(r.warnings.map((w) => w.path)).toEqual(['$.id', '$.affected[0].package.ecosystem']);
  });

  it('warns about a range whose events repeat a version (not distinct)', () => {
    const r = ok({
      id: 'GHSA-x',
      modified: '2099-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.0.0' }] }] }],
    });
    expect(r.warnings).toEqual([{ path: '$.affected[0].ranges[0].events', message: expect.stringMatching(/"1.0.0" appears in more than one event/) }]);
  });

  it('drops a reference whose URL is not a URI, keeping the record', () => {
    const r = ok({ id: 'GHSA-x', modified: '2099-01-01T00:00:00Z', references: [{ type: 'WEB', url: 'not a uri' }, { type: 'WEB', url: 'https://example.invalid/' }] });
    expect(r.advisory.references).toEqual([{ type: 'WEB', url: 'https://example.invalid/' }]);
    expect(r.warnings[0]!.path).toBe('$.references[0].url');
  });
});

describe('parseOsvDocument', () => {
  it('reads arrays: good records kept, the bad one reported with its index', () => {
    const text = JSON.stringify([load('GHSA-vg01-aaaa-0001.json'), load('malformed-no-introduced.json'), load('PYSEC-2099-1.json')]);
    const r = parseOsvDocument(text, { location: 'batch.json' });
    expect(r.advisories.map((a) => a.id)).toEqual(['GHSA-vg01-aaaa-0001', 'PYSEC-2099-1']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.location).toBe('batch.json[1] $.affected[0].ranges[0].events');
    expect(r.raw.get('PYSEC-2099-1')).toEqual(load('PYSEC-2099-1.json'));
  });
  it('reports text that is not JSON as one problem', () => {
    const r = parseOsvDocument('{"id": ', { location: 'cut.json' });
    expect(r.advisories).toEqual([]);
    expect(r.problems[0]!.reason).toMatch(/not valid JSON/);
  });
});

describe('helpers', () => {
  it('pointerToJsonPath tells indexes from keys', () => {
    expect(pointerToJsonPath('/affected/0/package/ecosystem', { affected: [{ package: {} }] })).toBe('$.affected[0].package.ecosystem');
    expect(pointerToJsonPath('', {})).toBe('$');
  });
  it('cvss scores and ratings', () => {
    expect(cvssBaseScore('CVSS_V2', 'AV:N/AC:L/Au:N/C:P/I:P/A:P')).toBe(7.5);
    expect(cvssBaseScore('CVSS_V3', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N')).toBe(9.1);
    expect(cvssBaseScore('CVSS_V3', 'CVSS:3.1/AV:X')).toBeNull();
    expect(cvssRating('CVSS_V3', 0)).toBe('NONE');
    expect(cvssRating('CVSS_V3', 8.9)).toBe('HIGH');
    expect(cvssRating('CVSS_V2', 7)).toBe('HIGH');
  });
});

/**
 * `vigil scan` end to end, in process: a temp embedded database filled with `vigil feeds import`
 * from the hand-written fixtures in test/fixtures/scan, a mirror bundle exported from it with
 * `vigil feeds export`, and a hand-written SBOM scanned in every format, with exit codes 0/1/2
 * and the ignore-file rules.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.ts';
import { run } from '../../src/cli/main.ts';
import { parseCycloneDxJson } from '../../src/formats/cyclonedx/cyclonedx.parser.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures/scan');
const sbom = join(fixtures, 'scan-target.cdx.json');
let dir: string;
let dataDir: string;
let bundle: string;

function fakeIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdin: Readable.from([]),
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    env: {},
    cwd: dir,
    out: () => out,
    err: () => err,
  };
}

async function vigil(...args: string[]) {
  const io = fakeIo();
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

const db = () => ['--data-dir', dataDir];

function ignoreFile(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-scan-'));
  dataDir = join(dir, 'data');
  bundle = join(dir, 'mirror.zip');
  const imported = await vigil('feeds', 'import', join(fixtures, 'feeds'), ...db());
  expect(imported.code, imported.err).toBe(0);
  const exported = await vigil('feeds', 'export', bundle, ...db());
  expect(exported.code, exported.err).toBe(0);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vigil scan', () => {
  it('prints one table line per finding and exits 0 without --fail-on', async () => {
    const r = await vigil('scan', sbom, ...db());
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    const row = (id: string) => lines.find((l) => l.includes(id)) ?? '';
    expect(row('CVE-2099-7001')).toMatch(/^CRITICAL\s+CVE-2099-7001 \(GHSA-vs01-scan-0001\)\s+@acme\/pump-ui@2\.0\.0\s+affected\s+high\s+2\.1\.1/);
    expect(row('CVE-2099-7004')).toMatch(/^CRITICAL\s+CVE-2099-7004\s+pumpgw@2\.5\s+affected\s+low\s+3\.0\s+KEV$/);
    expect(row('CVE-2099-7002')).toMatch(/^MEDIUM\s+CVE-2099-7002 \(PYSEC-2099-72\)\s+pumpctl@1\.4\.0/);
    expect(row('GO-2099-7003')).toMatch(/^UNKNOWN\?\s+GO-2099-7003\s+pumpd@v1\.0\.0\s+indeterminate/);
    expect(r.out).toContain('3 affected (2 critical, 1 medium), 1 indeterminate, 0 suppressed; 6 components scanned');
    expect(lines.filter((l) => l.includes('pump-ui@2.1.1'))).toEqual([]);
  });

  it('exits 1 at or above --fail-on, 0 below it', async () => {
    expect((await vigil('scan', sbom, ...db(), '--fail-on', 'critical')).code).toBe(1);
    const ignore = ignoreFile('crit.json', {
      ignore: [
        { id: 'GHSA-vs01-scan-0001', reason: 'UI not shipped', expires: '2999-12-31' },
        { id: 'CVE-2099-7004', component: 'pumpgw', reason: 'gateway isolated', expires: '2999-12-31' },
      ],
    });
    const high = await vigil('scan', sbom, ...db(), '--fail-on', 'high', '--ignore', ignore);
    expect(high.code, high.err).toBe(0);
    expect(high.out).toContain('1 affected (1 medium), 1 indeterminate, 2 suppressed');
    expect((await vigil('scan', sbom, ...db(), '--fail-on', 'medium', '--ignore', ignore)).code).toBe(1);
    const onlyGo = ignoreFile('all-but-go.json', {
      ignore: ['CVE-2099-7001', 'CVE-2099-7002', 'CVE-2099-7004'].map((id) => ({ id, reason: 'test', expires: '2999-12-31' })),
    });
    // the indeterminate finding counts toward `any` only
    expect((await vigil('scan', sbom, ...db(), '--fail-on', 'low', '--ignore', onlyGo)).code).toBe(0);
    expect((await vigil('scan', sbom, ...db(), '--fail-on', 'any', '--ignore', onlyGo)).code).toBe(1);
  });

  it('writes JSON with full evidence', async () => {
    const r = await vigil('scan', sbom, ...db(), '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { findings: Array<{ id: string; status: string; evidence: Array<{ method: string; evidence: { reason: string; identifier: { value: string } } }>; kev: unknown }> };
    expect(doc.findings.map((f) => f.id)).toEqual(['CVE-2099-7001', 'CVE-2099-7004', 'CVE-2099-7002', 'GO-2099-7003']);
    const gw = doc.findings[1]!;
    expect(gw.kev).toMatchObject({ dateAdded: '2099-04-06' });
    expect(gw.evidence[0]!.method).toBe('cpe');
    expect(gw.evidence[0]!.evidence.identifier.value).toContain('example:pumpgw:2.5');
  });

  it('writes SARIF 2.1.0 and a CycloneDX VDR that the parser accepts (--output)', async () => {
    const s = await vigil('scan', sbom, ...db(), '--format', 'sarif');
    const sarif = JSON.parse(s.out) as { version: string; runs: Array<{ results: Array<{ ruleId: string; level: string }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((x) => `${x.ruleId}:${x.level}`)).toEqual(['CVE-2099-7001:error', 'CVE-2099-7002:warning', 'CVE-2099-7004:error', 'GO-2099-7003:note']);
    const out = join(dir, 'vdr.json');
    const v = await vigil('scan', sbom, ...db(), '--format', 'cyclonedx-vdr', '--output', out);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toBe('');
    const bytes = readFileSync(out);
    const parsed = parseCycloneDxJson(bytes, { maxBytes: 1 << 20 });
    expect(parsed.specVersion).toBe('1.6');
    const vulns = (JSON.parse(bytes.toString('utf8')) as { vulnerabilities: Array<{ id: string; affects: Array<{ ref: string }> }> }).vulnerabilities;
    expect(vulns.map((x) => [x.id, x.affects.map((a) => a.ref)])).toEqual([
      ['CVE-2099-7001', ['ui']],
      ['CVE-2099-7002', ['pumpctl']],
      ['CVE-2099-7004', ['gateway']],
      ['GO-2099-7003', ['pumpd']],
    ]);
  });

  it('scans against a mirror bundle (--db) with the same findings as the database', async () => {
    const fromDb = JSON.parse((await vigil('scan', sbom, ...db(), '--format', 'json')).out) as { findings: unknown[] };
    const r = await vigil('scan', sbom, '--db', bundle, '--format', 'json', '--fail-on', 'critical');
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('not signed; its checksums were verified');
    expect((JSON.parse(r.out) as { findings: unknown[] }).findings).toEqual(fromDb.findings);
    expect((await vigil('scan', sbom, '--db', bundle, ...db())).code).toBe(2);
    const broken = join(dir, 'broken.zip');
    writeFileSync(broken, 'not a zip');
    const b = await vigil('scan', sbom, '--db', broken);
    expect(b.code).toBe(2);
    expect(b.err).toContain('BUNDLE_INVALID');
    expect((await vigil('scan', sbom, '--db', join(dir, 'missing.zip'))).code).toBe(2);
  });

  it('reports expired and unused ignore entries; expired ones no longer suppress', async () => {
    const ignore = ignoreFile('mixed.json', {
      ignore: [
        { id: 'CVE-2099-7001', reason: 'accepted until the fix ships', expires: '2000-01-01' },
        { id: 'CVE-2099-7002', component: 'pkg:pypi/pumpctl', reason: 'log level off', expires: '2999-12-31' },
        { id: 'CVE-2099-9999', reason: 'old entry', expires: '2999-12-31' },
      ],
    });
    const r = await vigil('scan', sbom, ...db(), '--ignore', ignore, '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toContain('ignore entry 0 (CVE-2099-7001) expired on 2000-01-01 and no longer suppresses (1 finding reported again)');
    expect(r.err).toContain('ignore entry 2 (CVE-2099-9999) matched no finding');
    const doc = JSON.parse(r.out) as { findings: Array<{ id: string }>; suppressed: Array<{ finding: { id: string } }> };
    expect(doc.findings.map((f) => f.id)).toContain('CVE-2099-7001');
    expect(doc.suppressed.map((s) => s.finding.id)).toEqual(['CVE-2099-7002']);
  });

  it('exits 2 on an invalid ignore file, naming the file and the JSON path', async () => {
    const noReason = ignoreFile('no-reason.json', { ignore: [{ id: 'CVE-2099-7001', expires: '2999-12-31' }] });
    const a = await vigil('scan', sbom, ...db(), '--ignore', noReason);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/SCAN_IGNORE_INVALID: .*no-reason\.json: \$\.ignore\[0\]\.reason is required/);
    const unknownKey = ignoreFile('typo.json', { ignore: [{ id: 'CVE-2099-7001', reason: 'r', expires: '2999-12-31', component_name: 'x' }] });
    const b = await vigil('scan', sbom, ...db(), '--ignore', unknownKey);
    expect(b.code).toBe(2);
    expect(b.err).toContain('$.ignore[0].component_name unknown key');
    const noExpiry = ignoreFile('no-expiry.json', { ignore: [{ id: 'CVE-2099-7001', reason: 'r' }] });
    expect((await vigil('scan', sbom, ...db(), '--ignore', noExpiry)).err).toContain('$.ignore[0].expires is required');
    expect((await vigil('scan', sbom, ...db(), '--ignore', join(dir, 'nope.json'))).code).toBe(2);
  });

  it('exits 2 on an invalid SBOM or bad usage', async () => {
    const invalid = await vigil('scan', resolve(import.meta.dirname, '../fixtures/sbom/schema-invalid.cdx.json'), ...db());
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/SBOM_SCHEMA_INVALID: .*schema-invalid\.cdx\.json/);
    expect(invalid.err).toMatch(/\$\.\S+/);
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{ "bomFormat": ');
    expect((await vigil('scan', notJson, ...db())).err).toContain('SBOM_SYNTAX_INVALID');
    expect((await vigil('scan', join(dir, 'missing.json'), ...db())).code).toBe(2);
    expect((await vigil('scan', sbom, ...db(), '--format', 'xml')).code).toBe(2);
    expect((await vigil('scan', sbom, ...db(), '--fail-on', 'severe')).code).toBe(2);
    expect((await vigil('scan', ...db())).code).toBe(2);
  });
});

/**
 * NVD / CVE / KEV conformance on the real samples in the shared data:
 *  1. every NVD CVE API 2.0 file and every CVE JSON 5 record under `cve-nvd-samples/` parses
 *     with no problem; the numbers of records, CPE match criteria and CVSS metrics are counted
 *     here from the raw JSON (walking it, not through the parsers) and must equal what the
 *     parsers produce (and the totals known for this snapshot of the data);
 *  2. every CVSS v2/v3.x/v4.0 base score the parsers keep agrees with the score computed from
 *     its vector (ae-cvss-calculator);
 *  3. CVE-2021-44228 (Log4Shell, CVE 5) and CVE-2024-3094 (xz, NVD and CVE 5) checked by hand;
 *  4. the CISA KEV catalog: 1,404 entries (counted from the raw JSON), every CVE id valid,
 *     ransomware flags counted, no problem.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as cvssNamespace from 'ae-cvss-calculator';
import { describe, expect, it } from 'vitest';
import type { Advisory, Severity } from '../../src/domain/advisories/advisory.ts';
import { isCveRecord, parseCveRecord } from '../../src/formats/cve/cve.parser.ts';
import { parseKevCatalog } from '../../src/formats/kev/kev.parser.ts';
import { parseNvdDocument } from '../../src/formats/nvd/nvd.parser.ts';
import { createCveRecordReader } from '../../src/sources/nvd/cve.reader.ts';
import { createNvdReader } from '../../src/sources/nvd/nvd.reader.ts';
import { createKevReader } from '../../src/sources/kev/kev.reader.ts';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';

const present = requireConformanceData();

type CvssLib = typeof cvssNamespace;
const cvss: CvssLib = (cvssNamespace as unknown as { default?: CvssLib }).default?.Cvss3P1 ? (cvssNamespace as unknown as { default: CvssLib }).default : cvssNamespace;

function jsonFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? jsonFilesUnder(p) : name.endsWith('.json') ? [p] : [];
    });
}

type J = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): J => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as J) : {});

/** Independent counts from the raw JSON. */
function rawCounts(doc: unknown): { records: number; cpeMatches: number; cvss: number } {
  const d = obj(doc);
  const countNodes = (configs: unknown): number => list(configs).reduce<number>((n, c) => n + list(obj(c).nodes).reduce<number>((m, node) => m + list(obj(node).cpeMatch).length, 0), 0);
  if (Array.isArray(d.vulnerabilities)) {
    let cpeMatches = 0;
    let metrics = 0;
    for (const v of d.vulnerabilities) {
      const c = obj(obj(v).cve);
      cpeMatches += countNodes(c.configurations);
      for (const [k, arr] of Object.entries(obj(c.metrics))) if (/^cvssMetricV(2|30|31|40)$/u.test(k)) metrics += list(arr).length;
    }
    return { records: d.vulnerabilities.length, cpeMatches, cvss: metrics };
  }
  const containers = obj(d.containers);
  const all = [obj(containers.cna), ...list(containers.adp).map(obj)];
  let cpeMatches = 0;
  let metrics = 0;
  for (const c of all) {
    cpeMatches += countNodes(c.cpeApplicability);
    for (const m of list(c.metrics)) metrics += Object.keys(obj(m)).filter((k) => /^cvssV(2_0|3_0|3_1|4_0)$/u.test(k)).length;
  }
  return { records: 1, cpeMatches, cvss: metrics };
}

function parsedCounts(advisories: readonly Advisory[]): { records: number; cpeMatches: number; cvss: number } {
  return {
    records: advisories.length,
    cpeMatches: advisories.reduce((n, a) => n + a.cpeConfigurations.reduce((m, c) => m + c.nodes.reduce((k, node) => k + node.cpeMatch.length, 0), 0), 0),
    cvss: advisories.reduce((n, a) => n + a.severities.filter((s) => s.type !== 'vendor').length, 0),
  };
}

function computedScore(s: Severity): number {
  const v = s.vector!;
  if (s.type === 'CVSS_V2') return new cvss.Cvss2(v).calculateScores().base as number;
  if (s.type === 'CVSS_V3') return (v.startsWith('CVSS:3.0/') ? new cvss.Cvss3P0(v) : new cvss.Cvss3P1(v)).calculateScores().base as number;
  return new cvss.Cvss4P0(v).calculateScores().base as number;
}

const samples = present ? jsonFilesUnder(conformancePath('cve-nvd-samples')) : [];
const parsed = new Map<string, Advisory[]>();

describe.skipIf(!present)('NVD API 2.0 and CVE JSON 5 samples', () => {
  it('every record parses, with the record, CPE match and CVSS counts of the raw JSON', () => {
    const raw = { nvd: { records: 0, cpeMatches: 0, cvss: 0 }, cve: { records: 0, cpeMatches: 0, cvss: 0 } };
    const got = { nvd: { records: 0, cpeMatches: 0, cvss: 0 }, cve: { records: 0, cpeMatches: 0, cvss: 0 } };
    let passed = 0;
    const failures: string[] = [];
    for (const file of samples) {
      const name = relative(conformancePath('cve-nvd-samples'), file);
      const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      const kind = isCveRecord(doc) ? 'cve' : 'nvd';
      const r = rawCounts(doc);
      let advisories: Advisory[] = [];
      try {
        if (kind === 'cve') advisories = [parseCveRecord(doc)];
        else {
          const d = parseNvdDocument(doc, name);
          if (d.problems.length > 0) throw new Error(d.problems.map((p) => `${p.location}: ${p.reason}`).join('; '));
          advisories = d.advisories;
        }
      } catch (err) {
        failures.push(`${name}: ${(err as Error).message}`);
        continue;
      }
      const p = parsedCounts(advisories);
      for (const k of ['records', 'cpeMatches', 'cvss'] as const) {
        raw[kind][k] += r[k];
        got[kind][k] += p[k];
      }
      if (p.records === r.records && p.cpeMatches === r.cpeMatches && p.cvss === r.cvss) passed++;
      else failures.push(`${name}: parsed ${JSON.stringify(p)} raw ${JSON.stringify(r)}`);
      parsed.set(name, advisories);
    }
    reportSuite('NVD/CVE 5 sample records', passed, samples.length, `NVD ${raw.nvd.records} records, ${raw.nvd.cpeMatches} cpeMatch, ${raw.nvd.cvss} CVSS; CVE 5 ${raw.cve.records} records, ${raw.cve.cpeMatches} cpeMatch, ${raw.cve.cvss} CVSS`);
    expect(failures).toEqual([]);
    expect(got).toEqual(raw);
    // the snapshot in the shared data (osv.dev vulnfeeds test data)
    expect(raw).toEqual({ nvd: { records: 23, cpeMatches: 66, cvss: 38 }, cve: { records: 24, cpeMatches: 15, cvss: 19 } });
  });

  it('every CVSS base score agrees with the score computed from its vector', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (const [file, advisories] of parsed) {
      for (const a of advisories) {
        for (const s of a.severities) {
          if (s.type === 'vendor') continue;
          checked++;
          const c = computedScore(s);
          if (c !== s.score) wrong.push(`${file} ${a.id} ${s.vector}: stated ${s.score}, computed ${c}`);
        }
      }
    }
    reportSuite('NVD/CVE 5 CVSS scores vs vectors', checked - wrong.length, checked);
    expect(checked).toBe(38 + 19);
    expect(wrong).toEqual([]);
  });

  it('CVE-2024-3094 (xz) from NVD: configurations, scores, CWE', () => {
    const doc = JSON.parse(readFileSync(conformancePath('cve-nvd-samples/vulnfeeds/test_data/nvdcve-2.0/CVE-2024-3094.json'), 'utf8')) as unknown;
    const { advisories, raw } = parseNvdDocument(doc);
    const a = advisories[0]!;
    expect(a).toMatchObject({ source: 'nvd', id: 'CVE-2024-3094', published: '2024-03-29T17:15:21.150Z', withdrawn: null, cwes: ['CWE-506'] });
    expect(a.cpeConfigurations).toEqual([
      {
        operator: 'OR',
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              { criteria: 'cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*', vulnerable: true, matchCriteriaId: '73F1DAD7-F362-4C5B-B980-2E5313C369DA' },
              { criteria: 'cpe:2.3:a:tukaani:xz:5.6.1:*:*:*:*:*:*:*', vulnerable: true, matchCriteriaId: '55782A0B-B9C5-4536-A885-84CAB7029C09' },
            ],
          },
        ],
      },
    ]);
    // NVD's own (Primary) score first, then Red Hat's (Secondary); both 10.0 with scope changed
    expect(a.severities.map((s) => [s.type, s.source, s.score, s.rating, s.vector])).toEqual([
      ['CVSS_V3', 'nvd@nist.gov', 10, 'CRITICAL', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'],
      ['CVSS_V3', 'secalert@redhat.com', 10, 'CRITICAL', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'],
    ]);
    // the new `affected` block and SSVC stay in the raw record
    expect(Object.keys(raw.get('CVE-2024-3094') as object)).toContain('affected');
  });

  it('CVE-2024-3094 (xz) from CVE 5: the xz package by its GitHub collection URL, versions 5.6.0 and 5.6.1', () => {
    const doc = JSON.parse(readFileSync(conformancePath('cve-nvd-samples/vulnfeeds/test_data/cvelistV5/cves/2024/3xxx/CVE-2024-3094.json'), 'utf8')) as unknown;
    const a = parseCveRecord(doc);
    const xz = a.affected[0]!;
    expect(xz).toMatchObject({ purl: 'pkg:github/tukaani-project/xz', name: 'tukaani-project/xz', versions: ['5.6.0', '5.6.1'], ranges: [] });
    expect(a.severities.find((s) => s.type === 'CVSS_V3')).toMatchObject({ score: 10, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', source: 'redhat' });
    expect(a.cwes).toEqual(['CWE-506']);
  });

  it('CVE-2021-44228 (Log4Shell) from CVE 5: the affected range with its changes, CISA-ADP score, vendor rating, CWEs', () => {
    const doc = JSON.parse(readFileSync(conformancePath('cve-nvd-samples/vulnfeeds/test_data/cvelistV5/cves/2021/44xxx/CVE-2021-44228.json'), 'utf8')) as unknown;
    const a = parseCveRecord(doc);
    expect(a).toMatchObject({ source: 'cve', id: 'CVE-2021-44228', published: '2021-12-10T00:00:00.000Z', modified: '2025-02-04T14:25:37.215Z', withdrawn: null });
    expect(a.affected).toHaveLength(1);
    const log4j = a.affected[0]!;
    expect(log4j.name).toBe('Apache Log4j2');
    // 2.0-beta9 ≤ v < 2.3.1, 2.4 ≤ v < 2.12.2, 2.13.0 ≤ v < 2.15.0 (lessThan "log4j-core*" is no bound)
    expect(log4j.ranges).toEqual([{ type: 'ECOSYSTEM', events: [{ introduced: '2.0-beta9' }, { fixed: '2.3.1' }, { introduced: '2.4' }, { fixed: '2.12.2' }, { introduced: '2.13.0' }, { fixed: '2.15.0' }] }]);
    expect(log4j.fixedVersions).toEqual(['2.3.1', '2.12.2', '2.15.0']);
    expect(a.severities).toEqual([
      { type: 'vendor', vector: null, score: null, rating: 'critical', source: 'apache' },
      { type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', score: 10, rating: 'CRITICAL', source: 'CISA-ADP' },
    ]);
    expect(a.cwes).toEqual(['CWE-502', 'CWE-400', 'CWE-20']);
  });

  it('the offline readers claim every sample file for the right parser', async () => {
    const nvd = createNvdReader();
    const cve = createCveRecordReader();
    let claimed = 0;
    for (const file of samples) {
      const bytes = new Uint8Array(readFileSync(file));
      const head = bytes.subarray(0, 4096);
      const kind = isCveRecord(JSON.parse(readFileSync(file, 'utf8'))) ? 'cve' : 'nvd';
      const byNvd = nvd.detect(file, head);
      const byCve = cve.detect(file, head);
      if ((kind === 'nvd' && byNvd && !byCve) || (kind === 'cve' && byCve && !byNvd)) claimed++;
      const reader = kind === 'nvd' ? nvd : cve;
      for await (const b of reader.read(file, bytes)) expect(b.problems ?? []).toEqual([]);
    }
    reportSuite('NVD/CVE 5 offline detection', claimed, samples.length);
    expect(claimed).toBe(samples.length);
  });
});

describe.skipIf(!present)('CISA KEV catalog', () => {
  it('1,404 entries, every CVE id valid, ransomware flags as in the raw JSON', async () => {
    const bytes = readFileSync(conformancePath('kev/known_exploited_vulnerabilities.json'));
    const raw = JSON.parse(bytes.toString('utf8')) as { count: number; vulnerabilities: Array<Record<string, unknown>> };
    const rawKnown = raw.vulnerabilities.filter((v) => v.knownRansomwareCampaignUse === 'Known').length;
    const catalog = parseKevCatalog(new Uint8Array(bytes), { location: 'known_exploited_vulnerabilities.json' });
    const valid = catalog.entries.filter((e) => /^CVE-\d{4}-\d{4,}$/u.test(e.cveId)).length;
    const known = catalog.entries.filter((e) => e.knownRansomwareCampaignUse === 'Known').length;
    reportSuite('CISA KEV catalog', valid, raw.vulnerabilities.length, `${known} with known ransomware use, catalog ${catalog.catalogVersion}`);
    expect(raw.vulnerabilities.length).toBe(1404);
    expect(catalog.count).toBe(raw.count);
    expect(catalog.problems).toEqual([]);
    expect(catalog.entries).toHaveLength(raw.vulnerabilities.length);
    expect(valid).toBe(1404);
    expect(known).toBe(rawKnown);
    expect(known).toBe(293);
    expect(new Set(catalog.entries.map((e) => e.cveId)).size).toBe(1404);
    expect(catalog.entries.find((e) => e.cveId === 'CVE-2021-44228')).toMatchObject({ vendorProject: 'Apache', knownRansomwareCampaignUse: 'Known' });
    // the offline reader gives the same
    const batches = [];
    for await (const b of createKevReader().read('known_exploited_vulnerabilities.json', new Uint8Array(bytes))) batches.push(b);
    expect(batches.flatMap((b) => b.kev ?? [])).toHaveLength(1404);
  });
});

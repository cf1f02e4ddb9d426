/**
 * CSAF conformance:
 *  1. every CISA ICS medical advisory (`cisa-csaf-icsma/**`, CSAF 2.0) parses without problems;
 *     documents, vulnerabilities (= CVE entries, one advisory each), product-tree products,
 *     product statuses and CVSS scores are counted here from the raw JSON, independently of the
 *     parser, and must equal what the parser produced; every CVSS v3 base score in the documents
 *     is recomputed from its vector with ae-cvss-calculator;
 *  2. two 2017 infusion-pump advisories are checked by hand (vendor, product, versions and
 *     ranges, CVSS vector and score, CWE, fixed version, dates);
 *  3. the OASIS CSAF 2.0 example documents (`oasis-csaf/csaf_2.0/examples/csaf/**`) parse with
 *     the same independent counts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as cvssNamespace from 'ae-cvss-calculator';
import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../src/domain/advisories/advisory.ts';
import { parseCsafJson, type CsafParseResult } from '../../src/formats/csaf/csaf.parser.ts';
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

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** Counts taken straight from the JSON, without the parser. */
interface RawCounts {
  vulnerabilities: number;
  cves: number;
  products: number;
  statusEntries: number;
  scores: number;
}

function rawCounts(doc: Json): RawCounts {
  const ids = new Set<string>();
  const walk = (branches: unknown): void => {
    for (const b of list(branches)) {
      const p = b.product as Json | undefined;
      if (p && typeof p.product_id === 'string') ids.add(p.product_id);
      walk(b.branches);
    }
  };
  const tree = (doc.product_tree ?? {}) as Json;
  walk(tree.branches);
  for (const p of list(tree.full_product_names)) ids.add(String(p.product_id));
  for (const r of list(tree.relationships)) ids.add(String((r.full_product_name as Json).product_id));
  const vulns = list(doc.vulnerabilities);
  let statusEntries = 0;
  let scores = 0;
  for (const v of vulns) {
    for (const entries of Object.values((v.product_status ?? {}) as Record<string, unknown>)) statusEntries += Array.isArray(entries) ? entries.length : 0;
    const distinct = new Set<string>();
    for (const s of list(v.scores)) {
      for (const [k, t] of [
        ['cvss_v2', 'CVSS_V2'],
        ['cvss_v3', 'CVSS_V3'],
      ] as const) {
        const c = s[k] as Json | undefined;
        if (c) distinct.add(`${t}|${String(c.vectorString)}|${String(c.baseScore)}`);
      }
    }
    scores += distinct.size;
  }
  return { vulnerabilities: vulns.length, cves: vulns.filter((v) => typeof v.cve === 'string').length, products: ids.size, statusEntries, scores };
}

function parsedCounts(r: CsafParseResult): RawCounts {
  const vulnerabilityRecords = r.advisories.filter((a) => a.id.includes('#'));
  return {
    vulnerabilities: vulnerabilityRecords.length,
    cves: vulnerabilityRecords.filter((a) => a.aliases.some((x) => x.startsWith('CVE-'))).length,
    products: r.document?.productCount ?? -1,
    statusEntries: r.advisories.reduce((n, a) => n + a.csafProducts.length, 0),
    scores: r.advisories.reduce((n, a) => n + a.severities.length, 0),
  };
}

function byId(advisories: readonly Advisory[], id: string): Advisory {
  const a = advisories.find((x) => x.id === id);
  if (!a) throw new Error(`no advisory ${id}`);
  return a;
}

describe.skipIf(!present)('CISA ICSMA advisories (CSAF 2.0)', () => {
  const root = conformancePath('cisa-csaf-icsma');
  const files = jsonFilesUnder(root);

  it('parses every advisory with counts equal to the raw JSON', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    let passed = 0;
    const totals = { documents: 0, vulnerabilities: 0, cves: 0, products: 0, statusEntries: 0, scores: 0 };
    const failures: string[] = [];
    for (const f of files) {
      const bytes = readFileSync(f);
      const raw = JSON.parse(bytes.toString('utf8')) as Json;
      const expected = rawCounts(raw);
      const r = parseCsafJson(bytes, { location: relative(root, f) });
      const got = parsedCounts(r);
      totals.documents++;
      for (const k of Object.keys(expected) as Array<keyof RawCounts>) totals[k] += expected[k];
      if (r.problems.length === 0 && JSON.stringify(got) === JSON.stringify(expected)) passed++;
      else failures.push(`${relative(root, f)}: ${JSON.stringify({ expected, got, problems: r.problems.slice(0, 3) })}`);
    }
    reportSuite('csaf: CISA ICSMA documents', passed, files.length, `${totals.vulnerabilities} vulnerabilities (${totals.cves} CVE entries), ${totals.products} products, ${totals.statusEntries} product statuses, ${totals.scores} CVSS scores`);
    expect(failures).toEqual([]);
    // one advisory per CVE entry across the corpus
    expect(totals.vulnerabilities).toBe(totals.cves);
    expect(totals.cves).toBeGreaterThan(150);
  });

  it('every CVSS v3 base score in the documents matches its vector', () => {
    let total = 0;
    let agree = 0;
    const mismatches: string[] = [];
    for (const f of files) {
      const r = parseCsafJson(readFileSync(f), { location: f });
      for (const a of r.advisories) {
        for (const s of a.severities) {
          if (s.type !== 'CVSS_V3' || !s.vector) continue;
          total++;
          const calc = (s.vector.startsWith('CVSS:3.0/') ? new cvss.Cvss3P0(s.vector) : new cvss.Cvss3P1(s.vector)).calculateScores().base;
          if (calc === s.score) agree++;
          else mismatches.push(`${a.id}: ${s.vector} says ${s.score}, computed ${calc}`);
        }
      }
    }
    reportSuite('csaf: ICSMA CVSS v3 scores vs vectors', agree, total, mismatches.length ? `mismatches: ${mismatches.slice(0, 3).join('; ')}` : '');
    expect(total).toBeGreaterThan(150);
    expect(mismatches).toEqual([]);
  });

  it('ICSMA-17-250-02A, Smiths Medical Medfusion 4000 syringe infusion pump: products, versions, score, fix', () => {
    const r = parseCsafJson(readFileSync(join(root, '2017', 'icsma-17-250-02a.json')), { location: 'icsma-17-250-02a.json' });
    expect(r.problems).toEqual([]);
    expect(r.advisories).toHaveLength(8);
    const a = byId(r.advisories, 'ICSMA-17-250-02A#CVE-2017-12718');
    expect(a.aliases).toEqual(['CVE-2017-12718']);
    expect(a.published).toBe('2017-09-07T00:00:00.000000Z');
    expect(a.modified).toBe('2017-12-12T00:00:00.000000Z');
    expect(a.withdrawn).toBeNull();
    expect(a.cwes).toEqual(['CWE-120']);
    expect(a.csafProducts.map((p) => [p.vendor, p.product, p.version, p.versionRange, p.status])).toEqual([
      ['Smiths Medical', 'Medfusion 4000 Wireless Syringe Infusion Pump', '1.1', null, 'known_affected'],
      ['Smiths Medical', 'Medfusion 4000 Wireless Syringe Infusion Pump', '1.6', null, 'known_affected'],
      ['Smiths Medical', 'Medfusion 4000 Wireless Syringe Infusion Pump', '1.5', null, 'known_affected'],
    ]);
    expect(a.csafProducts.map((p) => p.fixedVersions)).toEqual([['1.6.1'], ['1.6.1'], ['1.6.1']]);
    // CISA's generator put the same score block on every vulnerability of this document; kept as published
    expect(a.severities).toEqual([{ type: 'CVSS_V3', vector: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N', score: 3.7, rating: 'LOW', source: 'CISA' }]);
  });

  it('ICSMA-17-017-02, BD Alaris 8015 PC unit (infusion system): version ranges and two CVEs kept apart', () => {
    const r = parseCsafJson(readFileSync(join(root, '2017', 'icsma-17-017-02.json')), { location: 'icsma-17-017-02.json' });
    expect(r.advisories.map((a) => [a.id, a.aliases])).toEqual([
      ['ICSMA-17-017-02#CVE-2016-8375', ['CVE-2016-8375']],
      ['ICSMA-17-017-02#CVE-2016-9355', ['CVE-2016-9355']],
    ]);
    const b = byId(r.advisories, 'ICSMA-17-017-02#CVE-2016-9355');
    expect(b.csafProducts.map((p) => [p.vendor, p.product, p.version, p.versionRange])).toEqual([
      ['Becton, Dickinson and Company (BD)', 'Alaris 8015 PC unit', '9.7', null],
      ['Becton, Dickinson and Company (BD)', 'Alaris 8015 PC unit', null, '<= 9.33'],
      ['Becton, Dickinson and Company (BD)', 'Alaris 8015 PC unit', null, '<= 9.5'],
    ]);
    expect(b.severities[0]).toMatchObject({ vector: 'CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 6.8, rating: 'MEDIUM' });
    expect(b.cwes).toEqual(['CWE-284']);
    // "versions less than 9.19 are end of life" is not a fixed version
    expect(b.csafProducts.every((p) => p.fixedVersions === undefined)).toBe(true);
    expect(b.published).toBe('2017-01-17T00:00:00.000000Z');
    expect(b.modified).toBe('2021-03-16T00:00:00.000000Z');
  });
});

describe.skipIf(!present)('OASIS CSAF 2.0 example documents', () => {
  const root = conformancePath('oasis-csaf', 'csaf_2.0', 'examples', 'csaf');
  const files = jsonFilesUnder(root);

  it('parses every example with counts equal to the raw JSON', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    let passed = 0;
    let vulnerabilities = 0;
    let products = 0;
    const failures: string[] = [];
    for (const f of files) {
      const bytes = readFileSync(f);
      const expected = rawCounts(JSON.parse(bytes.toString('utf8')) as Json);
      const r = parseCsafJson(bytes, { location: relative(root, f) });
      const got = parsedCounts(r);
      vulnerabilities += expected.vulnerabilities;
      products += expected.products;
      if (r.problems.length === 0 && JSON.stringify(got) === JSON.stringify(expected)) passed++;
      else failures.push(`${relative(root, f)}: ${JSON.stringify({ expected, got, problems: r.problems.slice(0, 3) })}`);
    }
    reportSuite('csaf: OASIS CSAF 2.0 examples', passed, files.length, `${vulnerabilities} vulnerabilities, ${products} products`);
    expect(failures).toEqual([]);
  });

  it('resolves every relationship of the Red Hat examples (component default_component_of a product)', () => {
    let checked = 0;
    for (const name of ['rhsa-2021_5186.json', 'rhsa-2022_0011.json']) {
      const f = join(root, name);
      const raw = JSON.parse(readFileSync(f, 'utf8')) as Json;
      const r = parseCsafJson(readFileSync(f), { location: name });
      const products = new Map(r.advisories.flatMap((a) => a.csafProducts).map((p) => [p.productId, p]));
      for (const rel of list((raw.product_tree as Json).relationships)) {
        const product = products.get(String((rel.full_product_name as Json).product_id));
        if (!product) continue; // not named by any vulnerability's product_status
        checked++;
        expect(product.relationship).toMatchObject({ category: rel.category, productReference: rel.product_reference, relatesToProductReference: rel.relates_to_product_reference });
        expect(product.relationship!.relatesToName).not.toBeNull();
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});

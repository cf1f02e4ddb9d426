/**
 * The real intelligence samples — CISA KEV, CISA ICSMA CSAF advisories, NVD and CVE records, OSV
 * records — loaded through the offline readers and the ingest use case. Expected numbers are
 * counted here from the raw files, independently of the parsers; the OSV alias groups are the
 * ones derived by hand from the records' `aliases` (never `upstream` or `related`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../src/app/ingest-advisories.ts';
import { offlineReaders } from '../../src/runtime/feeds.ts';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const present = requireConformanceData();

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.json') ? [p] : [];
  });
}

const json = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
const CVE = /^CVE-\d{4}-\d{4,}$/;

let t: TestRuntime;
const problems: string[] = [];

async function load(paths: string[]) {
  const readers = await offlineReaders();
  for (const file of paths) {
    const bytes = readFileSync(file);
    const reader = readers.find((r) => r.detect(basename(file), bytes.subarray(0, 8192)));
    if (!reader) {
      problems.push(`${file}: no reader`);
      continue;
    }
    for await (const batch of reader.read(basename(file), bytes)) {
      await ingestBatch(t.rt, reader.name, batch, { commitWatermark: false });
      for (const p of batch.problems ?? []) problems.push(`${file}: ${p.reason}`);
    }
  }
}

const count = async (sql: string, params: unknown[] = []) => (await t.rt.db.query<{ n: number }>(sql, params)).rows[0]!.n;

const osvDir = () => conformancePath('osv-dev-samples', 'gcp', 'website', 'testdata', 'osv');

beforeAll(async () => {
  t = await createTestRuntime();
  if (!present) return;
  await load([conformancePath('kev', 'known_exploited_vulnerabilities.json')]);
  await load(files(conformancePath('cisa-csaf-icsma')));
  await load(files(conformancePath('cve-nvd-samples')));
  await load(files(osvDir()));
}, 300_000);
afterAll(() => t.close());

describe.skipIf(!present)('importing the real intelligence samples', () => {
  it('stores every KEV entry', async () => {
    const raw = json(conformancePath('kev', 'known_exploited_vulnerabilities.json')) as { vulnerabilities: Array<{ cveID: string; knownRansomwareCampaignUse: string }> };
    expect(await count('SELECT count(*)::int AS n FROM kev_entries')).toBe(raw.vulnerabilities.length);
    expect(await count('SELECT count(*)::int AS n FROM kev_entries WHERE ransomware')).toBe(raw.vulnerabilities.filter((v) => v.knownRansomwareCampaignUse === 'Known').length);
    reportSuite('intelligence import: KEV entries', await count('SELECT count(*)::int AS n FROM kev_entries'), raw.vulnerabilities.length);
  });

  it('stores one CSAF advisory per ICSMA vulnerability, aliased to its CVE', async () => {
    let vulns = 0;
    const cves = new Set<string>();
    for (const f of files(conformancePath('cisa-csaf-icsma'))) {
      for (const v of (json(f).vulnerabilities as Array<{ cve?: string }> | undefined) ?? []) {
        vulns += 1;
        if (v.cve) cves.add(v.cve);
      }
    }
    const stored = await count(`SELECT count(*)::int AS n FROM advisories WHERE source = 'csaf'`);
    expect(stored).toBe(vulns);
    for (const cve of cves) {
      const g = await t.rt.uow.read((s) => s.advisories.findGroup(cve));
      expect(g?.sources, cve).toContain('csaf');
    }
    reportSuite('intelligence import: ICSMA vulnerabilities', stored, vulns);
  });

  it('stores every NVD and CVE 5 record', async () => {
    // The samples hold some records twice (cve5/ and cvelistV5/): count distinct ids per source.
    const nvdIds = new Set<string>();
    const cveIds = new Set<string>();
    for (const f of files(conformancePath('cve-nvd-samples'))) {
      const d = json(f) as { cveMetadata?: { cveId: string }; vulnerabilities?: Array<{ cve: { id: string } }>; cve?: { id: string }; id?: string };
      if (d.cveMetadata) cveIds.add(d.cveMetadata.cveId);
      else if (Array.isArray(d.vulnerabilities)) for (const v of d.vulnerabilities) nvdIds.add(v.cve.id);
      else if (d.cve?.id || d.id) nvdIds.add((d.cve?.id ?? d.id)!);
    }
    const nvd = nvdIds.size;
    const cve5 = cveIds.size;
    const storedNvd = await count(`SELECT count(*)::int AS n FROM advisories WHERE source = 'nvd'`);
    const storedCve = await count(`SELECT count(*)::int AS n FROM advisories WHERE source = 'cve'`);
    expect({ nvd: storedNvd, cve: storedCve }).toEqual({ nvd, cve: cve5 });
    reportSuite('intelligence import: NVD and CVE 5 records', storedNvd + storedCve, nvd + cve5);
  });

  it('stores every OSV record and resolves the alias chains into the groups derived by hand', async () => {
    const ids = files(osvDir()).map((f) => json(f).id as string);
    const stored = await count(`SELECT count(*)::int AS n FROM advisories WHERE source IN ('osv', 'ghsa') AND advisory_id = ANY($1::text[])`, [ids]);
    expect(stored).toBe(ids.length);
    const groupOf = async (id: string) => (await t.rt.uow.read((s) => s.advisories.findGroup(id)))!.identifiers;
    // ALIAS-CVE-1 names CVE-1 and ALIAS; CVE-2 names CVE-1: one vulnerability.
    expect(await groupOf('CVE-2')).toEqual(['ALIAS', 'ALIAS-CVE-1', 'CVE-1', 'CVE-2']);
    expect(await groupOf('ALIAS')).toEqual(['ALIAS', 'ALIAS-CVE-1', 'CVE-1', 'CVE-2']);
    // CVE-3 names CVE-4; its `upstream` CVE-1/CVE-2 is a different vulnerability.
    expect(await groupOf('CVE-4')).toEqual(['CVE-3', 'CVE-4']);
    // Cycles through `upstream` never merge.
    for (const id of ['CYCLE-ROOT-1', 'CYCLE-ROOT-2', 'CYCLE-ROOT-3', 'CVE-5', 'USN-6315-1']) expect(await groupOf(id)).toEqual([id]);
    // UBUNTU-CVE-2023-21400 is Ubuntu's view with CVE-2023-21400 as upstream, not an alias.
    expect(await groupOf('UBUNTU-CVE-2023-21400')).toEqual(['UBUNTU-CVE-2023-21400']);
    const osvGroups = await count(`SELECT count(DISTINCT group_id)::int AS n FROM advisories WHERE source IN ('osv', 'ghsa') AND advisory_id = ANY($1::text[])`, [ids]);
    expect(osvGroups).toBe(22);
    reportSuite('intelligence import: OSV records', stored, ids.length);
    reportSuite('intelligence import: OSV alias groups', osvGroups, 22);
  });

  it('joins the views of one CVE across sources and flags it from KEV', async () => {
    const g = await t.rt.uow.read((s) => s.advisories.findGroup('CVE-2021-44228'));
    expect(g!.sources).toEqual(expect.arrayContaining(['cve', 'osv']));
    expect(g!.kev).toMatchObject({ dateAdded: '2021-12-10', ransomware: true });
    // Every stored group containing a KEV-listed CVE carries the KEV flag.
    const kev = new Set((json(conformancePath('kev', 'known_exploited_vulnerabilities.json')).vulnerabilities as Array<{ cveID: string }>).map((v) => v.cveID));
    const cves = (await t.rt.db.query<{ identifier: string }>(`SELECT DISTINCT i.identifier FROM vuln_identifiers i JOIN advisories a ON a.group_id = i.group_id`)).rows.map((r) => r.identifier).filter((i) => CVE.test(i));
    const expected = cves.filter((c) => kev.has(c)).length;
    const flagged = await t.rt.uow.read((s) => s.advisories.listGroups({ kev: true, includeWithdrawn: true, offset: 0, limit: 10000 }));
    const flaggedCves = new Set(flagged.items.flatMap((i) => i.identifiers).filter((i) => kev.has(i)));
    expect(flaggedCves.size).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    reportSuite('intelligence import: KEV flags on stored CVEs', flaggedCves.size, expected);
  });

  it('reported no unreadable record', () => {
    expect(problems.filter((p) => !p.includes('known_exploited_vulnerabilities_schema'))).toEqual([]);
  });
});

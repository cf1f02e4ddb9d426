import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Advisory, EpssScore, KevEntry, RecordProblem } from '../../domain/advisories/advisory.ts';
import { groupAliases } from '../../domain/advisories/aliases.ts';
import { affectedPackageKey } from '../../domain/advisories/keys.ts';
import type { SbomComponent } from '../../domain/inventory/sbom.ts';
import { matchComponent, prepareComponent, type MatchResult, type PreparedComponent } from '../../domain/matching/index.ts';
import { evaluateOsvAffected } from '../../domain/ranges/osv.ts';
import { parseCycloneDxJson } from '../../formats/cyclonedx/cyclonedx.parser.ts';
import { parseOsvDocument } from '../../formats/osv/osv.parser.ts';
import { cvssBaseScore, cvssRating } from '../../formats/osv/osv.severity.ts';
import { createEpssReader } from '../../sources/epss/epss.reader.ts';
import { createKevReader } from '../../sources/kev/kev.reader.ts';
import { createNvdReader } from '../../sources/nvd/nvd.reader.ts';
import { osvReader } from '../../sources/osv/osv.reader.ts';
import type { OfflineReader } from '../../sources/source.ts';
import { demoPortfolio } from '../portfolio.ts';

const here = import.meta.dirname;
const osvDir = join(here, 'osv');
const nvdDir = join(here, 'nvd');
const osvFiles = readdirSync(osvDir).filter((f) => f.endsWith('.json')).sort();
const nvdFiles = readdirSync(nvdDir).filter((f) => f.endsWith('.json')).sort();
const bytes = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const stem = (file: string): string => file.replace(/\.json$/u, '');

const readers = { osv: osvReader, nvd: createNvdReader(), kev: createKevReader(), epss: createEpssReader() } as const;

interface ReadResult {
  readonly advisories: Advisory[];
  readonly kev: KevEntry[];
  readonly epss: EpssScore[];
  readonly problems: RecordProblem[];
}

async function readAll(reader: OfflineReader, path: string): Promise<ReadResult> {
  const out: ReadResult = { advisories: [], kev: [], epss: [], problems: [] };
  const name = path.split('/').pop()!;
  for await (const batch of reader.read(name, bytes(path))) {
    out.advisories.push(...(batch.advisories ?? []));
    out.kev.push(...(batch.kev ?? []));
    out.epss.push(...(batch.epss ?? []));
    out.problems.push(...(batch.problems ?? []));
  }
  return out;
}

/** The readers that claim a file, by name, given its first 4 KiB. */
function claimedBy(path: string): string[] {
  const name = path.split('/').pop()!;
  const head = bytes(path).subarray(0, 4096);
  return Object.entries(readers)
    .filter(([, r]) => r.detect(name, head))
    .map(([n]) => n);
}

async function readFolder(dir: string, files: readonly string[], reader: OfflineReader): Promise<Advisory[]> {
  const all: Advisory[] = [];
  for (const f of files) all.push(...(await readAll(reader, join(dir, f))).advisories);
  return all;
}

// Every component of every demo SBOM, prepared once for the matching engine.
const sbomDir = join(here, '..', 'sboms');
const sbomFiles = demoPortfolio.flatMap((e) => e.releases.flatMap((r) => r.sboms.map((s) => s.file)));
const components: Array<{ file: string; component: SbomComponent; prepared: PreparedComponent }> = sbomFiles.flatMap((file) =>
  parseCycloneDxJson(bytes(join(sbomDir, file)), { maxBytes: 5 * 1024 * 1024 }).components.map((component) => ({ file, component, prepared: prepareComponent(component) })),
);

function matchesIn(advisory: Advisory): Array<{ file: string; component: SbomComponent; result: MatchResult }> {
  return components.flatMap(({ file, component, prepared }) => matchComponent(prepared, [advisory]).map((result) => ({ file, component, result })));
}

describe('demo intelligence: the files', () => {
  it('holds 25–40 vulnerabilities: OSV records in osv/, NVD records in nvd/, one record per file named by its id', () => {
    expect(osvFiles.length).toBeGreaterThanOrEqual(20);
    expect(nvdFiles.length).toBeGreaterThanOrEqual(5);
    const osvIds = osvFiles.flatMap((f) => {
      const doc = JSON.parse(readFileSync(join(osvDir, f), 'utf8')) as { id: string; aliases?: string[] };
      return [doc.id, ...(doc.aliases ?? [])];
    });
    const nvdIds = nvdFiles.map((f) => (JSON.parse(readFileSync(join(nvdDir, f), 'utf8')) as { cve: { id: string } }).cve.id);
    const cves = new Set([...osvIds, ...nvdIds].filter((id) => id.startsWith('CVE-')));
    expect(cves.size).toBeGreaterThanOrEqual(25);
    expect(cves.size).toBeLessThanOrEqual(40);
  });

  it('each file is claimed by exactly its own offline reader', () => {
    for (const f of osvFiles) expect(claimedBy(join(osvDir, f)), f).toEqual(['osv']);
    for (const f of nvdFiles) expect(claimedBy(join(nvdDir, f)), f).toEqual(['nvd']);
    expect(claimedBy(join(here, 'kev.json'))).toEqual(['kev']);
    expect(claimedBy(join(here, 'epss.csv'))).toEqual(['epss']);
  });
});

describe('demo intelligence: OSV records', () => {
  it('every record reads without problems or schema warnings, with the id of its file', async () => {
    for (const f of osvFiles) {
      const read = await readAll(osvReader, join(osvDir, f));
      expect(read.problems, f).toEqual([]);
      expect(read.advisories.map((a) => a.id), f).toEqual([stem(f)]);
      const parsed = parseOsvDocument(readFileSync(join(osvDir, f), 'utf8'), { location: f });
      expect(parsed.warnings, f).toEqual([]);
    }
  });

  it('GHSA records alias their CVE; records without a GHSA are filed under the CVE id; every record is scored and has a summary', async () => {
    for (const a of await readFolder(osvDir, osvFiles, osvReader)) {
      expect(a.summary, a.id).toBeTruthy();
      expect(a.details, a.id).toBeTruthy();
      expect(a.published, a.id).toMatch(/^\d{4}-\d{2}-\d{2}T/u);
      if (a.id.startsWith('GHSA-')) {
        expect(a.source).toBe('ghsa');
        expect(a.aliases.filter((x) => x.startsWith('CVE-')), a.id).toHaveLength(1);
      } else if (!a.id.startsWith('PYSEC-')) expect(a.id).toMatch(/^CVE-\d{4}-\d{4,}$/u);
      if (!a.id.startsWith('PYSEC-')) {
        const cvss = a.severities.find((s) => s.type === 'CVSS_V3');
        expect(cvss?.vector, a.id).toMatch(/^CVSS:3\.1\//u);
        expect(cvss?.score, a.id).toBeGreaterThan(0);
      }
      for (const p of a.affected) expect(p.purl, `${a.id} ${p.name}`).not.toBeNull();
    }
  });

  it('every record names a package of a demo SBOM at a version its ranges mark affected', async () => {
    for (const a of await readFolder(osvDir, osvFiles, osvReader)) {
      const hits = components.flatMap(({ file, prepared }) =>
        a.affected.flatMap((entry) => {
          const key = affectedPackageKey(entry);
          return prepared.packages
            .filter((p) => p.key === key && p.version !== null)
            .map((p) => ({ file, key, version: p.version!, result: evaluateOsvAffected({ package: { ecosystem: entry.ecosystem ?? '', name: entry.name }, ranges: entry.ranges }, p.version!) }));
        }),
      );
      expect(hits.length, `${a.id}: no demo component has its package`).toBeGreaterThan(0);
      const affected = hits.filter((h) => h.result.status === 'affected');
      expect(affected.length, `${a.id}: ${JSON.stringify(hits.map((h) => [h.key, h.version, h.result.reason]))}`).toBeGreaterThan(0);
    }
  });

  it('the matching engine finds every non-withdrawn record in the demo by purl, with high confidence', async () => {
    for (const a of await readFolder(osvDir, osvFiles, osvReader)) {
      if (a.withdrawn !== null) continue;
      const found = matchesIn(a).filter((m) => m.result.status === 'affected');
      expect(found.length, a.id).toBeGreaterThan(0);
      expect(found.every((m) => m.result.method === 'purl' && m.result.confidence === 'high'), a.id).toBe(true);
    }
  });

  it('Debian records match the Debian 10 release of the display board OS by source package, and not the Debian 11 one', async () => {
    const debian = (await readFolder(osvDir, osvFiles, osvReader)).filter((a) => a.affected.some((p) => p.ecosystem === 'Debian:10'));
    expect(debian.map((a) => a.id).sort()).toEqual(['CVE-2018-25032', 'CVE-2021-3156', 'CVE-2021-4034', 'CVE-2022-0778']);
    for (const a of debian) {
      const files = new Set(matchesIn(a).map((m) => m.file));
      expect([...files], a.id).toEqual(['vitalis-patient-monitor-2.2.1-operating-system.cdx.json']);
    }
    const openssl = debian.find((a) => a.id === 'CVE-2022-0778')!;
    expect(matchesIn(openssl).map((m) => m.component.name).sort()).toEqual(['libssl1.1', 'openssl']);
  });

  it('holds one withdrawn advisory (GHSA-27h2-hvpr-p74q): it would match jsonwebtoken 8.5.1, but being withdrawn it does not', async () => {
    const all = await readFolder(osvDir, osvFiles, osvReader);
    const withdrawn = all.filter((a) => a.withdrawn !== null);
    expect(withdrawn.map((a) => a.id)).toEqual(['GHSA-27h2-hvpr-p74q']);
    const w = withdrawn[0]!;
    expect(w.withdrawn).toBe('2023-01-27T21:51:55Z');
    expect(matchesIn(w)).toEqual([]);
    const live = matchesIn({ ...w, withdrawn: null });
    expect(live.map((m) => `${m.component.name}@${m.component.version}`)).toEqual(['jsonwebtoken@8.5.1']);
  });

  it('GHSA-q2q7-5pp4-w6pg and PYSEC-2021-108 name neither each other: they join only through CVE-2021-33503', async () => {
    const all = [...(await readFolder(osvDir, osvFiles, osvReader)), ...(await readFolder(nvdDir, nvdFiles, readers.nvd))];
    const ghsa = all.find((a) => a.id === 'GHSA-q2q7-5pp4-w6pg')!;
    const pysec = all.find((a) => a.id === 'PYSEC-2021-108')!;
    expect(ghsa.aliases).not.toContain('PYSEC-2021-108');
    expect(pysec.aliases).not.toContain('GHSA-q2q7-5pp4-w6pg');
    expect(all.some((a) => a.id === 'CVE-2021-33503' && a.source === 'nvd')).toBe(true);
    const pair = groupAliases([ghsa, pysec].map((a) => ({ id: a.id, aliases: a.aliases.filter((x) => x !== 'CVE-2021-33503') })));
    expect(pair).toHaveLength(2);
    const groups = groupAliases(all.map((a) => ({ id: a.id, aliases: a.aliases })));
    const group = groups.find((g) => g.ids.includes('GHSA-q2q7-5pp4-w6pg'))!;
    expect(group.key).toBe('CVE-2021-33503');
    expect(group.ids).toEqual(['CVE-2021-33503', 'GHSA-q2q7-5pp4-w6pg', 'PYSEC-2021-108']);
  });
});

describe('demo intelligence: NVD records', () => {
  it('every record reads without problems: one CVE, CVSS v3.1, a CWE, CPE criteria with version bounds', async () => {
    for (const f of nvdFiles) {
      const read = await readAll(readers.nvd, join(nvdDir, f));
      expect(read.problems, f).toEqual([]);
      expect(read.advisories.map((a) => a.id), f).toEqual([stem(f)]);
      const a = read.advisories[0]!;
      expect(a.source).toBe('nvd');
      expect(a.severities[0]?.vector, f).toMatch(/^CVSS:3\.1\//u);
      expect(a.details, f).toBeTruthy();
      const criteria = a.cpeConfigurations.flatMap((c) => c.nodes.flatMap((n) => n.cpeMatch));
      expect(criteria.length, f).toBeGreaterThan(0);
      for (const m of criteria) {
        expect(m.criteria, f).toMatch(/^cpe:2\.3:a:[^:]+:[^:]+:\*:/u);
        expect(m.versionEndExcluding ?? m.versionEndIncluding, f).toBeTruthy();
      }
    }
  });

  it('each NVD base score and severity is the one its CVSS v3.1 vector computes to', async () => {
    for (const a of await readFolder(nvdDir, nvdFiles, readers.nvd)) {
      const s = a.severities[0]!;
      const computed = cvssBaseScore('CVSS_V3', s.vector!);
      expect(s.score, a.id).toBe(computed);
      expect(s.rating, a.id).toBe(cvssRating('CVSS_V3', computed!));
    }
  });

  it('the matching engine finds every NVD record in the demo through the CPE route', async () => {
    for (const a of await readFolder(nvdDir, nvdFiles, readers.nvd)) {
      const found = matchesIn(a).filter((m) => m.result.status === 'affected' && m.result.method === 'cpe');
      expect(found.length, a.id).toBeGreaterThan(0);
    }
  });

  it('OpenSSL 1.1.1k (pump firmware 3.1.0) is affected by CVE-2021-3711, and 3.0.10 (3.4.2) is not', async () => {
    const [a] = (await readAll(readers.nvd, join(nvdDir, 'CVE-2021-3711.json'))).advisories;
    const versions = matchesIn(a!)
      .filter((m) => m.component.name === 'openssl' && m.component.purl?.startsWith('pkg:generic/'))
      .map((m) => m.component.version);
    expect(versions).toEqual(['1.1.1k']);
  });
});

describe('demo intelligence: KEV and EPSS', () => {
  it('kev.json reads as a KEV catalog without problems; every entry is a CVE of the demo records', async () => {
    const read = await readAll(readers.kev, join(here, 'kev.json'));
    expect(read.problems).toEqual([]);
    expect(read.kev.map((k) => k.cveId).sort()).toEqual(['CVE-2020-11023', 'CVE-2021-3156', 'CVE-2021-39144', 'CVE-2021-4034', 'CVE-2021-44228', 'CVE-2021-45046', 'CVE-2022-22965']);
    const log4shell = read.kev.find((k) => k.cveId === 'CVE-2021-44228')!;
    expect([log4shell.dateAdded, log4shell.dueDate, log4shell.knownRansomwareCampaignUse]).toEqual(['2021-12-10', '2021-12-24', 'Known']);
    const advisories = [...(await readFolder(osvDir, osvFiles, osvReader)), ...(await readFolder(nvdDir, nvdFiles, readers.nvd))];
    const named = new Set(advisories.flatMap((a) => [a.id, ...a.aliases]));
    for (const k of read.kev) expect(named.has(k.cveId), k.cveId).toBe(true);
  });

  it('epss.csv reads without problems and scores exactly the CVEs of the demo records, dated by its comment line', async () => {
    const read = await readAll(readers.epss, join(here, 'epss.csv'));
    expect(read.problems).toEqual([]);
    const advisories = [...(await readFolder(osvDir, osvFiles, osvReader)), ...(await readFolder(nvdDir, nvdFiles, readers.nvd))];
    const cves = new Set(advisories.flatMap((a) => [a.id, ...a.aliases]).filter((id) => /^CVE-/u.test(id)));
    expect(read.epss.map((s) => s.cve).sort()).toEqual([...cves].sort());
    for (const s of read.epss) {
      expect(s.date).toBe('2025-08-25');
      expect(s.epss).toBeGreaterThan(0);
      expect(s.epss).toBeLessThan(1);
      expect(s.percentile).toBeGreaterThan(0);
    }
  });
});

/**
 * The demo's hand-written KEV subset (`src/demo/intelligence/kev.json`) checked against CISA's
 * real catalog in the shared data:
 *  1. every entry agrees with CISA's entry for the same CVE on vendor, product, name, dates,
 *     required action, ransomware use and CWEs (only `shortDescription` and `notes` are our own);
 *  2. the subset is complete: every CVE named by a demo record (OSV id or alias, NVD id) that is
 *     in CISA's catalog is in kev.json, and no other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKevCatalog } from '../../src/formats/kev/kev.parser.ts';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';

const present = requireConformanceData();
const demoDir = join(import.meta.dirname, '../../src/demo/intelligence');

function demoCves(): Set<string> {
  const ids: string[] = [];
  for (const f of readdirSync(join(demoDir, 'osv'))) {
    const r = JSON.parse(readFileSync(join(demoDir, 'osv', f), 'utf8')) as { id: string; aliases?: string[] };
    ids.push(r.id, ...(r.aliases ?? []));
  }
  for (const f of readdirSync(join(demoDir, 'nvd'))) ids.push((JSON.parse(readFileSync(join(demoDir, 'nvd', f), 'utf8')) as { cve: { id: string } }).cve.id);
  return new Set(ids.filter((id) => /^CVE-\d{4}-\d{4,}$/u.test(id)));
}

describe.runIf(present)('demo intelligence against the CISA KEV catalog', () => {
  const upstream = present ? parseKevCatalog(readFileSync(conformancePath('kev', 'known_exploited_vulnerabilities.json'))) : null;
  const demo = parseKevCatalog(readFileSync(join(demoDir, 'kev.json')));

  it('every demo KEV entry carries CISA’s facts for its CVE', () => {
    const byCve = new Map(upstream!.entries.map((e) => [e.cveId, e]));
    let passed = 0;
    for (const d of demo.entries) {
      const u = byCve.get(d.cveId);
      expect(u, d.cveId).toBeDefined();
      const pick = (e: typeof d) => ({
        vendorProject: e.vendorProject,
        product: e.product,
        vulnerabilityName: e.vulnerabilityName,
        dateAdded: e.dateAdded,
        dueDate: e.dueDate,
        requiredAction: e.requiredAction,
        knownRansomwareCampaignUse: e.knownRansomwareCampaignUse,
        cwes: [...e.cwes].sort(),
      });
      expect(pick(d), d.cveId).toEqual(pick(u!));
      passed++;
    }
    reportSuite('demo intelligence: KEV entries agree with CISA', passed, demo.entries.length);
  });

  it('holds exactly the demo CVEs that are in CISA’s catalog', () => {
    const inKev = new Set(upstream!.entries.map((e) => e.cveId));
    const expected = [...demoCves()].filter((c) => inKev.has(c)).sort();
    expect(demo.entries.map((e) => e.cveId).sort()).toEqual(expected);
    reportSuite('demo intelligence: KEV subset complete', expected.length, expected.length, `${expected.length} of the ${demoCves().size} demo CVEs are in KEV`);
  });
});

/** Test support: the hand-written scan fixtures (test/fixtures/scan) as in-memory intelligence. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Advisory } from '../../src/domain/advisories/advisory.ts';
import type { ParsedSbom } from '../../src/domain/inventory/sbom.ts';
import { parseCycloneDxJson } from '../../src/formats/cyclonedx/cyclonedx.parser.ts';
import { parseKevCatalog } from '../../src/formats/kev/kev.parser.ts';
import { parseNvdDocument } from '../../src/formats/nvd/nvd.parser.ts';
import { parseOsvDocument } from '../../src/formats/osv/osv.parser.ts';
import { memoryIntel, type ScanIntel } from '../../src/app/scan.ts';

export const scanFixtures = resolve(import.meta.dirname, '../fixtures/scan');

export function fixtureAdvisories(): Advisory[] {
  const read = (f: string) => readFileSync(resolve(scanFixtures, 'feeds', f), 'utf8');
  const osv = ['GHSA-scan-0001.json', 'PYSEC-scan-2.json', 'GO-scan-3.json'].flatMap((f) => parseOsvDocument(read(f), { location: f }).advisories);
  const nvd = parseNvdDocument(JSON.parse(read('nvd-scan.json')), 'nvd-scan.json').advisories;
  return [...osv, ...nvd];
}

export function fixtureIntel(opts: { kev?: boolean; epss?: Array<{ cve: string; epss: number; percentile: number; date: string }> } = {}): ScanIntel {
  const kev = opts.kev === false ? [] : parseKevCatalog(readFileSync(resolve(scanFixtures, 'feeds', 'kev-scan.json'))).entries;
  return memoryIntel({ advisories: fixtureAdvisories(), kev, epss: opts.epss ?? [] });
}

export function fixtureSbom(): ParsedSbom {
  return parseCycloneDxJson(readFileSync(resolve(scanFixtures, 'scan-target.cdx.json')), { maxBytes: 1 << 20 });
}

/**
 * Matching over real CSAF product trees: every CISA ICS medical advisory (`cisa-csaf-icsma/**`)
 * is compiled with `prepareAdvisory`, and each affected product that has a vendor and a product
 * name is turned into the component a manufacturer would list for it (name = product, supplier =
 * vendor, no version). That component must be identified by the name route of its own advisory:
 * affected when the product covers every version, indeterminate (no version to test) otherwise —
 * never silently dropped. With the product's own version as the component's version, a product
 * whose version text Vigil can read must be affected; text it cannot read must be indeterminate
 * with the text quoted. A component with another vendor's name as supplier must not match.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Advisory, CsafProduct } from '../../src/domain/advisories/advisory.ts';
import { matchComponent, prepareAdvisory } from '../../src/domain/matching/match.ts';
import { csafRangeToVers } from '../../src/domain/matching/csaf.match.ts';
import type { MatchComponent } from '../../src/domain/matching/types.ts';
import { parseCsafJson } from '../../src/formats/csaf/csaf.parser.ts';
import { conformancePath, reportSuite, requireConformanceData } from '../support/conformance-data.ts';

const present = requireConformanceData();

function jsonFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? jsonFilesUnder(p) : name.endsWith('.json') ? [p] : [];
    });
}

const AFFECTED = new Set(['known_affected', 'first_affected', 'last_affected']);

/**
 * A version inside the product's version text and whether Vigil can read that text: the point
 * version, or the version of an inclusive upper bound or point of a readable range; for text it
 * cannot read, any version (the result must then be indeterminate).
 */
function versionInside(p: CsafProduct): { version: string; readable: boolean } | null {
  const text = p.versionRange ?? p.version;
  if (!text || text.startsWith('vers:')) return null;
  const r = csafRangeToVers(text);
  if (r.ok) {
    if (r.vers === 'vers:all/*') return null;
    const constraints = r.vers.slice(r.vers.indexOf('/') + 1).split('|');
    const inclusive = constraints.find((c) => c.startsWith('<=') || /^[0-9vV]/.test(c));
    return inclusive ? { version: decodeURIComponent(inclusive.replace(/^<=/, '')), readable: true } : null;
  }
  // one version written as text ("1.3.1 Build 13", "14.1.x"): the same text must match
  if (!p.versionRange && /^[vV]?[0-9]/.test(text.trim())) return { version: text, readable: true };
  return { version: '1.0', readable: false };
}

describe.skipIf(!present)('matching: ICSMA product trees', () => {
  it('every affected product identifies its own component by vendor and name', () => {
    const advisories: Advisory[] = [];
    for (const file of jsonFilesUnder(conformancePath('cisa-csaf-icsma'))) {
      advisories.push(...parseCsafJson(readFileSync(file), { location: file }).advisories);
    }
    expect(advisories.length).toBeGreaterThan(50);
    let total = 0;
    let passed = 0;
    let checkedVersions = 0;
    let unreadable = 0;
    const failures: string[] = [];
    for (const a of advisories) {
      const prepared = prepareAdvisory(a);
      for (const p of a.csafProducts) {
        if (!AFFECTED.has(p.status) || !p.vendor || !p.product || p.relationship) continue;
        total++;
        const base: MatchComponent = { ref: p.productId, name: p.product, supplier: p.vendor, version: null, purl: null, cpe: null };
        const text = p.versionRange ?? p.version;
        const read = text ? csafRangeToVers(text) : null;
        const all = text === null || text === 'vers:all/*' || (read !== null && read.ok && read.vers === 'vers:all/*');
        const noVersion = matchComponent(base, [prepared]);
        const okNoVersion = noVersion.length === 1 && noVersion[0]!.method === 'name' && noVersion[0]!.status === (all ? 'affected' : 'indeterminate');
        // with a version inside the product's text
        const v = versionInside(p);
        let okVersion = true;
        if (v !== null && !all) {
          checkedVersions++;
          const [r] = matchComponent({ ...base, version: v.version }, [prepared]);
          if (!v.readable) unreadable++;
          okVersion = r !== undefined && r.status === (v.readable ? 'affected' : 'indeterminate');
        }
        // another vendor must not match
        const stranger = matchComponent({ ...base, supplier: 'Zzyzx Unrelated Devices' }, [prepared]);
        const okStranger = stranger.length === 0;
        if (okNoVersion && okVersion && okStranger) passed++;
        else if (failures.length < 10) failures.push(`${a.id} ${p.productId} '${p.vendor}' '${p.product}' ${p.version ?? ''} ${p.versionRange ?? ''}: ${JSON.stringify({ okNoVersion, okVersion, okStranger, got: noVersion.map((r) => `${r.status}/${r.method}`) })}`);
      }
    }
    reportSuite('matching: ICSMA affected products self-identify by vendor and name', passed, total, `${checkedVersions} with a version inside the product's text, ${unreadable} of them unreadable → indeterminate; foreign vendor rejected`);
    expect(failures).toEqual([]);
    expect(passed).toBe(total);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isVigilError } from '../../domain/errors.ts';
import { isKevCatalog, parseKevCatalog } from './kev.parser.ts';

const bytes = readFileSync(new URL('../../../test/fixtures/feeds/kev/catalog.json', import.meta.url));

describe('parseKevCatalog', () => {
  it('reads entries and reports the one that fails the schema', () => {
    const c = parseKevCatalog(bytes, { location: 'catalog.json' });
    expect(c.catalogVersion).toBe('2099.03.01');
    expect(c.count).toBe(3);
    expect(c.entries.map((e) => e.cveId)).toEqual(['CVE-2099-0001', 'CVE-2099-12345']);
    expect(c.entries[0]).toMatchObject({ knownRansomwareCampaignUse: 'Known', cwes: ['CWE-787'], dueDate: '2099-01-26', vendorProject: 'Example' });
    expect(c.entries[1]!.knownRansomwareCampaignUse).toBe('Unknown');
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toMatchObject({ source: 'kev', id: 'CVE-99-1', location: 'catalog.json:$.vulnerabilities[2]' });
    expect(c.problems[0]!.reason).toMatch(/cveID must match pattern/u);
  });

  it('reports a stated count that differs from the entries held', () => {
    const doc = JSON.parse(bytes.toString('utf8')) as { count: number };
    doc.count = 4;
    expect(parseKevCatalog(doc).problems.map((p) => p.location)).toEqual(['kev:$.vulnerabilities[2]', 'kev:$.count']);
  });

  it('defaults notes and cwes when absent', () => {
    const doc = JSON.parse(bytes.toString('utf8')) as { vulnerabilities: Array<Record<string, unknown>> };
    doc.vulnerabilities[2]!.cveID = 'CVE-2099-0003';
    const c = parseKevCatalog(doc);
    expect(c.entries[2]).toMatchObject({ cveId: 'CVE-2099-0003', notes: '', cwes: [], knownRansomwareCampaignUse: 'Unknown' });
  });

  it('rejects a document that is not a catalog, or not JSON, or too large', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isVigilError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(err(() => parseKevCatalog({ vulnerabilities: [] }))).toBe('SOURCE_DOCUMENT_INVALID');
    expect(err(() => parseKevCatalog('{"catalogVersion": '))).toBe('SOURCE_DOCUMENT_INVALID');
    expect(err(() => parseKevCatalog(bytes, { maxBytes: 100 }))).toBe('SOURCE_DOCUMENT_TOO_LARGE');
    expect(isKevCatalog(JSON.parse(bytes.toString('utf8')))).toBe(true);
    expect(isKevCatalog({ vulnerabilities: [] })).toBe(false);
  });
});

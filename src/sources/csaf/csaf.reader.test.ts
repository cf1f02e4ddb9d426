import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceBatch } from '../source.ts';
import { createCsafReader, csafReader } from './csaf.reader.ts';

const bytes = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/feeds/csaf/acme-2024-001.json'));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

async function all(it: AsyncIterable<SourceBatch>): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

describe('csafReader', () => {
  it('detects CSAF JSON by its head, whatever the key order', () => {
    expect(csafReader.detect('acme-2024-001.json', bytes.subarray(0, 4096))).toBe(true);
    expect(csafReader.detect('x.json', enc('{"document": {"tracking": {"id": "A"}, "csaf_version": "2.0"'))).toBe(true);
    expect(csafReader.detect('x.json', enc('{"product_tree": {}, "document": {"csaf_version": "2.0"'))).toBe(true);
    expect(csafReader.detect('bom.json', enc('{"bomFormat": "CycloneDX", "specVersion": "1.6"}'))).toBe(false);
    expect(csafReader.detect('osv.json', enc('{"id": "GHSA-xxxx", "modified": "2024-01-01T00:00:00Z"}'))).toBe(false);
    expect(csafReader.detect('acme-2024-001.txt', bytes.subarray(0, 4096))).toBe(false);
  });

  it('reads a file into advisories with raw records marked unverified', async () => {
    const [batch] = await all(csafReader.read('acme-2024-001.json', bytes));
    expect(batch!.advisories!.map((a) => a.id)).toEqual(['ACME-2024-001#CVE-2024-1111', 'ACME-2024-001#CVE-2016-2107']);
    expect(batch!.problems).toEqual([]);
    expect((batch!.raw!.get('ACME-2024-001#CVE-2024-1111') as { retrieval: unknown }).retrieval).toEqual({
      provider: 'offline',
      url: 'acme-2024-001.json',
      distribution: 'file',
      checksums: [],
      signature: { status: 'unverified', reason: 'imported from a file' },
    });
  });

  it('reports an invalid or oversized file as problems and yields no advisories', async () => {
    const [bad] = await all(csafReader.read('broken.json', enc('{"document": {"csaf_version": "2.0"}}')));
    expect(bad!.advisories).toEqual([]);
    expect(bad!.problems!.map((p) => p.location)).toContain('broken.json $.document');
    const [big] = await all(createCsafReader({ maxDocumentBytes: 10, maxArchiveBytes: 10, maxCompressionRatio: 10 }).read('a.json', bytes));
    expect(big!.problems![0]!.reason).toMatch(/larger than the limit of 10/u);
  });
});

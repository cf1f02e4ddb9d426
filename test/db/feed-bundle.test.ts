/**
 * Air-gapped mirror bundles: export → import reproduces the store; a bundle with an altered entry,
 * an altered signed manifest, or without the required signature is refused before anything loads.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFeedBundle, importFeedBundle } from '../../src/app/feed-bundle.ts';
import { ingestBatch } from '../../src/app/ingest-advisories.ts';
import { createBundleWriter, openBundleReader } from '../../src/runtime/feed-bundle-file.ts';
import { generateOsvRecords } from '../../bench/osv-parse.bench.ts';
import { parseOsvDocument } from '../../src/formats/osv/osv.parser.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let dir: string;
let a: TestRuntime;
let b: TestRuntime;
const keys = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

async function snapshot(t: TestRuntime) {
  const q = async (sql: string) => (await t.rt.db.query<{ k: string }>(sql)).rows.map((r) => r.k);
  return {
    advisories: await q(`SELECT a.source || ' ' || a.advisory_id || ' ' || a.content_hash || ' ' || g.primary_id AS k FROM advisories a JOIN vuln_groups g ON g.id = a.group_id ORDER BY 1`),
    identifiers: await q(`SELECT i.identifier || ' ' || g.primary_id AS k FROM vuln_identifiers i JOIN vuln_groups g ON g.id = i.group_id ORDER BY 1`),
    kev: await q(`SELECT cve_id || ' ' || date_added AS k FROM kev_entries ORDER BY 1`),
    epss: await q(`SELECT cve_id || ' ' || score_date || ' ' || epss AS k FROM epss_scores ORDER BY 1`),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-bundle-'));
  a = await createTestRuntime();
  b = await createTestRuntime();
  const records = generateOsvRecords(2500, 7);
  const parsed = parseOsvDocument(JSON.stringify(records), { location: 'generated' });
  for (let i = 0; i < parsed.advisories.length; i += 1000) {
    const slice = parsed.advisories.slice(i, i + 1000);
    await ingestBatch(a.rt, 'osv', { advisories: slice, raw: parsed.raw, watermark: { npm: '2025-01-01T00:00:00Z' } }, { commitWatermark: true });
  }
  const cve = parsed.advisories.flatMap((x) => [x.id, ...x.aliases]).find((id) => id.startsWith('CVE-'))!;
  await ingestBatch(a.rt, 'kev', { kev: [{ cveId: cve, vendorProject: 'v', product: 'p', vulnerabilityName: 'n', dateAdded: '2025-01-02', shortDescription: '', requiredAction: '', dueDate: '2025-01-23', knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: [] }], watermark: 'k1' }, { commitWatermark: true });
  await ingestBatch(a.rt, 'epss', { epss: [{ cve, epss: 0.25, percentile: 0.8, date: '2025-01-02' }, { cve, epss: 0.5, percentile: 0.9, date: '2025-01-03' }], watermark: 'e1' }, { commitWatermark: true });
}, 120_000);

afterAll(async () => {
  await a.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('feed bundles', () => {
  const signed = () => join(dir, 'signed.zip');

  it('exports everything stored and imports it into an empty site identically', async () => {
    const manifest = await exportFeedBundle(a.rt, createBundleWriter(signed(), keys.privateKey), 'test');
    expect(manifest.signed).toBe(true);
    expect(manifest.entries['advisories.jsonl'].records).toBe(2500);
    expect(manifest.feeds).toMatchObject({ osv: { npm: '2025-01-01T00:00:00Z' }, kev: 'k1' });
    const result = await importFeedBundle(b.rt, openBundleReader(signed(), [keys.publicKey]), { requireTrustedSignature: true });
    expect(result.signature).toBe('trusted');
    expect(result.advisories.inserted).toBe(2500);
    expect(result.watermarksSeeded.sort()).toEqual(['epss', 'kev', 'osv']);
    expect(await snapshot(b)).toEqual(await snapshot(a));
    // Importing again changes nothing.
    const again = await importFeedBundle(b.rt, openBundleReader(signed(), [keys.publicKey]), { requireTrustedSignature: true });
    expect(again.advisories).toMatchObject({ inserted: 0, updated: 0, unchanged: 2500 });
  });

  it('refuses an altered entry and loads nothing', async () => {
    const entries = unzipSync(readFileSync(signed()));
    const lines = new TextDecoder().decode(entries['advisories.jsonl']).split('\n');
    lines[3] = lines[3]!.replace('"summary":', '"summary":"tampered ", "x":');
    entries['advisories.jsonl'] = strToU8(lines.join('\n'));
    writeFileSync(join(dir, 'altered.zip'), zipSync(entries));
    const c = await createTestRuntime();
    try {
      await expect(importFeedBundle(c.rt, openBundleReader(join(dir, 'altered.zip'), [keys.publicKey]), { requireTrustedSignature: true })).rejects.toMatchObject({ code: 'BUNDLE_CHECKSUM_MISMATCH' });
      expect((await snapshot(c)).advisories).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('refuses a signed manifest that was altered, and unsigned or foreign-signed bundles when keys are trusted', async () => {
    const entries = unzipSync(readFileSync(signed()));
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { generator: string };
    manifest.generator = 'someone else';
    entries['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
    writeFileSync(join(dir, 'resigned.zip'), zipSync(entries));
    await expect(openBundleReader(join(dir, 'resigned.zip'), [keys.publicKey]).verify()).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE_INVALID' });

    const unsigned = join(dir, 'unsigned.zip');
    await exportFeedBundle(a.rt, createBundleWriter(unsigned, null), 'test');
    const c = await createTestRuntime();
    try {
      await expect(importFeedBundle(c.rt, openBundleReader(unsigned, [keys.publicKey]), { requireTrustedSignature: true })).rejects.toMatchObject({ code: 'BUNDLE_UNTRUSTED' });
      const foreign = join(dir, 'foreign.zip');
      await exportFeedBundle(a.rt, createBundleWriter(foreign, other.privateKey), 'test');
      await expect(importFeedBundle(c.rt, openBundleReader(foreign, [keys.publicKey]), { requireTrustedSignature: true })).rejects.toMatchObject({ code: 'BUNDLE_UNTRUSTED' });
      expect((await snapshot(c)).advisories).toEqual([]);
      // Without trusted keys configured, an unsigned bundle loads after its checksums verify.
      const r = await importFeedBundle(c.rt, openBundleReader(unsigned, []), { requireTrustedSignature: false });
      expect(r.signature).toBe('unsigned');
      expect(r.advisories.inserted).toBe(2500);
    } finally {
      await c.close();
    }
  });
});

/**
 * Intelligence ingest: a generated OSV dump (default 200,000 records, realistic shapes and
 * aliases) parsed and ingested batch by batch, as a sync does. Prints records/s and peak RSS, on
 * PGlite and, with BENCH_DATABASE_URL, on PostgreSQL. BENCH_INGEST_RECORDS overrides the count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestBatch } from '../src/app/ingest-advisories.ts';
import { loadConfig } from '../src/config/config.ts';
import { parseOsvDocument } from '../src/formats/osv/osv.parser.ts';
import { openRuntime } from '../src/runtime/runtime.ts';
import { generateOsvRecords } from './osv-parse.bench.ts';

async function once(label: string, databaseUrl: string | null, total: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
  const config = { ...loadConfig({ env: {}, cwd: process.cwd() }), dataDir, databaseUrl };
  const rt = await openRuntime(config, { queue: false });
  if (databaseUrl) await rt.db.exec('TRUNCATE advisories, advisory_revisions, advisory_packages, advisory_cpes, vuln_identifiers, vuln_groups, kev_entries, epss_scores, epss_latest, feed_state, feed_problems CASCADE');
  try {
    const chunk = 1000;
    let parseMs = 0;
    let ingestMs = 0;
    const started = performance.now();
    let lastReport = started;
    for (let i = 0; i < total; i += chunk) {
      const records = generateOsvRecords(Math.min(chunk, total - i), 1000 + i / chunk);
      // Realistic aliasing: every record names its own CVE; one in three also names the previous
      // record's GHSA id (a GHSA/PYSEC pair), so groups of two or three form, as in OSV.
      for (const [k, r] of records.entries()) {
        const n = i + k;
        r.id = n % 3 === 0 ? `PYSEC-BENCH-${n}` : `GHSA-bench-${n}`;
        r.aliases = [`CVE-${2018 + (n % 8)}-${100000 + n}`, ...(n % 3 === 0 && n > 0 ? [`GHSA-bench-${n - 1}`] : [])];
      }
      let t = performance.now();
      const parsed = parseOsvDocument(JSON.stringify(records), { location: 'bench' });
      parseMs += performance.now() - t;
      t = performance.now();
      await ingestBatch(rt, 'osv', { advisories: parsed.advisories, raw: parsed.raw, watermark: i + chunk, progress: { done: i + chunk, total } }, { commitWatermark: true });
      ingestMs += performance.now() - t;
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        process.stdout.write(`  ${label}: ${i + chunk}/${total} …\n`);
      }
    }
    const secs = (performance.now() - started) / 1000;
    const counts = await rt.uow.read((s) => s.advisories.counts());
    process.stdout.write(
      `${label.padEnd(10)} ${total} OSV records in ${secs.toFixed(1)} s = ${Math.round(total / secs)} records/s ` +
        `(parse+validate ${(parseMs / 1000).toFixed(1)} s, store ${(ingestMs / 1000).toFixed(1)} s = ${Math.round(total / (ingestMs / 1000))} records/s); ` +
        `${counts.groups} alias groups, ${counts.identifiers} identifiers\n`,
    );
  } finally {
    await rt.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const total = Number(process.env.BENCH_INGEST_RECORDS ?? 200_000);
  await once('PGlite', null, total);
  const url = process.env.BENCH_DATABASE_URL;
  if (url) await once('PostgreSQL', url, total);
  else process.stdout.write('(set BENCH_DATABASE_URL to also measure a PostgreSQL server)\n');
  process.stdout.write(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
}

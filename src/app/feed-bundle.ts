/**
 * Mirror bundles for air-gapped sites: `vigil feeds export` writes everything stored (advisories
 * with their raw records, KEV, EPSS history, feed watermarks) into one checksummed, optionally
 * signed bundle; `vigil feeds import` verifies it completely before loading anything.
 */
import { VigilError } from '../domain/errors.ts';
import type { Advisory, EpssScore, KevEntry } from '../domain/advisories/advisory.ts';
import { ingestBatch, type IngestCounts } from './ingest-advisories.ts';
import type { Clock, UnitOfWork } from './ports.ts';

export const BUNDLE_FORMAT = 'vigil-feed-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_ENTRIES = ['advisories.jsonl', 'kev.jsonl', 'epss.jsonl'] as const;
export type BundleEntryName = (typeof BUNDLE_ENTRIES)[number];

export interface BundleEntryInfo {
  sha256: string;
  bytes: number;
  records: number;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: number;
  createdAt: string;
  generator: string;
  entries: Record<BundleEntryName, BundleEntryInfo>;
  /** Watermarks of the exporting site's feeds, to seed an offline site's incremental syncs. */
  feeds: Record<string, unknown>;
}

export interface BundleWriter {
  writeEntry(name: BundleEntryName, lines: AsyncIterable<string>): Promise<BundleEntryInfo>;
  /** Writes the manifest (and its signature when a signing key is configured). */
  finish(manifestJson: string): Promise<{ signed: boolean; keyId: string | null }>;
}

export interface BundleReader {
  /** Reads the manifest, checks its signature and every entry's checksum; throws on any mismatch. */
  verify(): Promise<{ manifest: BundleManifest; signature: 'trusted' | 'unsigned' | 'signed-untrusted'; keyId: string | null }>;
  lines(name: BundleEntryName): AsyncIterable<string>;
}

export interface BundleDeps {
  uow: UnitOfWork;
  clock: Clock;
}

async function* advisoryLines(deps: BundleDeps): AsyncGenerator<string> {
  let after: { source: string; id: string } | null = null;
  for (;;) {
    const page = await deps.uow.read((s) => s.advisories.exportAdvisories(after, 2000));
    for (const r of page) yield JSON.stringify({ advisory: r.data, raw: r.raw });
    if (page.length < 2000) return;
    const last = page[page.length - 1]!;
    after = { source: last.source, id: last.id };
  }
}

async function* kevLines(deps: BundleDeps): AsyncGenerator<string> {
  for (const e of await deps.uow.read((s) => s.advisories.exportKev())) yield JSON.stringify(e);
}

async function* epssLines(deps: BundleDeps): AsyncGenerator<string> {
  let after: { cve: string; date: string } | null = null;
  for (;;) {
    const page = await deps.uow.read((s) => s.advisories.exportEpss(after, 10000));
    for (const r of page) yield JSON.stringify(r);
    if (page.length < 10000) return;
    const last = page[page.length - 1]!;
    after = { cve: last.cve, date: last.date };
  }
}

export async function exportFeedBundle(deps: BundleDeps, writer: BundleWriter, generator: string): Promise<BundleManifest & { signed: boolean }> {
  const entries = {
    'advisories.jsonl': await writer.writeEntry('advisories.jsonl', advisoryLines(deps)),
    'kev.jsonl': await writer.writeEntry('kev.jsonl', kevLines(deps)),
    'epss.jsonl': await writer.writeEntry('epss.jsonl', epssLines(deps)),
  };
  const feeds: Record<string, unknown> = {};
  for (const f of await deps.uow.read((s) => s.feeds.list())) if (f.watermark !== null && f.source !== 'bundle') feeds[f.source] = f.watermark;
  const manifest: BundleManifest = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, createdAt: deps.clock.now().toISOString(), generator, entries, feeds };
  const { signed } = await writer.finish(JSON.stringify(manifest, null, 2));
  return { ...manifest, signed };
}

export interface BundleImportResult {
  signature: 'trusted' | 'unsigned' | 'signed-untrusted';
  keyId: string | null;
  advisories: IngestCounts;
  kev: number;
  epss: number;
  watermarksSeeded: string[];
}

export async function importFeedBundle(
  deps: BundleDeps,
  reader: BundleReader,
  opts: { requireTrustedSignature: boolean; onProgress?: (entry: string, done: number, total: number) => void },
): Promise<BundleImportResult> {
  const { manifest, signature, keyId } = await reader.verify();
  if (manifest.format !== BUNDLE_FORMAT || manifest.version !== BUNDLE_VERSION) {
    throw new VigilError('BUNDLE_INVALID', `not a Vigil feed bundle of version ${BUNDLE_VERSION} (format ${String(manifest.format)}, version ${String(manifest.version)})`);
  }
  if (opts.requireTrustedSignature && signature !== 'trusted') {
    throw new VigilError('BUNDLE_UNTRUSTED', signature === 'unsigned' ? 'the bundle is not signed, and trusted bundle keys are configured' : 'the bundle is signed by a key that is not among the trusted bundle keys');
  }
  const total: IngestCounts = { advisories: 0, inserted: 0, updated: 0, unchanged: 0, kev: 0, epss: 0, problems: 0, touchedGroups: [] };
  let batch: Advisory[] = [];
  let raw = new Map<string, unknown>();
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const c = await ingestBatch(deps, 'bundle', { advisories: batch, raw, watermark: null }, { commitWatermark: false });
    total.advisories += c.advisories;
    total.inserted += c.inserted;
    total.updated += c.updated;
    total.unchanged += c.unchanged;
    done += batch.length;
    opts.onProgress?.('advisories', done, manifest.entries['advisories.jsonl'].records);
    batch = [];
    raw = new Map();
  };
  let line = 0;
  for await (const text of reader.lines('advisories.jsonl')) {
    line += 1;
    if (!text.trim()) continue;
    let rec: { advisory: Advisory; raw: unknown };
    try {
      rec = JSON.parse(text) as { advisory: Advisory; raw: unknown };
    } catch (err) {
      throw new VigilError('BUNDLE_INVALID', `advisories.jsonl line ${line}: ${(err as Error).message}`);
    }
    batch.push(rec.advisory);
    raw.set(rec.advisory.id, rec.raw);
    if (batch.length >= 1000) await flush();
  }
  await flush();

  const kev: KevEntry[] = [];
  for await (const text of reader.lines('kev.jsonl')) if (text.trim()) kev.push(JSON.parse(text) as KevEntry);
  if (kev.length) await ingestBatch(deps, 'bundle', { kev, watermark: null }, { commitWatermark: false });

  let epss: EpssScore[] = [];
  let epssCount = 0;
  for await (const text of reader.lines('epss.jsonl')) {
    if (!text.trim()) continue;
    epss.push(JSON.parse(text) as EpssScore);
    if (epss.length >= 10000) {
      await ingestBatch(deps, 'bundle', { epss, watermark: null }, { commitWatermark: false });
      epssCount += epss.length;
      epss = [];
    }
  }
  if (epss.length) await ingestBatch(deps, 'bundle', { epss, watermark: null }, { commitWatermark: false });
  epssCount += epss.length;

  const seeded: string[] = [];
  for (const [source, watermark] of Object.entries(manifest.feeds ?? {})) {
    if (await deps.uow.write((s) => s.feeds.seedWatermark(source, watermark, deps.clock.now()))) seeded.push(source);
  }
  await deps.uow.write((s) => s.feeds.succeed('bundle', deps.clock.now()));
  return { signature, keyId, advisories: total, kev: kev.length, epss: epssCount, watermarksSeeded: seeded };
}

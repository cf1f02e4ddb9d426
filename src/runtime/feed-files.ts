/** Offline import of raw source files: each file goes to the first reader that recognises it. */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ingestBatch, type IngestCounts } from '../app/ingest-advisories.ts';
import { offlineReaders } from './feeds.ts';
import type { Runtime } from './runtime.ts';

export function listFiles(path: string): string[] {
  const st = statSync(path);
  if (!st.isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((n) => (n.startsWith('.') ? [] : listFiles(join(path, n))));
}

export function fileHead(file: string, bytes = 8192): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export interface FileImportResult {
  file: string;
  reader: string | null;
  counts: Omit<IngestCounts, 'touchedGroups'> | null;
  problems: Array<{ id: string | null; reason: string }>;
}

/** Imports a file or every file of a directory; unrecognised files are reported, not fatal. */
export async function importFeedFiles(rt: Runtime, path: string, onFile?: (r: FileImportResult) => void): Promise<FileImportResult[]> {
  const readers = await offlineReaders();
  const isDir = statSync(path).isDirectory();
  const out: FileImportResult[] = [];
  for (const file of listFiles(path)) {
    const name = isDir ? relative(path, file) : basename(file);
    const reader = readers.find((r) => r.detect(basename(file), fileHead(file)));
    if (!reader) {
      const r = { file: name, reader: null, counts: null, problems: [] };
      out.push(r);
      onFile?.(r);
      continue;
    }
    const counts = { advisories: 0, inserted: 0, updated: 0, unchanged: 0, kev: 0, epss: 0, problems: 0 };
    const problems: FileImportResult['problems'] = [];
    for await (const batch of reader.read(basename(file), readFileSync(file))) {
      const c = await ingestBatch(rt, reader.name, batch, { commitWatermark: false });
      for (const k of Object.keys(counts) as Array<keyof typeof counts>) counts[k] += c[k];
      for (const p of batch.problems ?? []) problems.push({ id: p.id, reason: p.reason });
    }
    const r = { file: name, reader: reader.name, counts, problems };
    out.push(r);
    onFile?.(r);
  }
  return out;
}

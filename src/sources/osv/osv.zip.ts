/**
 * Streaming ZIP reading with zip-bomb limits (fflate `Unzip`), shared by the OSV and GHSA sources
 * and their offline readers.
 *
 * Limits (`SourceLimits`), checked while streaming, never after the fact:
 * - an entry whose declared size exceeds `maxDocumentBytes` is refused before inflating it; one
 *   whose output grows past that size (or past its declared size) is stopped;
 * - the archive's total output may not exceed `maxArchiveBytes`;
 * - compression ratio: an entry declaring more than `maxCompressionRatio` × its compressed size,
 *   or the archive producing more than `maxCompressionRatio` × the bytes read so far, is a bomb.
 *   Both ratio checks start above 1 MiB of output, so small, very regular JSON is not flagged.
 * Input is pushed in 16 KiB slices, so one push inflates at most ~16 MiB (deflate's ratio is at
 * most ~1:1032) before the limits are checked again.
 *
 * Truncation: the archive must end with an end-of-central-directory record and every entry must
 * have ended; otherwise `ArchiveError('truncated')`.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';
import type { SourceLimits } from '../source.ts';

export type ArchiveErrorKind = 'bomb' | 'too-large' | 'truncated' | 'corrupt';

export class ArchiveError extends Error {
  constructor(
    readonly kind: ArchiveErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** A finished entry, or one that was skipped with a reason (too large, unsupported compression, corrupt). */
export type ZipEntry = { readonly name: string; readonly data: Uint8Array } | { readonly name: string; readonly skipped: string };

const SLICE = 16 * 1024;
const RATIO_FLOOR = 1024 * 1024;
const EOCD = [0x50, 0x4b, 0x05, 0x06];

function hasEocd(tail: Uint8Array): boolean {
  // The EOCD record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === EOCD[0] && tail[i + 1] === EOCD[1] && tail[i + 2] === EOCD[2] && tail[i + 3] === EOCD[3]) return true;
  }
  return false;
}

/**
 * Entries of a ZIP archive read from a stream of chunks, in archive order. `want` chooses which
 * entries to inflate (directories are never yielded). Throws `ArchiveError` on a bomb, an
 * archive over the limits, or a truncated or corrupt archive.
 */
export async function* zipEntries(chunks: AsyncIterable<Uint8Array>, limits: SourceLimits, want: (name: string) => boolean = () => true): AsyncGenerator<ZipEntry> {
  const ready: ZipEntry[] = [];
  let failure: ArchiveError | null = null;
  let totalIn = 0;
  let totalOut = 0;
  let open = 0;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  unzip.onfile = (file: UnzipFile) => {
    if (failure || file.name.endsWith('/') || !want(file.name)) return;
    const declared = file.originalSize;
    if (declared !== undefined && declared > limits.maxDocumentBytes) {
      ready.push({ name: file.name, skipped: `declares ${declared} bytes uncompressed, over the ${limits.maxDocumentBytes}-byte document limit` });
      return;
    }
    if (declared !== undefined && file.size !== undefined && declared > RATIO_FLOOR && declared > limits.maxCompressionRatio * Math.max(file.size, 1)) {
      failure = new ArchiveError('bomb', `entry ${file.name} declares ${declared} bytes from ${file.size} compressed (ratio over ${limits.maxCompressionRatio})`);
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      ready.push({ name: file.name, skipped: `unsupported compression method ${file.compression}` });
      return;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    let stopped = false;
    open++;
    file.ondata = (err, data, final) => {
      if (stopped) return;
      if (err) {
        stopped = true;
        open--;
        ready.push({ name: file.name, skipped: `corrupt entry: ${err.message}` });
        return;
      }
      size += data.length;
      totalOut += data.length;
      if (totalOut > limits.maxArchiveBytes) {
        failure = new ArchiveError('too-large', `archive output exceeds ${limits.maxArchiveBytes} bytes`);
      } else if (totalOut > RATIO_FLOOR && totalOut > limits.maxCompressionRatio * Math.max(totalIn, 1)) {
        failure = new ArchiveError('bomb', `archive inflates to ${totalOut} bytes from ${totalIn} read (ratio over ${limits.maxCompressionRatio})`);
      } else if (declared !== undefined && size > declared) {
        failure = new ArchiveError('bomb', `entry ${file.name} inflates past its declared ${declared} bytes`);
      } else if (size > limits.maxDocumentBytes) {
        stopped = true;
        open--;
        file.terminate();
        ready.push({ name: file.name, skipped: `inflates past the ${limits.maxDocumentBytes}-byte document limit` });
        return;
      }
      if (failure) {
        stopped = true;
        file.terminate();
        return;
      }
      parts.push(data);
      if (final) {
        stopped = true;
        open--;
        ready.push({ name: file.name, data: concat(parts, size) });
      }
    };
    file.start();
  };

  let tail: Uint8Array = new Uint8Array(0);
  const push = (slice: Uint8Array, final: boolean): void => {
    try {
      unzip.push(slice, final);
    } catch (e) {
      failure ??= new ArchiveError('corrupt', `corrupt archive: ${(e as Error).message}`);
    }
  };
  for await (const chunk of chunks) {
    for (let off = 0; off < chunk.length; off += SLICE) {
      const slice = chunk.subarray(off, Math.min(off + SLICE, chunk.length));
      totalIn += slice.length;
      push(slice, false);
      if (failure) throw failure;
      while (ready.length > 0) yield ready.shift()!;
    }
    tail = keepTail(tail, chunk);
  }
  push(new Uint8Array(0), true);
  if (failure) throw failure;
  while (ready.length > 0) yield ready.shift()!;
  if (open > 0) throw new ArchiveError('truncated', 'archive ends inside an entry (truncated download?)');
  if (!hasEocd(tail)) throw new ArchiveError('truncated', 'archive has no end-of-central-directory record (truncated download?)');
}

const TAIL = 65_535 + 22;

function keepTail(tail: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (chunk.length >= TAIL) return chunk.slice(chunk.length - TAIL);
  const joined = new Uint8Array(Math.min(TAIL, tail.length + chunk.length));
  const fromTail = joined.length - chunk.length;
  joined.set(tail.subarray(tail.length - fromTail), 0);
  joined.set(chunk, fromTail);
  return joined;
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** A byte array as a one-chunk stream. */
export async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** True when the bytes start like a ZIP local file header. */
export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** The name of the first entry, read from the first local file header (enough bytes permitting). */
export function firstEntryName(head: Uint8Array): string | null {
  if (!looksLikeZip(head) || head.length < 30) return null;
  const nameLen = head[26]! | (head[27]! << 8);
  if (head.length < 30 + nameLen) return null;
  return new TextDecoder().decode(head.subarray(30, 30 + nameLen));
}

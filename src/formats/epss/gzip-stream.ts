/**
 * Streaming gunzip with bomb checks (SourceLimits): the uncompressed total may not pass
 * `maxDocumentBytes`, and once past 1 MiB the ratio uncompressed/compressed-so-far may not pass
 * `maxCompressionRatio`. Input is fed in 16 KiB slices so one push cannot inflate unboundedly
 * before the checks run. When the whole file is at hand, its declared size (the gzip ISIZE
 * trailer, modulo 2^32) is checked before any inflating.
 */
import { Gunzip } from 'fflate';
import type { SourceLimits } from '../../sources/source.ts';
import { VigilError } from '../../domain/errors.ts';

const SLICE = 16 * 1024;
const RATIO_FLOOR = 1024 * 1024;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The uncompressed size a gzip file declares in its trailer (ISIZE, modulo 2^32). */
export function gzipDeclaredSize(bytes: Uint8Array): number | null {
  if (bytes.length < 18 || !isGzip(bytes)) return null;
  const n = bytes.length;
  return (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0;
}

export function checkDeclaredGzip(bytes: Uint8Array, limits: SourceLimits, what: string): void {
  const declared = gzipDeclaredSize(bytes);
  if (declared === null) return;
  if (declared > limits.maxDocumentBytes)
    throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${what} declares ${declared} bytes uncompressed, more than the ${limits.maxDocumentBytes} allowed`, { declared, maxBytes: limits.maxDocumentBytes });
  if (declared > RATIO_FLOOR && declared / bytes.length > limits.maxCompressionRatio)
    throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${what} declares a compression ratio of ${Math.round(declared / bytes.length)}, more than ${limits.maxCompressionRatio}: refused as a gzip bomb`, { declared, compressed: bytes.length });
}

/** Decompresses a gzip byte stream chunk by chunk, enforcing the limits while it goes. */
export async function* gunzipStream(input: AsyncIterable<Uint8Array>, limits: SourceLimits, what: string): AsyncGenerator<Uint8Array> {
  let compressed = 0;
  let uncompressed = 0;
  let out: Uint8Array[] = [];
  let ended = false;
  const gz = new Gunzip((chunk, final) => {
    out.push(chunk);
    if (final) ended = true;
  });
  const check = (): void => {
    if (uncompressed > limits.maxDocumentBytes)
      throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${what} inflates to more than the ${limits.maxDocumentBytes} bytes allowed`, { maxBytes: limits.maxDocumentBytes });
    if (uncompressed > RATIO_FLOOR && uncompressed / Math.max(compressed, 1) > limits.maxCompressionRatio)
      throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${what} inflates more than ${limits.maxCompressionRatio}:1: refused as a gzip bomb`, { compressed, uncompressed });
  };
  const drain = function* (): Generator<Uint8Array> {
    const ready = out;
    out = [];
    for (const c of ready) {
      uncompressed += c.byteLength;
      check();
      yield c;
    }
  };
  let tail: Uint8Array = new Uint8Array(0);
  for await (const chunk of input) {
    tail = chunk.byteLength >= 8 ? chunk.slice(chunk.byteLength - 8) : concatTail(tail, chunk);
    for (let at = 0; at < chunk.byteLength; at += SLICE) {
      const slice = chunk.subarray(at, Math.min(at + SLICE, chunk.byteLength));
      compressed += slice.byteLength;
      try {
        gz.push(slice, false);
      } catch (err) {
        throw new VigilError('SOURCE_DOCUMENT_INVALID', `${what} is not valid gzip: ${(err as Error).message}`);
      }
      yield* drain();
    }
  }
  try {
    gz.push(new Uint8Array(0), true);
  } catch (err) {
    throw new VigilError('SOURCE_DOCUMENT_INVALID', `${what} is not valid gzip: ${(err as Error).message}`);
  }
  yield* drain();
  // fflate does not check the trailer: its ISIZE must equal what came out (single-member files)
  const isize = tail.length === 8 ? (tail[4]! | (tail[5]! << 8) | (tail[6]! << 16) | (tail[7]! << 24)) >>> 0 : -1;
  if (!ended || isize !== uncompressed % 2 ** 32) throw new VigilError('SOURCE_DOCUMENT_INVALID', `${what} ends before its gzip stream does (truncated)`);
}

function concatTail(tail: Uint8Array, chunk: Uint8Array): Uint8Array {
  const both = new Uint8Array(tail.byteLength + chunk.byteLength);
  both.set(tail);
  both.set(chunk, tail.byteLength);
  return both.slice(Math.max(0, both.byteLength - 8));
}

/** An async iterable over one in-memory buffer (for readers that get whole files). */
export async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/**
 * Helpers for the offline readers of NVD, CVE, KEV and EPSS files: peek at the text inside a
 * plain, gzipped or zipped file (for `detect`), and unpack a whole file within SourceLimits.
 */
import { Gunzip, unzipSync } from 'fflate';
import { VigilError } from '../../domain/errors.ts';
import { checkDeclaredGzip, gunzipStream, isGzip, once } from '../../formats/epss/gzip-stream.ts';
import { concat } from '../http.ts';
import type { SourceLimits } from '../source.ts';

export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** The name of a zip's first entry, read from its local file header. */
export function zipFirstName(head: Uint8Array): string | null {
  if (!isZip(head) || head.length < 30) return null;
  const len = head[26]! | (head[27]! << 8);
  if (head.length < 30 + len) return null;
  return new TextDecoder().decode(head.subarray(30, 30 + len));
}

/** The first characters of the text in a file's head: plain, or inflated when gzipped. */
export function headText(head: Uint8Array, max = 4096): string {
  let bytes = head;
  if (isGzip(head)) {
    const out: Uint8Array[] = [];
    try {
      new Gunzip((c) => out.push(c)).push(head, false);
    } catch {
      return '';
    }
    bytes = concat(out);
  }
  return new TextDecoder('utf-8').decode(bytes.subarray(0, max)).replace(/^\uFEFF/u, '');
}

/** Whole file → its uncompressed bytes (gzip or a single-entry zip), within the limits. */
export async function unpack(fileName: string, bytes: Uint8Array, limits: SourceLimits): Promise<Uint8Array> {
  if (isGzip(bytes)) {
    checkDeclaredGzip(bytes, limits, fileName);
    const parts: Uint8Array[] = [];
    for await (const c of gunzipStream(once(bytes), limits, fileName)) parts.push(c);
    return concat(parts);
  }
  if (isZip(bytes)) {
    let total = 0;
    const files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (f.originalSize > limits.maxDocumentBytes || total > limits.maxArchiveBytes)
          throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${fileName}: entry ${f.name} declares ${f.originalSize} bytes, over the limits`, { entry: f.name, declared: f.originalSize });
        if (f.originalSize > 1024 * 1024 && f.originalSize / Math.max(f.size, 1) > limits.maxCompressionRatio)
          throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${fileName}: entry ${f.name} declares a compression ratio over ${limits.maxCompressionRatio}: refused as a zip bomb`, { entry: f.name });
        return !f.name.endsWith('/');
      },
    });
    const entries = Object.values(files);
    if (entries.length !== 1) throw new VigilError('SOURCE_DOCUMENT_INVALID', `${fileName}: expected one file in the zip, found ${entries.length}`);
    const data = entries[0]!;
    if (data.byteLength > limits.maxDocumentBytes) throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${fileName} inflates past the ${limits.maxDocumentBytes}-byte limit`);
    return data;
  }
  if (bytes.byteLength > limits.maxDocumentBytes) throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${fileName} is ${bytes.byteLength} bytes, over the ${limits.maxDocumentBytes}-byte limit`, { size: bytes.byteLength });
  return bytes;
}

export function parseJsonBytes(fileName: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/u, '')) as unknown;
  } catch (err) {
    throw new VigilError('SOURCE_DOCUMENT_INVALID', `${fileName} is not JSON: ${(err as Error).message}`);
  }
}

/** A reader's answer to a file it cannot read at all: one batch with one problem. */
export function fileProblem(source: string, fileName: string, err: unknown): { problems: Array<{ source: string; id: null; location: string; reason: string }>; watermark: null } {
  if (!(err instanceof VigilError)) throw err;
  return { problems: [{ source, id: null, location: fileName, reason: err.message }], watermark: null };
}

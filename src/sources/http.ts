/**
 * Pieces every HTTP feed adapter shares: reading a Retry-After header, and reading a response
 * body within a size limit (declared Content-Length first, then the bytes actually read), as a
 * whole, as chunks, or as lines. The retry loops stay with their adapters, whose servers answer
 * rate limits differently (NVD: 403; GitHub: 403 with rate-limit headers; CSAF providers: 429/503).
 */
import { VigilError } from '../domain/errors.ts';

/** Retry-After as milliseconds from `now` (delta-seconds or an HTTP date), or null when unusable. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/u.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** The body of a response as a stream of chunks; stopping early cancels the download. */
export async function* bodyChunks(res: Response): AsyncGenerator<Uint8Array> {
  if (!res.body) return;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Lines of a text body, read lazily, refusing more than `maxBytes` in all. */
export async function* bodyLines(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `text document over ${maxBytes} bytes`, { maxBytes });
    pending += decoder.decode(chunk, { stream: true });
    let nl = pending.indexOf('\n');
    while (nl !== -1) {
      yield pending.slice(0, nl).replace(/\r$/u, '');
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending.length > 0) yield pending.replace(/\r$/u, '');
}

export function concat(parts: readonly Uint8Array[], size = parts.reduce((n, p) => n + p.byteLength, 0)): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * Reads a whole body, refusing more than `maxBytes` (SOURCE_DOCUMENT_TOO_LARGE, final: a retry
 * will not shrink it). A body shorter than its Content-Length throws a plain Error, which the
 * retry loops treat as transient.
 */
export async function readBody(res: Response, maxBytes: number, what = 'document'): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${what} declares ${declared} bytes, more than the ${maxBytes} allowed`, { size: declared, maxBytes });
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bodyChunks(res)) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new VigilError('SOURCE_DOCUMENT_TOO_LARGE', `${what} is larger than the ${maxBytes} bytes allowed`, { maxBytes });
    parts.push(chunk);
  }
  if (Number.isFinite(declared) && res.headers.get('content-encoding') === null && size !== declared) throw new Error(`${what}: truncated body, ${size} of ${declared} bytes`);
  return concat(parts, size);
}

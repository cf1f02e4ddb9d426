/**
 * HTTP for the CSAF adapter: GET with a size cap (declared and actual), a per-request timeout,
 * and retries for transient answers (429/503 honour Retry-After; other 5xx, network errors,
 * timeouts and truncated bodies back off exponentially). Time goes through `HttpDeps`.
 */
import type { HttpDeps } from '../source.ts';

export interface HttpPolicy {
  /** Largest body accepted, in bytes. */
  readonly maxBytes: number;
  /** Per-request timeout, in milliseconds. */
  readonly timeoutMs: number;
  /** Retries after the first attempt for transient failures. */
  readonly maxRetries: number;
  /** First backoff, doubled on each retry. */
  readonly backoffMs: number;
  /** Longest Retry-After honoured; longer waits give up instead. */
  readonly maxRetryAfterMs: number;
}

export const defaultHttpPolicy: HttpPolicy = { maxBytes: 64 * 1024 * 1024, timeoutMs: 60_000, maxRetries: 4, backoffMs: 1_000, maxRetryAfterMs: 10 * 60_000 };

export type FetchOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly contentType: string | null }
  /** `transient`: worth trying again in a later sync (5xx, network, timeout after all retries). */
  | { readonly ok: false; readonly status: number | null; readonly transient: boolean; readonly reason: string };

class TooLarge extends Error {}

async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new TooLarge(`declared size ${declared} bytes exceeds the limit of ${maxBytes}`);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(`body exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  if (Number.isFinite(declared) && total !== declared) throw new Error(`truncated body: ${total} of ${declared} bytes`);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or null. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/u.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export async function httpGet(url: string, deps: HttpDeps, policy: HttpPolicy): Promise<FetchOutcome> {
  let lastReason = 'no attempt';
  for (let attempt = 0; attempt <= policy.maxRetries; attempt++) {
    const backoff = policy.backoffMs * 2 ** attempt;
    let res: Response;
    try {
      res = await deps.fetch(url, { signal: AbortSignal.timeout(policy.timeoutMs), redirect: 'follow', headers: { accept: 'application/json, text/plain, */*' } });
    } catch (e) {
      lastReason = `request failed: ${(e as Error).message}`;
      if (attempt < policy.maxRetries) await deps.sleep(backoff);
      continue;
    }
    if (res.status === 404 || res.status === 410) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, status: res.status, transient: false, reason: `HTTP ${res.status}` };
    }
    if (res.status === 429 || res.status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      lastReason = `HTTP ${res.status}`;
      const after = retryAfterMs(res.headers.get('retry-after'), deps.now());
      if (after !== null && after > policy.maxRetryAfterMs) return { ok: false, status: res.status, transient: true, reason: `HTTP ${res.status}, Retry-After ${Math.round(after / 1000)} s is too long` };
      if (attempt < policy.maxRetries) await deps.sleep(after ?? backoff);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, status: res.status, transient: false, reason: `HTTP ${res.status}` };
    }
    try {
      const bytes = await readCapped(res, policy.maxBytes);
      return { ok: true, bytes, contentType: res.headers.get('content-type') };
    } catch (e) {
      if (e instanceof TooLarge) return { ok: false, status: res.status, transient: false, reason: e.message };
      lastReason = `reading the body failed: ${(e as Error).message}`;
      if (attempt < policy.maxRetries) await deps.sleep(backoff);
    }
  }
  return { ok: false, status: null, transient: true, reason: `${lastReason} (after ${policy.maxRetries + 1} attempts)` };
}

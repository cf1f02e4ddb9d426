/**
 * HTTP for the CSAF adapter: GET with a size cap (declared and actual), a per-request timeout,
 * and retries for transient answers (429/503 honour Retry-After; other 5xx, network errors,
 * timeouts and truncated bodies back off exponentially). Time goes through `HttpDeps`.
 */
import { VigilError } from '../../domain/errors.ts';
import { readBody, retryAfterMs } from '../http.ts';
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
      const bytes = await readBody(res, policy.maxBytes);
      return { ok: true, bytes, contentType: res.headers.get('content-type') };
    } catch (e) {
      if (e instanceof VigilError) return { ok: false, status: res.status, transient: false, reason: e.message };
      lastReason = `reading the body failed: ${(e as Error).message}`;
      if (attempt < policy.maxRetries) await deps.sleep(backoff);
    }
  }
  return { ok: false, status: null, transient: true, reason: `${lastReason} (after ${policy.maxRetries + 1} attempts)` };
}

/**
 * HTTP with retries for the OSV and GHSA sources, through the injected `HttpDeps` (fetch, sleep,
 * now), so tests replay a local server and control time.
 *
 * Retried: network errors, 429, 403 that carries Retry-After or `x-ratelimit-remaining: 0`
 * (GitHub's rate-limit answer), and 500/502/503/504. The wait is the server's Retry-After
 * (seconds or an HTTP date, capped at `maxRetryAfterMs`), else exponential backoff from
 * `baseDelayMs`. Anything else is returned to the caller (404 included).
 *
 * The request timeout uses `AbortSignal.timeout` (a network deadline, not backoff timing).
 */
import { VigilError } from '../../domain/errors.ts';
import { retryAfterMs } from '../http.ts';
import type { HttpDeps } from '../source.ts';

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  /** Deadline for one request, headers and body together (0: none). */
  readonly timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, maxRetryAfterMs: 15 * 60_000, timeoutMs: 120_000 };

function retryable(res: Response): boolean {
  if (res.status === 429 || res.status === 500 || res.status === 502 || res.status === 503 || res.status === 504) return true;
  return res.status === 403 && (res.headers.has('retry-after') || res.headers.get('x-ratelimit-remaining') === '0');
}

/** fetch with retries; the response of the last attempt, or throws SOURCE_HTTP_FAILED. */
export async function fetchWithRetry(url: string, init: RequestInit, deps: HttpDeps, policy: RetryPolicy = defaultRetryPolicy): Promise<Response> {
  let lastReason = '';
  for (let attempt = 0; ; attempt++) {
    let res: Response | null = null;
    try {
      res = await deps.fetch(url, policy.timeoutMs > 0 ? { ...init, signal: AbortSignal.timeout(policy.timeoutMs) } : init);
    } catch (e) {
      lastReason = `network error: ${(e as Error).message}`;
    }
    if (res && !retryable(res)) return res;
    if (res) {
      lastReason = `HTTP ${res.status}`;
      await res.body?.cancel().catch(() => undefined);
    }
    if (attempt >= policy.maxRetries) break;
    const told = res ? retryAfterMs(res.headers.get('retry-after'), deps.now()) : null;
    const wait = told !== null ? Math.min(told, policy.maxRetryAfterMs) : Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
    await deps.sleep(wait);
  }
  throw new VigilError('SOURCE_HTTP_FAILED', `${url}: ${lastReason} after ${policy.maxRetries + 1} attempts`, { url, reason: lastReason });
}

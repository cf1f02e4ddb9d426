/**
 * HTTP for feed adapters: retries with exponential backoff (honouring Retry-After), a per-request
 * timeout, a sliding-window rate limiter, and size limits on bodies. Time only through the
 * injected HttpDeps (`now`, `sleep`), so tests run the backoff and the rate limit on a fake clock.
 *
 * Used by the NVD, KEV and EPSS sources; nothing in it is NVD-specific.
 */
import { VigilError } from '../../domain/errors.ts';
import { readBody, retryAfterMs } from '../http.ts';
import type { HttpDeps, SourceLimits } from '../source.ts';

export interface RetryPolicy {
  /** Attempts in all (first try included) before SOURCE_HTTP_FAILED. */
  readonly maxAttempts: number;
  /** First backoff delay; doubled on each further attempt. */
  readonly baseDelayMs: number;
  /** Cap on the computed backoff (a server's Retry-After is honoured as given, up to maxRetryAfterMs). */
  readonly maxDelayMs: number;
  /** Longest Retry-After honoured; a longer one fails the attempt series at once. */
  readonly maxRetryAfterMs: number;
  /** Per-request timeout, response body included. */
  readonly timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2_000, maxDelayMs: 120_000, maxRetryAfterMs: 15 * 60_000, timeoutMs: 120_000 };

/** Makes the abort signal of one request's timeout; AbortSignal.timeout unless a test passes its own. */
export type TimeoutSignal = (ms: number) => AbortSignal;

/** At most `requests` request starts in any `windowMs` (sliding window), on the injected clock. */
export class RateLimiter {
  private readonly starts: number[] = [];
  constructor(
    readonly requests: number,
    readonly windowMs: number,
    private readonly deps: Pick<HttpDeps, 'now' | 'sleep'>,
  ) {}

  async acquire(): Promise<void> {
    for (;;) {
      const now = this.deps.now().getTime();
      while (this.starts.length > 0 && this.starts[0]! <= now - this.windowMs) this.starts.shift();
      if (this.starts.length < this.requests) {
        this.starts.push(now);
        return;
      }
      await this.deps.sleep(this.starts[0]! + this.windowMs - now);
    }
  }
}

/** Statuses worth another try: NVD answers 403 when rate-limited, others 429; 408 and 5xx are transient. */
export function isRetryableStatus(status: number): boolean {
  return status === 403 || status === 408 || status === 429 || status >= 500;
}

export interface RequestOptions {
  readonly source: string;
  readonly headers?: Record<string, string>;
  readonly retry?: Partial<RetryPolicy>;
  readonly limiter?: RateLimiter;
  readonly timeoutSignal?: TimeoutSignal;
  /** Non-2xx statuses handed to `handle` rather than treated as failures (304, 404). */
  readonly acceptStatus?: readonly number[];
}

/** Thrown by a response handler for a response that is not usable but may be on a retry. */
export class RetryableResponseError extends Error {}

/**
 * Fetches `url` and gives the response to `handle`; retries on network errors, timeouts,
 * retryable statuses and errors thrown by `handle` (a truncated or unparsable body), except
 * VigilErrors, which are final (a body over the size limit will not shrink on a retry).
 */
export async function requestWithRetry<T>(url: string, deps: HttpDeps, opts: RequestOptions, handle: (res: Response) => Promise<T>): Promise<T> {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...opts.retry };
  const timeoutSignal = opts.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  let last = 'no attempt made';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    let delay = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    await opts.limiter?.acquire();
    try {
      const res = await deps.fetch(url, { headers: opts.headers ?? {}, signal: timeoutSignal(policy.timeoutMs) });
      if (res.ok || opts.acceptStatus?.includes(res.status)) return await handle(res);
      await res.body?.cancel().catch(() => undefined);
      if (!isRetryableStatus(res.status)) {
        throw new VigilError('SOURCE_HTTP_FAILED', `${opts.source}: ${url} answered HTTP ${res.status}`, { url, status: res.status, attempts: attempt });
      }
      last = `HTTP ${res.status}`;
      const after = retryAfterMs(res.headers.get('retry-after'), deps.now());
      if (after !== null) {
        if (after > policy.maxRetryAfterMs) {
          throw new VigilError('SOURCE_HTTP_FAILED', `${opts.source}: ${url} asks to retry after ${Math.round(after / 1000)} s, more than allowed`, { url, status: res.status, retryAfterMs: after });
        }
        delay = after;
      }
    } catch (err) {
      if (err instanceof VigilError) throw err;
      const e = err as Error;
      last = e.name === 'TimeoutError' || e.name === 'AbortError' ? `timed out after ${policy.timeoutMs} ms` : e.message || String(err);
    }
    if (attempt < policy.maxAttempts) await deps.sleep(delay);
  }
  throw new VigilError('SOURCE_HTTP_FAILED', `${opts.source}: ${url} failed after ${policy.maxAttempts} attempts (last: ${last})`, { url, attempts: policy.maxAttempts, last });
}

/** Reads a body as JSON within the limits; a body that is not complete JSON is retryable. */
export async function readJson(res: Response, limits: SourceLimits, what: string): Promise<unknown> {
  const bytes = await readBody(res, limits.maxDocumentBytes, what);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch (err) {
    throw new RetryableResponseError(`${what}: body is not complete JSON (${(err as Error).message})`);
  }
}

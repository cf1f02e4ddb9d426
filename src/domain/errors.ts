/**
 * Transport-neutral errors with stable codes. The domain, formats and use cases throw these;
 * the HTTP layer maps them to application/problem+json in one place (src/server/problem.ts),
 * the CLI prints them. Every code is listed in docs/errors.md.
 */
export class VigilError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'VigilError';
  }
}

export function isVigilError(err: unknown): err is VigilError {
  return err instanceof VigilError;
}

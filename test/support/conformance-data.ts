import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where the upstream conformance data lives: VIGIL_CONFORMANCE_DATA, or ../shared/data beside
 * the repository. In CI (CI=true) the data is required and its absence fails the run.
 */
export const conformanceDataDir = resolve(process.env.VIGIL_CONFORMANCE_DATA ?? resolve(import.meta.dirname, '../../../shared/data'));

export const conformanceDataPresent = existsSync(conformanceDataDir);

export function conformancePath(...parts: string[]): string {
  return resolve(conformanceDataDir, ...parts);
}

/** Call at the top of a conformance test file: throws in CI when data is missing, else reports a skip. */
export function requireConformanceData(): boolean {
  if (conformanceDataPresent) return true;
  if (process.env.CI) throw new Error(`conformance data not found at ${conformanceDataDir} (set VIGIL_CONFORMANCE_DATA)`);
  process.stderr.write(`conformance data not found at ${conformanceDataDir}; skipping (set VIGIL_CONFORMANCE_DATA)\n`);
  return false;
}

/**
 * Records a suite's pass count: printed to stdout and appended to test-results/conformance.jsonl,
 * which scripts/test.mjs prints as a table at the end of the run.
 */
export function reportSuite(suite: string, passed: number, total: number, note = ''): void {
  const dir = resolve(import.meta.dirname, '../../test-results');
  mkdirSync(dir, { recursive: true });
  appendFileSync(resolve(dir, 'conformance.jsonl'), `${JSON.stringify({ suite, passed, total, note })}\n`);
  process.stdout.write(`[conformance] ${suite}: ${passed}/${total} passed${note ? ` (${note})` : ''}\n`);
}

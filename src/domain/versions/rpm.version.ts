import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { basicReason, cmpDigitStrings, isAllDigits } from './numeric.ts';
import { rpmvercmp } from './rpmvercmp.ts';

/**
 * RPM `[epoch:]version[-release]` (Red Hat, Fedora, SUSE, …). Epoch: leading digits before a
 * colon (default 0), compared numerically; version and release compared with rpmvercmp
 * (`~` pre-release, `^` post-release). The release is what follows the last hyphen. A version
 * without release sorts before the same version with any release (as OSV orders Red Hat versions;
 * rpm itself would skip the release comparison when one side has none).
 */
export interface RpmVersion {
  readonly epoch: string;
  readonly version: string;
  readonly release: string | undefined;
}

export function parseRpm(input: string): ParseResult<RpmVersion> {
  const bad = basicReason(input);
  if (bad) return { ok: false, reason: bad };
  let epoch = '0';
  let rest = input;
  const colon = input.indexOf(':');
  if (colon > 0 && isAllDigits(input.slice(0, colon))) {
    epoch = input.slice(0, colon);
    rest = input.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const version = dash >= 0 ? rest.slice(0, dash) : rest;
  const release = dash >= 0 ? rest.slice(dash + 1) : undefined;
  return { ok: true, value: { epoch, version, release } };
}

export function compareRpm(a: RpmVersion, b: RpmVersion): Ordering {
  const e = a.epoch === b.epoch ? 0 : cmpDigitStrings(a.epoch, b.epoch);
  if (e !== 0) return e;
  const v = rpmvercmp(a.version, b.version);
  if (v !== 0) return v;
  if (a.release === undefined) return b.release === undefined ? 0 : -1;
  if (b.release === undefined) return 1;
  return rpmvercmp(a.release, b.release);
}

export function formatRpm(v: RpmVersion): string {
  return `${v.epoch === '0' ? '' : `${v.epoch}:`}${v.version}${v.release === undefined ? '' : `-${v.release}`}`;
}

export const rpmScheme: VersionScheme<RpmVersion> = { id: 'rpm', parse: parseRpm, compareParsed: compareRpm, format: formatRpm };

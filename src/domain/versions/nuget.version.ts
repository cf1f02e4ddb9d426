import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { cmpNum, isDigitCode, toNum, type Num } from './numeric.ts';
import { compareIdentifiers } from './semver.version.ts';

/**
 * NuGet versions (NuGet.Versioning): SemVer 2.0.0 extended with a fourth "revision" number and
 * legacy forms; one to four numbers (missing ones are 0, leading zeros ignored), a prerelease
 * compared case-insensitively (numeric labels numerically, before alphanumeric ones), and build
 * metadata that does not affect order.
 */
export interface NugetVersion {
  readonly numbers: readonly [Num, Num, Num, Num];
  readonly prerelease: readonly (string | Num)[];
  readonly build: string;
}

const LABEL = /^[0-9A-Za-z-]+$/;

export function parseNuget(input: string): ParseResult<NugetVersion> {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: 'empty version' };
  let text = input.trim();
  let build = '';
  const plus = text.indexOf('+');
  if (plus >= 0) {
    build = text.slice(plus + 1);
    text = text.slice(0, plus);
    if (build.length === 0 || !build.split('.').every((p) => LABEL.test(p))) return { ok: false, reason: `invalid build metadata '${build}'` };
  }
  let pre = '';
  const dash = text.indexOf('-');
  if (dash >= 0) {
    pre = text.slice(dash + 1);
    text = text.slice(0, dash);
    if (pre.length === 0 || !pre.split('.').every((p) => LABEL.test(p))) return { ok: false, reason: `invalid prerelease '${pre}'` };
  }
  const parts = text.split('.');
  if (parts.length > 4) return { ok: false, reason: 'more than four version numbers' };
  const nums: Num[] = [];
  for (const p of parts) {
    if (p.length === 0 || ![...p].every((ch) => isDigitCode(ch.charCodeAt(0)))) return { ok: false, reason: `'${p}' is not a number` };
    nums.push(toNum(p));
  }
  const prerelease = pre === '' ? [] : pre.toLowerCase().split('.').map((l) => (/^\d+$/.test(l) ? toNum(l) : l));
  return { ok: true, value: { numbers: [nums[0]!, nums[1] ?? 0, nums[2] ?? 0, nums[3] ?? 0], prerelease, build } };
}

export function compareNuget(a: NugetVersion, b: NugetVersion): Ordering {
  for (let i = 0; i < 4; i++) {
    const c = cmpNum(a.numbers[i]!, b.numbers[i]!);
    if (c !== 0) return c;
  }
  if (a.prerelease.length === 0) return b.prerelease.length === 0 ? 0 : 1;
  if (b.prerelease.length === 0) return -1;
  return compareIdentifiers(a.prerelease, b.prerelease);
}

/** Normalised form (NuGet's ToNormalizedString): three numbers, the fourth only when non-zero. */
export function formatNuget(v: NugetVersion): string {
  const [a, b, c, d] = v.numbers;
  let s = `${a}.${b}.${c}${d !== 0 ? `.${d}` : ''}`;
  if (v.prerelease.length > 0) s += `-${v.prerelease.join('.')}`;
  if (v.build) s += `+${v.build}`;
  return s;
}

export const nugetScheme: VersionScheme<NugetVersion> = { id: 'nuget', parse: parseNuget, compareParsed: compareNuget, format: formatNuget };

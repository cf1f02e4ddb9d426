import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { cmpNum, toNum, type Num } from './numeric.ts';

/**
 * nginx releases (nginx.org security advisories, vers-spec `nginx`): `MAJOR.MINOR.PATCH`
 * numbers, compared numerically; a missing trailing number counts as 0 (1.5 = 1.5.0).
 */
export type NginxVersion = readonly Num[];

const PATTERN = /^\d+(?:\.\d+){0,3}$/;

export function parseNginx(input: string): ParseResult<NginxVersion> {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: 'empty version' };
  if (!PATTERN.test(input)) return { ok: false, reason: 'expected numbers separated by dots (e.g. 1.25.3)' };
  const parts = input.split('.').map(toNum);
  while (parts.length > 1 && parts[parts.length - 1] === 0) parts.pop();
  return { ok: true, value: parts };
}

export function compareNginx(a: NginxVersion, b: NginxVersion): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmpNum(a[i] ?? 0, b[i] ?? 0);
    if (c !== 0) return c;
  }
  return 0;
}

export const nginxScheme: VersionScheme<NginxVersion> = {
  id: 'nginx',
  parse: parseNginx,
  compareParsed: compareNginx,
  format: (v) => [...v, 0, 0].slice(0, Math.max(3, v.length)).join('.'),
};

import { parse as parsePep440 } from '@renovatebot/pep440/lib/version.js';
import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { basicReason, cmpStr } from './numeric.ts';

/**
 * PyPI versions: PEP 440 (parsed with @renovatebot/pep440) ordered by the sort key of
 * `packaging.version.Version`: epoch, release (trailing zeros ignored), pre-release (a < b < rc;
 * a dev release without pre/post sorts before all pre-releases), post-release, dev-release, local
 * version (numeric segments above alphanumeric ones). Strings that are not PEP 440 are "legacy"
 * versions (as setuptools/packaging < 22 and OSV treat them): they sort before every PEP 440
 * version and among themselves by packaging's LegacyVersion key. `legacy` marks them.
 */
export interface PypiVersion {
  readonly legacy: boolean;
  readonly epoch: number;
  readonly release: readonly number[];
  /** [phase 0=a 1=b 2=rc, number]; or -1 for "dev only" (sorts first), +1 for none (sorts last). */
  readonly pre: readonly [number, number] | -1 | 1;
  readonly post: number | undefined;
  readonly dev: number | undefined;
  readonly local: readonly (number | string)[] | undefined;
  readonly legacyParts: readonly string[];
  readonly text: string;
}

const PHASE: Readonly<Record<string, number>> = { a: 0, b: 1, rc: 2 };

function legacyParts(text: string): string[] {
  const lower = text.toLowerCase();
  const raw: string[] = [];
  const re = /\d+|[a-z]+|\.|-/g;
  let last = 0;
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    if (m.index > last) raw.push(lower.slice(last, m.index));
    raw.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < lower.length) raw.push(lower.slice(last));
  const map: Readonly<Record<string, string>> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };
  const parts: string[] = [];
  const pieces = [...raw.map((p) => map[p] ?? p).filter((p) => p !== '' && p !== '.'), '\u0000final'];
  for (const piece of pieces) {
    let part: string;
    if (piece === '\u0000final') part = '*final';
    else part = /^\d/.test(piece) ? piece.padStart(8, '0') : `*${piece}`;
    if (part.startsWith('*')) {
      if (part < '*final') while (parts.length > 0 && parts[parts.length - 1] === '*final-') parts.pop();
      while (parts.length > 0 && parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

export function parsePypi(input: string): ParseResult<PypiVersion> {
  if (typeof input !== 'string') return { ok: false, reason: 'not a string' };
  const text = input.trim();
  const bad = basicReason(text);
  if (bad) return { ok: false, reason: bad };
  const v = parsePep440(text);
  if (!v) {
    return {
      ok: true,
      value: { legacy: true, epoch: -1, release: [], pre: 1, post: undefined, dev: undefined, local: undefined, legacyParts: legacyParts(text), text },
    };
  }
  const release = [...v.release];
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const devNumber = v.dev ? Number(v.dev[1]) : undefined;
  const postNumber = v.post ? Number(v.post[1]) : undefined;
  let pre: PypiVersion['pre'];
  if (v.pre) pre = [PHASE[String(v.pre[0])] ?? 2, Number(v.pre[1])];
  else if (postNumber === undefined && devNumber !== undefined) pre = -1;
  else pre = 1;
  const local = v.local ? (v.local as unknown as (string | number)[]).map((p) => (typeof p === 'number' ? p : String(p).toLowerCase())) : undefined;
  return { ok: true, value: { legacy: false, epoch: v.epoch, release, pre, post: postNumber, dev: devNumber, local, legacyParts: [], text } };
}

function sign(n: number): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

export function comparePypi(a: PypiVersion, b: PypiVersion): Ordering {
  if (a.legacy || b.legacy) {
    if (!a.legacy) return 1;
    if (!b.legacy) return -1;
    const n = Math.min(a.legacyParts.length, b.legacyParts.length);
    for (let i = 0; i < n; i++) {
      const c = cmpStr(a.legacyParts[i]!, b.legacyParts[i]!);
      if (c !== 0) return c;
    }
    return sign(a.legacyParts.length - b.legacyParts.length);
  }
  if (a.epoch !== b.epoch) return sign(a.epoch - b.epoch);
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const c = sign((a.release[i] ?? 0) - (b.release[i] ?? 0));
    if (c !== 0) return c;
  }
  if (a.pre !== b.pre) {
    if (typeof a.pre === 'number' || typeof b.pre === 'number') {
      const ra = typeof a.pre === 'number' ? a.pre : 0;
      const rb = typeof b.pre === 'number' ? b.pre : 0;
      if (ra !== rb) return sign(ra - rb);
    }
    if (typeof a.pre !== 'number' && typeof b.pre !== 'number') {
      const c = sign(a.pre[0] - b.pre[0]) || sign(a.pre[1] - b.pre[1]);
      if (c !== 0) return c;
    }
  }
  if (a.post !== b.post) {
    if (a.post === undefined) return -1;
    if (b.post === undefined) return 1;
    return sign(a.post - b.post);
  }
  if (a.dev !== b.dev) {
    if (a.dev === undefined) return 1;
    if (b.dev === undefined) return -1;
    return sign(a.dev - b.dev);
  }
  if (a.local === undefined) return b.local === undefined ? 0 : -1;
  if (b.local === undefined) return 1;
  const m = Math.min(a.local.length, b.local.length);
  for (let i = 0; i < m; i++) {
    const x = a.local[i]!;
    const y = b.local[i]!;
    if (x === y) continue;
    if (typeof x === 'number') return typeof y === 'number' ? sign(x - y) : 1;
    if (typeof y === 'number') return -1;
    return cmpStr(x, y);
  }
  return sign(a.local.length - b.local.length);
}

export const pypiScheme: VersionScheme<PypiVersion> = { id: 'pypi', parse: parsePypi, compareParsed: comparePypi };

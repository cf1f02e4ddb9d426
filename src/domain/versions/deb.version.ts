import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { isDigitCode } from './numeric.ts';

/**
 * Debian package versions, ordered as dpkg orders them (deb-version(7), dpkg's verrevcmp):
 * `[epoch:]upstream[-revision]`; epoch numeric (default 0); the revision is everything after the
 * last hyphen (absent = "0"). Each part is compared as alternating non-digit and digit runs:
 * non-digit runs character by character where `~` sorts before everything (even the end of the
 * run), letters before other characters; digit runs numerically.
 *
 * For speed the parse builds one sort key string per version such that plain string comparison
 * equals dpkg's order, so a pre-parsed comparison is a single native string compare.
 */
export interface DebVersion {
  readonly epoch: string;
  readonly upstream: string;
  readonly revision: string;
  /** Order-preserving key (see the module comment). */
  readonly key: string;
}

// Key alphabet (all one-byte characters, so V8 compares keys as Latin-1 strings):
// non-digit run characters: '~' → U+0001, end of run → U+0002, letters → themselves,
// the other allowed characters + - . : → U+00D0–U+00D3 (after every letter, in ASCII order);
// digit runs: U+0010+(number of significant digits), then the digits; end of a part:
// U+0001 U+00FF (greater than any '~'-run continuation, less than anything else).
const TILDE = '\u0001';
const RUN_END = '\u0002';
const PART_END = '\u0001\u00ff';
const OTHER: Readonly<Record<number, string>> = { 43: '\u00d0', 45: '\u00d1', 46: '\u00d2', 58: '\u00d3' };

function encodePart(s: string): string {
  let out = '';
  let i = 0;
  const n = s.length;
  do {
    // non-digit run
    const runStart = i;
    let plain = true;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isDigitCode(c)) break;
      if (c === 126 || !((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) plain = false;
      i++;
    }
    if (plain) out += s.slice(runStart, i);
    else {
      for (let k = runStart; k < i; k++) {
        const c = s.charCodeAt(k);
        out += c === 126 ? TILDE : (OTHER[c] ?? s[k]!);
      }
    }
    out += RUN_END;
    // digit run
    while (i < n && s.charCodeAt(i) === 48) i++;
    const start = i;
    while (i < n && isDigitCode(s.charCodeAt(i))) i++;
    out += String.fromCharCode(0x10 + (i - start)) + s.slice(start, i);
  } while (i < n);
  return out + PART_END;
}

function isUpstreamChar(c: number): boolean {
  return isDigitCode(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 43 || c === 126 || c === 45 || c === 58;
}

function isRevisionChar(c: number): boolean {
  return isDigitCode(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 43 || c === 126;
}

export function parseDeb(input: string): ParseResult<DebVersion> {
  if (typeof input !== 'string') return { ok: false, reason: 'not a string' };
  const text = input.trim();
  if (text.length === 0) return { ok: false, reason: 'empty version' };
  if (text.length > 1024) return { ok: false, reason: 'longer than 1024 characters' };
  let epoch = '0';
  let rest = text;
  const colon = text.indexOf(':');
  if (colon >= 0) {
    epoch = text.slice(0, colon);
    if (epoch.length === 0) return { ok: false, reason: 'epoch is empty' };
    for (let i = 0; i < epoch.length; i++) if (!isDigitCode(epoch.charCodeAt(i))) return { ok: false, reason: `epoch '${epoch}' is not a number` };
    rest = text.slice(colon + 1);
    if (rest.length === 0) return { ok: false, reason: 'nothing after the epoch' };
  }
  let upstream = rest;
  let revision = '';
  const dash = rest.lastIndexOf('-');
  if (dash >= 0) {
    upstream = rest.slice(0, dash);
    revision = rest.slice(dash + 1);
    if (revision.length === 0) return { ok: false, reason: 'revision is empty' };
  }
  if (upstream.length === 0) return { ok: false, reason: 'upstream version is empty' };
  if (!isDigitCode(upstream.charCodeAt(0))) return { ok: false, reason: 'upstream version must start with a digit' };
  for (let i = 0; i < upstream.length; i++) {
    const c = upstream.charCodeAt(i);
    if (!isUpstreamChar(c)) return { ok: false, reason: `invalid character '${upstream[i]}' in upstream version` };
  }
  for (let i = 0; i < revision.length; i++) {
    if (!isRevisionChar(revision.charCodeAt(i))) return { ok: false, reason: `invalid character '${revision[i]}' in revision` };
  }
  let e = epoch;
  let z = 0;
  while (z < e.length - 1 && e.charCodeAt(z) === 48) z++;
  e = e.slice(z);
  const key = String.fromCharCode(0x10 + e.length) + e + encodePart(upstream) + encodePart(revision);
  return { ok: true, value: { epoch: e, upstream, revision, key } };
}

export function compareDeb(a: DebVersion, b: DebVersion): Ordering {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function formatDeb(v: DebVersion): string {
  return `${v.epoch === '0' ? '' : `${v.epoch}:`}${v.upstream}${v.revision === '' ? '' : `-${v.revision}`}`;
}

export const debScheme: VersionScheme<DebVersion> = { id: 'deb', parse: parseDeb, compareParsed: compareDeb, format: formatDeb };

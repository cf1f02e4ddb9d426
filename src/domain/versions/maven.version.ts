import type { Ordering, ParseResult, VersionScheme } from './scheme.ts';
import { basicReason, cmpNum, cmpStr, isDigitCode, toNum, type Num } from './numeric.ts';

/**
 * Maven versions, ordered as Maven's `ComparableVersion` (maven-artifact 3.9): the version is
 * split at `.`, `-` and digit/letter transitions into a tree of items — numbers, qualifiers and
 * sub-lists (a `-` or a transition starts a sub-list); trailing "null" items (0, "", ga, final,
 * release) are removed from each list. Qualifier order: alpha < beta < milestone < rc = cr <
 * snapshot < "" = ga = final = release < sp < any other (alphabetically); `a1`, `b1`, `m1` are
 * alpha/beta/milestone when directly followed by a number. Case-insensitive.
 */
export type MavenItem = Num | MavenQualifier | MavenList;
export interface MavenQualifier {
  readonly q: string;
}
export interface MavenList {
  readonly items: MavenItem[];
}
export type MavenVersion = MavenList;

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = '5';

function qualifier(value: string, followedByDigit: boolean): MavenQualifier {
  let v = value;
  if (followedByDigit && v.length === 1) {
    if (v === 'a') v = 'alpha';
    else if (v === 'b') v = 'beta';
    else if (v === 'm') v = 'milestone';
  }
  return { q: ALIASES[v] ?? v };
}

function comparable(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function isList(i: MavenItem): i is MavenList {
  return typeof i === 'object' && 'items' in i;
}
function isQualifier(i: MavenItem): i is MavenQualifier {
  return typeof i === 'object' && 'q' in i;
}

function isNull(i: MavenItem): boolean {
  if (isList(i)) return i.items.length === 0;
  if (isQualifier(i)) return i.q === '';
  return i === 0;
}

function parseItem(isDigit: boolean, buf: string): MavenItem {
  return isDigit ? toNum(buf) : qualifier(buf, false);
}

function normalize(list: MavenList, isRoot: boolean): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i]!;
    if (isNull(last)) list.items.splice(i, 1);
    else if (!isList(last)) break;
  }
  // A sub-list that holds nothing but another sub-list (left by a removed null qualifier, as in
  // 1-ga-1) is that sub-list: 1-ga-1 = 1-1, as the Maven version order specification states.
  const only = list.items[0];
  if (!isRoot && list.items.length === 1 && only !== undefined && isList(only)) list.items.splice(0, 1, ...only.items);
}

export function parseMaven(input: string): ParseResult<MavenVersion> {
  const bad = basicReason(input);
  if (bad) return { ok: false, reason: bad };
  const version = input.toLowerCase();
  const root: MavenList = { items: [] };
  let list = root;
  const stack: MavenList[] = [root];
  let isDigit = false;
  let start = 0;
  const push = (): void => {
    const next: MavenList = { items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 46 /* . */) {
      list.items.push(i === start ? 0 : parseItem(isDigit, version.slice(start, i)));
      start = i + 1;
    } else if (c === 45 /* - */) {
      list.items.push(i === start ? 0 : parseItem(isDigit, version.slice(start, i)));
      start = i + 1;
      push();
    } else if (isDigitCode(c)) {
      if (!isDigit && i > start) {
        list.items.push(qualifier(version.slice(start, i), true));
        start = i;
        push();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, version.slice(start, i)));
        start = i;
        push();
      }
      isDigit = false;
    }
  }
  if (version.length > start) {
    list.items.push(parseItem(isDigit, version.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop()!, stack.length === 0);
  return { ok: true, value: root };
}

function compareItem(a: MavenItem, b: MavenItem | undefined): Ordering {
  if (isList(a)) {
    if (b === undefined) {
      for (const i of a.items) {
        const r = compareItem(i, undefined);
        if (r !== 0) return r;
      }
      return 0;
    }
    if (isList(b)) {
      const n = Math.max(a.items.length, b.items.length);
      for (let k = 0; k < n; k++) {
        const l = a.items[k];
        const r = b.items[k];
        const c = l === undefined ? (r === undefined ? 0 : -compareItem(r, undefined)) : compareItem(l, r);
        if (c !== 0) return c as Ordering;
      }
      return 0;
    }
    if (isQualifier(b)) return 1; // 1-1 > 1-sp
    return -1; // 1-1 < 1.0.x
  }
  if (isQualifier(a)) {
    if (b === undefined) return cmpStr(comparable(a.q), RELEASE_INDEX);
    if (isQualifier(b)) return cmpStr(comparable(a.q), comparable(b.q));
    return -1; // 1.any < 1.1 and 1.any < 1-1
  }
  if (b === undefined) return a === 0 ? 0 : 1;
  if (isList(b) || isQualifier(b)) return 1;
  return cmpNum(a, b);
}

export function compareMaven(a: MavenVersion, b: MavenVersion): Ordering {
  const c = compareItem(a, b);
  return c === 0 ? 0 : c < 0 ? -1 : 1;
}

/** Maven's canonical form of a version (ComparableVersion.getCanonical). */
export function formatMaven(v: MavenVersion): string {
  const render = (list: MavenList): string => {
    let out = '';
    list.items.forEach((item, i) => {
      if (i > 0) out += isList(item) ? '-' : '.';
      out += isList(item) ? render(item) : isQualifier(item) ? item.q : String(item);
    });
    return out;
  };
  return render(v);
}

export const mavenScheme: VersionScheme<MavenVersion> = { id: 'maven', parse: parseMaven, compareParsed: compareMaven };

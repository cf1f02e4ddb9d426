/**
 * Bytes → JSON value with precise, engine-independent error locations.
 *
 * `JSON.parse` does the work on the happy path. Only when it fails do we scan the text again
 * with a small iterative JSON grammar checker, so the error message carries a line and column
 * that do not depend on the V8 version's wording (Node 20 says "at position N", later versions
 * say "(line L column C)", "Unexpected end of JSON input" says neither).
 */

import { Buffer, isUtf8 } from 'node:buffer';

export interface TextLocation {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units of the decoded text. */
  readonly column: number;
  /** 0-based offset in the decoded text. */
  readonly offset: number;
}

export type JsonDecodeResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly kind: 'encoding'; readonly message: string; readonly byteOffset: number; readonly line: number }
  | { readonly ok: false; readonly kind: 'syntax'; readonly message: string; readonly location: TextLocation };


/** Decodes strict UTF-8 (a leading BOM is dropped) and parses JSON. Never throws. */
export function decodeJson(bytes: Uint8Array): JsonDecodeResult {
  // isUtf8 is a native check, several times faster than a fatal TextDecoder on large input.
  if (!isUtf8(bytes)) {
    const byteOffset = firstInvalidUtf8Offset(bytes);
    let line = 1;
    for (let i = 0; i < byteOffset; i++) if (bytes[i] === 0x0a) line++;
    return { ok: false, kind: 'encoding', message: `not valid UTF-8: invalid byte sequence at byte offset ${byteOffset} (line ${line})`, byteOffset, line };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.byteLength - bom).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const found = findJsonSyntaxError(text);
    if (found) {
      const location = locate(text, found.offset);
      return { ok: false, kind: 'syntax', message: `${found.reason} at line ${location.line}, column ${location.column}`, location };
    }
    // The scanner and the engine disagree (should not happen): keep the engine's word.
    const location = locate(text, 0);
    return { ok: false, kind: 'syntax', message: (err as Error).message, location };
  }
}

export function locate(text: string, offset: number): TextLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629), or bytes.length. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}

interface SyntaxProblem {
  readonly offset: number;
  readonly reason: string;
}

const enum S {
  Value,
  ValueOrEnd,
  Key,
  KeyOrEnd,
  Colon,
  AfterValue,
}

/**
 * Finds the first JSON (RFC 8259) syntax error in `text`, or null if the text is valid JSON.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function findJsonSyntaxError(text: string): SyntaxProblem | null {
  const n = text.length;
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  let i = 0;
  let state: S = S.Value;
  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const describe = (at: number): string => {
    if (at >= n) return 'unexpected end of input';
    const ch = text[at]!;
    return `unexpected ${ch.charCodeAt(0) < 0x20 ? `control character U+${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}` : `'${ch}'`}`;
  };
  const scanString = (): SyntaxProblem | null => {
    // text[i] is the opening quote
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) return { offset: n, reason: 'unterminated string' };
        if ('"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, reason: 'invalid \\u escape in string' };
          i += 6;
        } else return { offset: i, reason: `invalid escape '\\${e}' in string` };
        continue;
      }
      if (c < 0x20) return { offset: i, reason: `${describe(i)} in string` };
      i++;
    }
    return { offset: n, reason: 'unterminated string' };
  };
  const scanNumber = (): SyntaxProblem | null => {
    const digits = (): number => {
      const start = i;
      while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
      return i - start;
    };
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (digits() === 0) return { offset: i, reason: `${describe(i)} in number` };
    if (text[i] === '.') {
      i++;
      if (digits() === 0) return { offset: i, reason: `${describe(i)} in number (digit expected after '.')` };
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (digits() === 0) return { offset: i, reason: `${describe(i)} in number (digit expected in exponent)` };
    }
    return null;
  };

  for (;;) {
    skipWs();
    switch (state) {
      case S.Value: {
        if (i >= n) return { offset: n, reason: 'unexpected end of input (a value was expected)' };
        const c = text[i]!;
        if (c === '{') {
          stack.push(0x7b);
          i++;
          state = S.KeyOrEnd;
        } else if (c === '[') {
          stack.push(0x5b);
          i++;
          state = S.ValueOrEnd;
        } else if (c === '"') {
          const p = scanString();
          if (p) return p;
          state = S.AfterValue;
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          const p = scanNumber();
          if (p) return p;
          state = S.AfterValue;
        } else {
          const lit = ['true', 'false', 'null'].find((l) => text.startsWith(l, i));
          if (!lit) return { offset: i, reason: `${describe(i)} (a value was expected)` };
          i += lit.length;
          state = S.AfterValue;
        }
        break;
      }
      case S.ValueOrEnd:
        if (text[i] === ']') {
          stack.pop();
          i++;
          state = S.AfterValue;
        } else state = S.Value;
        break;
      case S.KeyOrEnd:
        if (text[i] === '}') {
          stack.pop();
          i++;
          state = S.AfterValue;
        } else state = S.Key;
        break;
      case S.Key: {
        if (text[i] !== '"') return { offset: i, reason: `${describe(i)} (a property name in double quotes was expected)` };
        const p = scanString();
        if (p) return p;
        state = S.Colon;
        break;
      }
      case S.Colon:
        if (text[i] !== ':') return { offset: i, reason: `${describe(i)} (':' was expected)` };
        i++;
        state = S.Value;
        break;
      case S.AfterValue: {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (i < n) return { offset: i, reason: `${describe(i)} after the end of the JSON value` };
          return null;
        }
        const close = top === 0x7b ? '}' : ']';
        if (text[i] === ',') {
          i++;
          state = top === 0x7b ? S.Key : S.Value;
        } else if (text[i] === close) {
          stack.pop();
          i++;
          state = S.AfterValue;
        } else return { offset: i, reason: `${describe(i)} (',' or '${close}' was expected)` };
        break;
      }
    }
  }
}

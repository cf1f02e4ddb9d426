import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJson, findJsonSyntaxError, firstInvalidUtf8Offset } from './json-text.ts';

describe('findJsonSyntaxError', () => {
  it('finds nothing wrong in any JSON that JSON.stringify produces', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(findJsonSyntaxError(JSON.stringify(v, null, 1))).toBeNull();
      }),
    );
  });

  it('flags exactly the texts JSON.parse rejects', () => {
    const alphabet = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', 'a', '1', '-', '.', 'e', ' ', '\\', 'true', 'null', '"k"');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        let engineOk = true;
        try {
          JSON.parse(text);
        } catch {
          engineOk = false;
        }
        expect(findJsonSyntaxError(text) === null).toBe(engineOk);
      }),
      { numRuns: 3000 },
    );
  });

  it('does not overflow on deep nesting', () => {
    const text = `${'['.repeat(200_000)}x`;
    expect(findJsonSyntaxError(text)).toMatchObject({ offset: 200_000 });
  });

  it.each([
    ['{"a":1,}', 7, /property name/],
    ['[01]', 2, /',' or ']'/],
    ['"tab\there"', 4, /control character U\+0009/],
    ['{"a" 1}', 5, /':' was expected/],
    ['"\\x"', 1, /invalid escape/],
  ])('%s fails at offset %i', (text, offset, reason) => {
    const p = findJsonSyntaxError(text)!;
    expect(p.offset).toBe(offset);
    expect(p.reason).toMatch(reason);
  });
});

describe('UTF-8', () => {
  it.each([
    [[0x41, 0xc3, 0xa9, 0x42], 4],
    [[0x41, 0xc0, 0xaf], 1], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0x41, 0xe2, 0x82], 1], // truncated
    [[0xf4, 0x90, 0x80, 0x80], 0], // > U+10FFFF
  ])('first invalid offset of %j is %i', (bytes, offset) => {
    expect(firstInvalidUtf8Offset(new Uint8Array(bytes))).toBe(offset);
  });

  it('reports the line of an invalid byte', () => {
    const r = decodeJson(new Uint8Array([0x7b, 0x0a, 0x0a, 0xff, 0x7d]));
    expect(r).toMatchObject({ ok: false, kind: 'encoding', byteOffset: 3, line: 3 });
  });
});

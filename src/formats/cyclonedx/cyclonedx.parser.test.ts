import { describe, expect, it } from 'vitest';
import { VigilError } from '../../domain/errors.ts';
import type { ValidationIssue } from '../../domain/inventory/sbom.ts';
import { MAX_LISTED_ISSUES, parseCycloneDxJson } from './cyclonedx.parser.ts';

const MB = 1024 * 1024;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const bom = (extra: Record<string, unknown> = {}, specVersion = '1.6'): Uint8Array =>
  enc(JSON.stringify({ bomFormat: 'CycloneDX', specVersion, version: 1, ...extra }, null, 2));
const parse = (bytes: Uint8Array, maxBytes = 10 * MB) => parseCycloneDxJson(bytes, { maxBytes });

function failure(fn: () => unknown): VigilError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(VigilError);
    return err as VigilError;
  }
  throw new Error('expected the parser to throw');
}
const issuesOf = (err: VigilError): ValidationIssue[] => err.details.errors as ValidationIssue[];

describe('parseCycloneDxJson: refusals', () => {
  it('refuses a document over maxBytes before parsing it', () => {
    // not even JSON: the size check must come first
    const err = failure(() => parse(enc('x'.repeat(101)), 100));
    expect(err.code).toBe('SBOM_TOO_LARGE');
    expect(err.details).toMatchObject({ size: 101, maxBytes: 100 });
    expect(parse(bom(), bom().byteLength).specVersion).toBe('1.6');
  });

  it('gives line and column of a JSON syntax error', () => {
    const text = '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6"\n  "version": 1\n}';
    const err = failure(() => parse(enc(text)));
    expect(err.code).toBe('SBOM_SYNTAX_INVALID');
    expect(err.details).toMatchObject({ line: 4, column: 3 });
    expect(err.message).toContain('line 4, column 3');
  });

  it.each([
    ['trailing comma', '{"a": [1, 2,]}', 1, 13],
    ['unterminated string', '{"a": "abc', 1, 11],
    ['empty input', '', 1, 1],
    ['bare word', '{\n\n   "a": nope}', 3, 9],
    ['content after the value', '{}\n{}', 2, 1],
  ])('locates %s', (_name, text, line, column) => {
    const err = failure(() => parse(enc(text)));
    expect(err.code).toBe('SBOM_SYNTAX_INVALID');
    expect(err.details).toMatchObject({ line, column });
  });

  it('refuses bytes that are not UTF-8, naming the offset', () => {
    const bytes = new Uint8Array([...enc('{"name": "caf'), 0xe9, ...enc('"}')]); // Latin-1 é
    const err = failure(() => parse(bytes));
    expect(err.code).toBe('SBOM_SYNTAX_INVALID');
    expect(err.details).toMatchObject({ byteOffset: 13, line: 1 });
  });

  it('accepts a UTF-8 byte order mark', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bom()]);
    expect(parse(withBom).format).toBe('cyclonedx');
  });

  it.each([
    ['an SPDX document', { spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT' }, /SPDX/],
    ['another bomFormat', { bomFormat: 'AnotherFormat', specVersion: '1.6' }, /"AnotherFormat"/],
    ['no bomFormat', { specVersion: '1.6', components: [] }, /bomFormat is missing/],
  ])('rejects %s as SBOM_FORMAT_UNKNOWN', (_name, doc, message) => {
    const err = failure(() => parse(enc(JSON.stringify(doc))));
    expect(err.code).toBe('SBOM_FORMAT_UNKNOWN');
    expect(err.message).toMatch(message);
  });

  it('rejects JSON that is not an object as SBOM_FORMAT_UNKNOWN', () => {
    expect(failure(() => parse(enc('[1, 2]'))).code).toBe('SBOM_FORMAT_UNKNOWN');
  });

  it.each(['1.0', '1.1', '2.0', '1.60'])('rejects specVersion %s', (v) => {
    const err = failure(() => parse(bom({}, v)));
    expect(err.code).toBe('SBOM_UNSUPPORTED_VERSION');
    expect(err.details).toMatchObject({ specVersion: v, supported: ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] });
  });

  it.each(['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'])('accepts specVersion %s', (v) => {
    expect(parse(bom({ components: [{ type: 'library', name: 'zlib', version: '1.2.11' }] }, v)).specVersion).toBe(v);
  });

  it('treats a missing specVersion as a schema problem at $.specVersion', () => {
    const err = failure(() => parse(enc('{"bomFormat":"CycloneDX"}')));
    expect(err.code).toBe('SBOM_SCHEMA_INVALID');
    expect(issuesOf(err)).toEqual([{ path: '$.specVersion', message: 'is required' }]);
  });
});

describe('parseCycloneDxJson: schema errors', () => {
  it('lists every problem with its JSON path', () => {
    const err = failure(() =>
      parse(
        bom({
          components: [
            { type: 'library', name: 'ok', version: '1' },
            { type: 'library', name: 'a', hashes: [{ alg: 'SHA-256', content: 'abc' }] },
            { type: 'gizmo', name: 'b' },
            { type: 'library', name: 'c', hashes: [{ alg: 'CRC32', content: 'deadbeef' }] },
            { name: 'no-type', 'bom-ref': 'x', colour: 'red' },
          ],
          metadata: { timestamp: 'yesterday' },
        }),
      ),
    );
    expect(err.code).toBe('SBOM_SCHEMA_INVALID');
    const issues = issuesOf(err);
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.components[1].hashes[0].content',
        '$.components[2].type',
        '$.components[3].hashes[0].alg',
        '$.components[4].type',
        '$.components[4].colour',
        '$.metadata.timestamp',
      ]),
    );
    expect(issues.find((i) => i.path === '$.components[3].hashes[0].alg')!.message).toMatch(/must be one of .*"SHA-256"/);
    expect(issues.find((i) => i.path === '$.components[4].type')!.message).toBe('is required');
    expect(issues.find((i) => i.path === '$.metadata.timestamp')!.message).toBe('must be a valid date-time');
    expect(err.details.omitted).toBe(0);
    expect(err.message).toMatch(/^SBOM does not conform to the CycloneDX 1\.6 schema: \d+ problems; first: \$\./);
  });

  it('quotes property names that are not identifiers', () => {
    const err = failure(() => parse(bom({ components: [{ type: 'library', name: 'x', 'bom-ref': '' }] })));
    expect(issuesOf(err)[0]!.path).toBe('$.components[0]["bom-ref"]');
  });

  it('folds a failed oneOf into one readable issue', () => {
    const err = failure(() => parse(bom({ components: [{ type: 'library', name: 'x', licenses: [{ license: { url: 'https://example.com/l' } }] }] })));
    const issue = issuesOf(err).find((i) => i.path === '$.components[0].licenses[0].license');
    expect(issue?.message).toBe('must match exactly one of the allowed alternatives (option 1: id is required | option 2: name is required)');
  });

  it('validates idn-email as an error and keeps a non-IRI URL as a warning', () => {
    const err = failure(() => parse(bom({ metadata: { authors: [{ name: 'A', email: 'not an email' }] } })));
    expect(issuesOf(err)).toEqual([{ path: '$.metadata.authors[0].email', message: 'must be a valid idn-email' }]);
    const parsed = parse(bom({ components: [{ type: 'library', name: 'x', externalReferences: [{ type: 'website', url: 'https://example.com/${project.artifactId}' }] }] }));
    expect(parsed.components).toHaveLength(1);
    expect(parsed.warnings).toEqual([{ path: '$.components[0].externalReferences[0].url', message: expect.stringMatching(/iri-reference.*kept as written/) }]);
  });

  it('rejects duplicate bom-refs anywhere in the document, with both paths', () => {
    const err = failure(() =>
      parse(
        bom({
          metadata: { component: { type: 'device', name: 'pump', 'bom-ref': 'dup' } },
          components: [
            { type: 'library', name: 'a', 'bom-ref': 'a' },
            { type: 'library', name: 'b', 'bom-ref': 'b', components: [{ type: 'library', name: 'c', 'bom-ref': 'a' }] },
            { type: 'library', name: 'd', 'bom-ref': 'dup' },
          ],
        }),
      ),
    );
    expect(err.code).toBe('SBOM_SCHEMA_INVALID');
    expect(issuesOf(err)).toEqual([
      { path: '$.components[1].components[0]["bom-ref"]', message: expect.stringContaining('already used at $.components[0]["bom-ref"]') },
      { path: '$.components[2]["bom-ref"]', message: expect.stringContaining('already used at $.metadata.component["bom-ref"]') },
    ]);
  });

  it('enforces uniqueItems (identical components) with the later item\'s path', () => {
    const c = { type: 'library', name: 'zlib', version: '1.2.11' };
    const err = failure(() => parse(bom({ components: [c, { ...c, version: '1.2.13' }, { version: '1.2.11', name: 'zlib', type: 'library' }] })));
    expect(issuesOf(err)).toEqual([{ path: '$.components[2]', message: 'duplicates item 0 (items must be unique)' }]);
  });

  it(`caps the list at ${MAX_LISTED_ISSUES} and counts the rest`, () => {
    const components = Array.from({ length: 130 }, (_, i) => ({ type: 'gizmo', name: `c${i}` }));
    const err = failure(() => parse(bom({ components })));
    expect(issuesOf(err)).toHaveLength(MAX_LISTED_ISSUES);
    expect(err.details.omitted).toBe(30);
    expect(err.message).toContain('130 problems');
  });
});

describe('parseCycloneDxJson: normalisation', () => {
  const doc = {
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 3,
    metadata: {
      timestamp: '2024-05-01T10:00:00Z',
      tools: { components: [{ type: 'application', group: '@cyclonedx', name: 'cdxgen', version: '10.2.0' }] },
      component: { type: 'device', name: 'Infusion pump', version: '4.2.0', 'bom-ref': 'device' },
      manufacturer: { name: 'Northwind Medical' },
      supplier: { name: 'Northwind Medical Devices GmbH' },
    },
    components: [
      {
        type: 'firmware',
        'bom-ref': 'fw',
        name: 'pump-firmware',
        version: '4.2.0',
        supplier: { name: 'Northwind Medical' },
        components: [
          {
            type: 'library',
            name: 'openssl',
            version: '1.1.1k',
            purl: 'pkg:generic/openssl@1.1.1k',
            cpe: 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*',
            hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }],
            licenses: [{ license: { id: 'OpenSSL' } }],
            properties: [
              { name: 'fda:level-of-support', value: 'no longer maintained' },
              { name: 'fda:end-of-support', value: '2023-09-11' },
            ],
            components: [{ type: 'file', name: 'libcrypto.so.1.1' }],
          },
          {
            type: 'library',
            'bom-ref': 'zlib',
            name: 'zlib',
            version: '1.2.11',
            publisher: 'Jean-loup Gailly and Mark Adler',
            licenses: [{ expression: 'Zlib' }],
            properties: [
              { name: 'level_of_support', value: 'actively maintained' },
              { name: 'support-end-date', value: '2026-01-01' },
              { name: 'cdx:lifecycle:milestone:endOfSupport', value: '2030-12-31' },
            ],
          },
        ],
      },
      { type: 'library', name: 'busybox', version: '1.33.1', author: 'Erik Andersen', licenses: [{ license: { name: 'GPL-2.0-only' } }], scope: 'required' },
    ],
    dependencies: [
      { ref: 'device', dependsOn: ['fw'] },
      { ref: 'fw', dependsOn: ['zlib', 'ghost'] },
      { ref: 'fw', dependsOn: ['zlib'] },
      { ref: 'zlib', dependsOn: [] },
    ],
  };
  const parsed = parse(bom(doc));

  it('keeps the document identity and metadata', () => {
    expect(parsed).toMatchObject({ format: 'cyclonedx', specVersion: '1.6', serialNumber: doc.serialNumber, documentVersion: 3 });
    expect(parsed.metadata).toEqual({
      timestamp: '2024-05-01T10:00:00Z',
      subject: { name: 'Infusion pump', version: '4.2.0', type: 'device' },
      supplier: 'Northwind Medical Devices GmbH',
      manufacturer: 'Northwind Medical',
      tools: ['@cyclonedx cdxgen 10.2.0'],
    });
  });

  it('flattens nested components depth-first with parentRef and stable generated refs', () => {
    expect(parsed.components.map((c) => [c.ref, c.name, c.parentRef])).toEqual([
      ['fw', 'pump-firmware', null],
      ['vigil:component/1', 'openssl', 'fw'],
      ['vigil:component/2', 'libcrypto.so.1.1', 'vigil:component/1'],
      ['zlib', 'zlib', 'fw'],
      ['vigil:component/4', 'busybox', null],
    ]);
    // same bytes, same refs
    expect(parse(bom(doc)).components.map((c) => c.ref)).toEqual(parsed.components.map((c) => c.ref));
  });

  it('never generates a ref that the document already declares', () => {
    const p = parse(bom({ components: [{ type: 'library', name: 'a' }, { type: 'library', name: 'b', 'bom-ref': 'vigil:component/0' }] }));
    expect(p.components.map((c) => c.ref)).toEqual(['vigil:component/0-1', 'vigil:component/0']);
  });

  it('maps identifiers, hashes, licences, supplier and scope', () => {
    const openssl = parsed.components[1]!;
    expect(openssl).toMatchObject({
      type: 'library',
      version: '1.1.1k',
      group: null,
      purl: 'pkg:generic/openssl@1.1.1k',
      cpe: 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*',
      hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }],
      licenses: ['OpenSSL'],
      supplier: null,
    });
    expect(parsed.components[0]!.supplier).toBe('Northwind Medical');
    expect(parsed.components[3]!).toMatchObject({ supplier: 'Jean-loup Gailly and Mark Adler', licenses: ['Zlib'] });
    expect(parsed.components[4]!).toMatchObject({ supplier: 'Erik Andersen', licenses: ['GPL-2.0-only'], scope: 'required' });
  });

  it('reads the FDA level of support and end-of-support date from properties', () => {
    expect(parsed.components[1]!).toMatchObject({ levelOfSupport: 'no longer maintained', endOfSupport: '2023-09-11' });
    // the CycloneDX taxonomy name wins over another end-of-support name
    expect(parsed.components[3]!).toMatchObject({ levelOfSupport: 'actively maintained', endOfSupport: '2030-12-31' });
    expect(parsed.components[4]!).toMatchObject({ levelOfSupport: null, endOfSupport: null });
    expect(parsed.components[1]!.properties).toEqual(doc.components[0]!.components![0]!.properties);
  });

  it('keeps the dependency graph, merging repeated entries, and warns about dangling refs', () => {
    expect(parsed.dependencies).toEqual([
      { ref: 'device', dependsOn: ['fw'] },
      { ref: 'fw', dependsOn: ['zlib', 'ghost'] },
      { ref: 'zlib', dependsOn: [] },
    ]);
    expect(parsed.warnings).toEqual([{ path: '$.dependencies[1].dependsOn[1]', message: expect.stringContaining('"ghost"') }]);
  });

  it('handles a document without components', () => {
    const p = parse(bom());
    expect(p.components).toEqual([]);
    expect(p.dependencies).toEqual([]);
    expect(p.metadata).toEqual({ timestamp: null, subject: null, supplier: null, manufacturer: null, tools: [] });
  });

  it('reads 1.4 tool arrays', () => {
    const p = parse(bom({ metadata: { tools: [{ vendor: 'CycloneDX', name: 'Node.js module', version: '2.0.0' }] } }, '1.4'));
    expect(p.metadata.tools).toEqual(['CycloneDX Node.js module 2.0.0']);
  });
});

describe('parseCycloneDxJson: speed', () => {
  it('parses and validates 2,000 components well under a second', () => {
    const components = Array.from({ length: 2000 }, (_, i) => ({
      type: 'library',
      'bom-ref': `pkg:npm/lib-${i}@1.0.${i}`,
      name: `lib-${i}`,
      version: `1.0.${i}`,
      purl: `pkg:npm/lib-${i}@1.0.${i}`,
      hashes: [{ alg: 'SHA-256', content: i.toString(16).padStart(64, '0') }],
      licenses: [{ license: { id: 'MIT' } }],
      properties: [{ name: 'fda:level-of-support', value: 'actively maintained' }],
    }));
    const dependencies = components.map((c, i) => ({ ref: c['bom-ref'], dependsOn: i + 1 < components.length ? [components[i + 1]!['bom-ref']] : [] }));
    const bytes = bom({ components, dependencies });
    parse(bom({ components: components.slice(0, 1) })); // compile the schema outside the timing
    const start = performance.now();
    const p = parse(bytes);
    const ms = performance.now() - start;
    expect(p.components).toHaveLength(2000);
    expect(ms).toBeLessThan(1000);
  });
});

/**
 * CycloneDX JSON (1.4–1.7) → ParsedSbom.
 *
 * Steps, each with its own stable error code (docs/sbom-formats.md):
 *   size (SBOM_TOO_LARGE) → UTF-8 + JSON (SBOM_SYNTAX_INVALID) → is it CycloneDX
 *   (SBOM_FORMAT_UNKNOWN) → spec version (SBOM_UNSUPPORTED_VERSION) → official schema and
 *   bom-ref uniqueness (SBOM_SCHEMA_INVALID) → normalise.
 */
import { VigilError } from '../../domain/errors.ts';
import type {
  ParsedSbom,
  SbomComponent,
  SbomDependency,
  SbomHash,
  SbomMetadata,
  SbomProperty,
  ValidationIssue,
} from '../../domain/inventory/sbom.ts';
import { cycloneDxValidator, isSupportedSpecVersion, SUPPORTED_SPEC_VERSIONS, UNIQUE_ITEMS_KEYWORD } from './cyclonedx.schema.ts';
import type { SchemaError } from './cyclonedx.schema.ts';
import { fdaFieldsFromProperties } from './fda-properties.ts';
import { decodeJson } from './json-text.ts';

export interface CycloneDxParseOptions {
  /** Documents larger than this many bytes are refused before any parsing. */
  readonly maxBytes: number;
}

/** At most this many issues are listed in `details.errors`; the rest are counted in `details.omitted`. */
export const MAX_LISTED_ISSUES = 100;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function parseCycloneDxJson(bytes: Uint8Array, opts: CycloneDxParseOptions): ParsedSbom {
  if (bytes.byteLength > opts.maxBytes) {
    throw new VigilError('SBOM_TOO_LARGE', `SBOM is ${bytes.byteLength} bytes; the limit is ${opts.maxBytes} bytes`, {
      size: bytes.byteLength,
      maxBytes: opts.maxBytes,
    });
  }

  const decoded = decodeJson(bytes);
  if (!decoded.ok) {
    if (decoded.kind === 'encoding') {
      throw new VigilError('SBOM_SYNTAX_INVALID', `SBOM is ${decoded.message}`, { byteOffset: decoded.byteOffset, line: decoded.line });
    }
    const { line, column } = decoded.location;
    throw new VigilError('SBOM_SYNTAX_INVALID', `SBOM is not valid JSON: ${decoded.message}`, { line, column });
  }
  const doc = decoded.value as Json;

  if (!isObject(doc) || doc.bomFormat !== 'CycloneDX') {
    throw new VigilError('SBOM_FORMAT_UNKNOWN', unknownFormatMessage(doc));
  }

  const specVersion = doc.specVersion;
  if (specVersion === undefined || typeof specVersion !== 'string') {
    throw schemaInvalid([{ path: '$.specVersion', message: specVersion === undefined ? 'is required' : 'must be a string' }]);
  }
  if (!isSupportedSpecVersion(specVersion)) {
    throw new VigilError(
      'SBOM_UNSUPPORTED_VERSION',
      `CycloneDX specVersion ${JSON.stringify(specVersion)} is not supported; supported versions: ${SUPPORTED_SPEC_VERSIONS.join(', ')}`,
      { specVersion, supported: [...SUPPORTED_SPEC_VERSIONS] },
    );
  }

  const validate = cycloneDxValidator(specVersion);
  const issues: ValidationIssue[] = [];
  let lenient: ValidationIssue[] = [];
  if (!validate(doc)) {
    const errors = validate.errors ?? [];
    // A URL that is not an RFC 3987 IRI reference (typically an unresolved build placeholder such
    // as `${project.url}`) does not make the inventory wrong: it is kept as written and reported as
    // a warning, so that real SBOMs from common generators import with every component.
    // (From 1.5 a URL may alternatively be a BOM-Link, so the same value also fails that pattern and the anyOf.)
    const loosePaths = new Set(errors.filter((e) => e.keyword === 'format' && (e.params as { format?: string }).format === 'iri-reference').map((e) => e.instancePath));
    const isLooseUrl = (e: SchemaError) => loosePaths.has(e.instancePath) && ['format', 'pattern', 'anyOf', 'oneOf'].includes(e.keyword);
    lenient = schemaIssues(errors.filter((e) => isLooseUrl(e) && e.keyword === 'format'), doc).map((w) => ({ ...w, message: `${w.message} (kept as written)` }));
    issues.push(...schemaIssues(errors.filter((e) => !isLooseUrl(e)), doc));
  }
  issues.push(...duplicateBomRefs(doc));
  if (issues.length > 0) throw schemaInvalid(issues, specVersion);

  const parsed = normalise(doc, specVersion);
  return lenient.length ? { ...parsed, warnings: [...lenient, ...(parsed.warnings ?? [])] } : parsed;
}

function unknownFormatMessage(doc: Json): string {
  if (!isObject(doc)) return `not a CycloneDX BOM: the document is a JSON ${Array.isArray(doc) ? 'array' : doc === null ? 'null' : typeof doc}, not an object`;
  if ('spdxVersion' in doc || '@context' in doc) return 'not a CycloneDX BOM: this looks like an SPDX document (bomFormat "CycloneDX" is required)';
  if (doc.bomFormat === undefined) return 'not a CycloneDX BOM: bomFormat is missing (must be "CycloneDX")';
  return `not a CycloneDX BOM: bomFormat is ${JSON.stringify(doc.bomFormat)} (must be "CycloneDX")`;
}

function schemaInvalid(all: readonly ValidationIssue[], specVersion?: string): VigilError {
  const errors = all.slice(0, MAX_LISTED_ISSUES);
  const omitted = all.length - errors.length;
  const first = errors[0]!;
  const summary = `${all.length} problem${all.length === 1 ? '' : 's'}; first: ${first.path} ${first.message}`;
  return new VigilError('SBOM_SCHEMA_INVALID', `SBOM does not conform to the CycloneDX ${specVersion ?? ''} schema: ${summary}`.replace('  ', ' '), {
    errors,
    omitted,
    ...(specVersion ? { specVersion } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Paths and schema errors

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/u;

function appendKey(path: string, key: string): string {
  return IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** JSON pointer (ajv `instancePath`) → `$.a.b[3]["bom-ref"]`, using the data to tell indexes from keys. */
export function pointerToPath(pointer: string, data: unknown): string {
  if (pointer === '') return '$';
  let path = '$';
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/gu, '/').replace(/~0/gu, '~');
    if (Array.isArray(node) && /^\d+$/u.test(seg)) {
      path += `[${seg}]`;
      node = node[Number(seg)];
    } else {
      path = appendKey(path, seg);
      node = isObject(node as Json) ? (node as JsonObject)[seg] : undefined;
    }
  }
  return path;
}

function describeError(e: SchemaError): { path: string | null; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path: String(p.missingProperty), message: 'is required' };
    case 'additionalProperties':
      return { path: String(p.additionalProperty), message: 'is not allowed here (unknown property)' };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const list = allowed.slice(0, 16).map((v) => JSON.stringify(v)).join(', ');
      return { path: null, message: `must be one of ${list}${allowed.length > 16 ? `, … (${allowed.length} values)` : ''}` };
    }
    case 'const':
      return { path: null, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'format':
      return { path: null, message: `must be a valid ${String(p.format)}` };
    case 'pattern':
      return { path: null, message: `must match the pattern ${String(p.pattern)}` };
    case UNIQUE_ITEMS_KEYWORD:
      return { path: `[${String(p.j)}]`, message: `duplicates item ${String(p.i)} (items must be unique)` };
    case 'type':
      return { path: null, message: `must be ${/^[aeiou]/u.test(String(p.type)) ? 'an' : 'a'} ${String(p.type)}` };
    default:
      return { path: null, message: e.message ?? `fails the "${e.keyword}" rule` };
  }
}

/**
 * ajv errors → readable issues. With allErrors, a failed `oneOf`/`anyOf` reports every branch's
 * complaints and then its own; those are folded into one issue that names the alternatives.
 */
function schemaIssues(errors: readonly SchemaError[], doc: Json): ValidationIssue[] {
  const consumed = new Set<number>();
  const out: { index: number; issue: ValidationIssue }[] = [];
  const simple = (e: SchemaError): ValidationIssue => {
    const base = pointerToPath(e.instancePath, doc);
    const d = describeError(e);
    const path = d.path === null ? base : d.path.startsWith('[') ? base + d.path : appendKey(base, d.path);
    return { path, message: d.message };
  };
  errors.forEach((e, index) => {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') return;
    const prefix = `${e.schemaPath}/`;
    const byBranch = new Map<string, string[]>();
    for (let j = 0; j < index; j++) {
      const c = errors[j]!;
      if (consumed.has(j) || !c.schemaPath.startsWith(prefix) || !c.instancePath.startsWith(e.instancePath)) continue;
      consumed.add(j);
      const branch = c.schemaPath.slice(prefix.length).split('/')[0]!;
      const ci = simple(c);
      const base = pointerToPath(e.instancePath, doc);
      const rel = ci.path.startsWith(base) ? ci.path.slice(base.length).replace(/^\./u, '') : ci.path;
      const list = byBranch.get(branch) ?? [];
      list.push(rel ? `${rel} ${ci.message}` : ci.message);
      byBranch.set(branch, list);
    }
    const alternatives = [...byBranch.entries()].map(([b, msgs]) => `option ${Number(b) + 1}: ${[...new Set(msgs)].slice(0, 3).join('; ')}`);
    const kind = e.keyword === 'oneOf' ? 'exactly one' : 'at least one';
    const passing = (e.params as { passingSchemas?: number[] | null }).passingSchemas;
    const message =
      passing && passing.length > 1
        ? `matches more than one of the allowed alternatives (options ${passing.map((n) => n + 1).join(' and ')}); it must match ${kind}`
        : `must match ${kind} of the allowed alternatives${alternatives.length ? ` (${alternatives.join(' | ')})` : ''}`;
    out.push({ index, issue: { path: pointerToPath(e.instancePath, doc), message } });
    consumed.add(index);
  });
  errors.forEach((e, index) => {
    if (!consumed.has(index)) out.push({ index, issue: simple(e) });
  });
  out.sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  const result: ValidationIssue[] = [];
  for (const { issue } of out) {
    const k = `${issue.path}\u0000${issue.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    result.push(issue);
  }
  return result;
}

/** The spec requires every `bom-ref` in a BOM to be unique; the JSON schema cannot say so. */
function duplicateBomRefs(doc: Json): ValidationIssue[] {
  const firstSeen = new Map<string, string>();
  const issues: ValidationIssue[] = [];
  const stack: { node: Json; path: string }[] = [{ node: doc, path: '$' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i]!, path: `${path}[${i}]` });
    } else if (isObject(node)) {
      const ref = node['bom-ref'];
      if (typeof ref === 'string') {
        const refPath = appendKey(path, 'bom-ref');
        const prior = firstSeen.get(ref);
        if (prior === undefined) firstSeen.set(ref, refPath);
        else issues.push({ path: refPath, message: `duplicate bom-ref ${JSON.stringify(ref)} (already used at ${prior}); every bom-ref must be unique` });
      }
      const keys = Object.keys(node);
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k]!;
        const child = node[key]!;
        if (child !== null && typeof child === 'object') stack.push({ node: child, path: appendKey(path, key) });
      }
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function str(o: JsonObject | undefined, key: string): string | null {
  const v = o?.[key];
  return typeof v === 'string' ? v : null;
}
function objects(o: JsonObject | undefined, key: string): JsonObject[] {
  const v = o?.[key];
  return Array.isArray(v) ? v.filter(isObject) : [];
}
function obj(o: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = o?.[key];
  return isObject(v) ? v : undefined;
}

function supplierOf(c: JsonObject): string | null {
  return (
    str(obj(c, 'supplier'), 'name') ??
    str(obj(c, 'manufacturer'), 'name') ??
    str(c, 'publisher') ??
    str(c, 'author') ??
    (objects(c, 'authors').map((a) => str(a, 'name')).find((n) => n !== null) ?? null)
  );
}

function licensesOf(c: JsonObject): string[] {
  const out: string[] = [];
  for (const choice of objects(c, 'licenses')) {
    const expression = str(choice, 'expression');
    if (expression !== null) {
      out.push(expression);
      continue;
    }
    const lic = obj(choice, 'license');
    const value = str(lic, 'id') ?? str(lic, 'name');
    if (value !== null) out.push(value);
  }
  return out;
}

function propertiesOf(c: JsonObject): SbomProperty[] {
  return objects(c, 'properties')
    .filter((p) => typeof p.name === 'string')
    .map((p) => ({ name: p.name as string, value: str(p, 'value') ?? '' }));
}

function hashesOf(c: JsonObject): SbomHash[] {
  return objects(c, 'hashes').flatMap((h) => {
    const alg = str(h, 'alg');
    const content = str(h, 'content');
    return alg !== null && content !== null ? [{ alg, content }] : [];
  });
}

function toolsOf(metadata: JsonObject | undefined): string[] {
  const tools = metadata?.tools;
  const describe = (t: JsonObject): string | null => {
    const name = str(t, 'name');
    if (name === null) return null;
    const owner = str(t, 'vendor') ?? str(t, 'group') ?? str(obj(t, 'publisher') ?? obj(t, 'manufacturer') ?? obj(t, 'supplier'), 'name') ?? str(t, 'publisher');
    const version = str(t, 'version');
    return [owner, name].filter(Boolean).join(' ') + (version ? ` ${version}` : '');
  };
  if (Array.isArray(tools)) return tools.filter(isObject).map(describe).filter((t): t is string => t !== null);
  if (isObject(tools)) return [...objects(tools, 'components'), ...objects(tools, 'services')].map(describe).filter((t): t is string => t !== null);
  return [];
}

function metadataOf(doc: JsonObject): SbomMetadata {
  const metadata = obj(doc, 'metadata');
  const subject = obj(metadata, 'component');
  return {
    timestamp: str(metadata, 'timestamp'),
    subject: subject ? { name: str(subject, 'name') ?? '', version: str(subject, 'version'), type: str(subject, 'type') ?? 'application' } : null,
    supplier: str(obj(metadata, 'supplier'), 'name'),
    manufacturer: str(obj(metadata, 'manufacturer'), 'name') ?? str(obj(metadata, 'manufacture'), 'name') ?? str(obj(subject, 'manufacturer'), 'name'),
    tools: toolsOf(metadata),
  };
}

function normalise(doc: JsonObject, specVersion: string): ParsedSbom {
  const components: SbomComponent[] = [];
  const declaredRefs = new Set<string>();
  const collectRefs = (node: Json): void => {
    // every bom-ref in the document (components, services, metadata, …): generated refs must not
    // collide with one, and dependency entries may point at any of them
    if (Array.isArray(node)) node.forEach(collectRefs);
    else if (isObject(node)) {
      if (typeof node['bom-ref'] === 'string') declaredRefs.add(node['bom-ref']);
      for (const v of Object.values(node)) if (v !== null && typeof v === 'object') collectRefs(v);
    }
  };
  collectRefs(doc);

  // Depth-first, document order; the generated ref uses the component's position in that order.
  const stack: { c: JsonObject; parentRef: string | null }[] = objects(doc, 'components')
    .map((c) => ({ c, parentRef: null as string | null }))
    .reverse();
  while (stack.length > 0) {
    const { c, parentRef } = stack.pop()!;
    const index = components.length;
    let ref = str(c, 'bom-ref');
    if (ref === null) {
      ref = `vigil:component/${index}`;
      for (let n = 1; declaredRefs.has(ref); n++) ref = `vigil:component/${index}-${n}`;
    }
    const properties = propertiesOf(c);
    const fda = fdaFieldsFromProperties(properties);
    components.push({
      ref,
      type: str(c, 'type') ?? 'library',
      name: str(c, 'name') ?? '',
      group: str(c, 'group'),
      version: str(c, 'version'),
      purl: str(c, 'purl'),
      cpe: str(c, 'cpe'),
      supplier: supplierOf(c),
      description: str(c, 'description'),
      scope: str(c, 'scope'),
      hashes: hashesOf(c),
      licenses: licensesOf(c),
      levelOfSupport: fda.levelOfSupport,
      endOfSupport: fda.endOfSupport,
      properties,
      parentRef,
    });
    const children = objects(c, 'components');
    for (let i = children.length - 1; i >= 0; i--) stack.push({ c: children[i]!, parentRef: ref });
  }

  // Dependencies: merge repeated entries for one ref, keep first-seen order, drop repeats.
  const merged = new Map<string, string[]>();
  for (const d of objects(doc, 'dependencies')) {
    const ref = str(d, 'ref');
    if (ref === null) continue;
    const list = merged.get(ref) ?? [];
    const v = d.dependsOn;
    for (const target of Array.isArray(v) ? v : []) if (typeof target === 'string' && !list.includes(target)) list.push(target);
    merged.set(ref, list);
  }
  const dependencies: SbomDependency[] = [...merged.entries()].map(([ref, dependsOn]) => ({ ref, dependsOn }));

  const warnings: ValidationIssue[] = [];
  const known = new Set<string>([...declaredRefs, ...components.map((c) => c.ref)]);
  objects(doc, 'dependencies').forEach((d, i) => {
    const ref = str(d, 'ref');
    if (ref !== null && !known.has(ref)) warnings.push({ path: `$.dependencies[${i}].ref`, message: `refers to ${JSON.stringify(ref)}, which no bom-ref in the document declares` });
    const v = d.dependsOn;
    (Array.isArray(v) ? v : []).forEach((t, j) => {
      if (typeof t === 'string' && !known.has(t))
        warnings.push({ path: `$.dependencies[${i}].dependsOn[${j}]`, message: `refers to ${JSON.stringify(t)}, which no bom-ref in the document declares` });
    });
  });

  const version = doc.version;
  return {
    format: 'cyclonedx',
    specVersion,
    serialNumber: str(doc, 'serialNumber'),
    documentVersion: typeof version === 'number' ? version : null,
    metadata: metadataOf(doc),
    components,
    dependencies,
    warnings,
  };
}

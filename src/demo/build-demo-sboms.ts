/**
 * Builds the demo CycloneDX documents from `sbom-catalog.ts` and `portfolio.ts`. Deterministic:
 * no clock, no randomness (serial numbers and synthetic hashes are derived from names), so the
 * committed files in `sboms/` can be compared with a fresh build (see demo.test.ts).
 *
 * Regenerate the files with: node bin/run-ts.mjs src/demo/write-demo-sboms.ts
 */
import { createHash } from 'node:crypto';
import type { CatalogSbom, CatalogSection } from './sbom-catalog.ts';
import { demoCatalog } from './sbom-catalog.ts';
import { demoPortfolio } from './portfolio.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const NORTHWIND = 'Northwind Medical, Inc.';
const NORTHWIND_URL = 'https://northwind-medical.example';

interface Line {
  readonly name: string;
  readonly source: string | null;
  readonly versions: readonly [string | null, string | null];
  readonly license: string;
  readonly cpe: string;
  readonly support: string;
  readonly deps: readonly string[];
  readonly supplier: string;
}

export function parseTable(table: string): Line[] {
  return table
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const cols = l.split('|').map((c) => c.trim());
      const [nameCol = '', v1 = '-', v2 = '-', license = '', cpe = '', support = '', deps = '', supplier = ''] = cols;
      const [name = '', source = null] = nameCol.split('<');
      return {
        name,
        source,
        versions: [v1 === '-' ? null : v1, v2 === '-' ? null : v2],
        license,
        cpe,
        support,
        deps: deps === '' ? [] : deps.split(',').map((d) => d.trim()),
        supplier,
      };
    });
}

/** purl-spec percent-encoding: like encodeURIComponent, but ':' stays literal (e.g. deb epochs). */
const enc = (s: string): string => encodeURIComponent(s).replace(/%3A/gu, ':');

export function purlString(type: string, namespace: string | null, name: string, version: string, qualifiers: Record<string, string> = {}): string {
  const ns = namespace ? `${namespace.split('/').map(enc).join('/')}/` : '';
  const q = Object.keys(qualifiers)
    .filter((k) => qualifiers[k] !== '')
    .sort()
    .map((k) => `${k}=${enc(qualifiers[k]!)}`)
    .join('&');
  return `pkg:${type}/${ns}${enc(name)}@${enc(version)}${q ? `?${q}` : ''}`;
}

function purlFor(section: CatalogSection, line: Line, version: string, release: 0 | 1): string | null {
  switch (section.ecosystem) {
    case 'in-house':
      return null;
    case 'generic':
      return purlString('generic', null, line.name, version);
    case 'conan':
      return purlString('conan', null, line.name, version);
    case 'github': {
      const [owner = '', repo = ''] = line.name.split('/');
      return purlString('github', owner.toLowerCase(), repo.toLowerCase(), version);
    }
    case 'deb': {
      const q = { ...section.qualifiers![release] };
      if (line.source) q.upstream = line.source;
      return purlString('deb', section.namespace ?? 'debian', line.name, version, q);
    }
    case 'rpm': {
      // rpm versions carry the epoch as a qualifier, not in the version
      const m = /^(\d+):(.*)$/u.exec(version);
      const q: Record<string, string> = { ...section.qualifiers![release] };
      if (m) q.epoch = m[1]!;
      if (line.source) q.upstream = line.source;
      return purlString('rpm', section.namespace ?? 'redhat', line.name, m ? m[2]! : version, q);
    }
    case 'maven': {
      const [group = '', artifact = ''] = line.name.split(':');
      return purlString('maven', group, artifact, version);
    }
    case 'npm': {
      const scoped = line.name.startsWith('@');
      const [scope, pkg] = scoped ? line.name.split('/') : [null, line.name];
      return purlString('npm', scope ?? null, pkg!.toLowerCase(), version);
    }
    case 'pypi':
      return purlString('pypi', null, line.name.toLowerCase().replace(/[_.]/gu, '-'), version);
    case 'nuget':
      return purlString('nuget', null, line.name, version);
  }
}

/** CPE 2.3 formatted string; versions are the upstream ones (deb/rpm release suffixes dropped). */
function cpeFor(section: CatalogSection, line: Line, version: string): string | null {
  if (line.cpe === '') return null;
  const parts = line.cpe.split(':');
  const [part, vendor, product] = parts.length === 3 ? parts : ['a', ...parts];
  let v = version;
  if (section.ecosystem === 'deb' || section.ecosystem === 'rpm') v = v.replace(/^\d+:/u, '').replace(/[-+~].*$/u, '').replace(/\.dfsg.*$/u, '');
  if (section.ecosystem === 'github') v = v.replace(/^[vV](?=\d)/u, '');
  const esc = (s: string): string => s.replace(/([^A-Za-z0-9_.-])/gu, '\\$1');
  return `cpe:2.3:${part}:${esc(vendor!)}:${esc(product!)}:${esc(v)}:*:*:*:*:*:*:*`;
}

function licenses(spec: string): Json {
  if (spec.startsWith('~')) return [{ license: { name: spec.slice(1) } }];
  if (/\s/u.test(spec)) return [{ expression: spec }];
  return [{ license: { id: spec } }];
}

function sha256(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

function serialNumber(file: string): string {
  const h = sha256(`northwind-demo:${file}`);
  // RFC 4122 shape, version 5-like nibble; derived, not random
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function support(section: CatalogSection, line: Line, release: 0 | 1): { level: string; eos: string | null } {
  let level = section.defaultSupport[release];
  let eos = section.defaultEndOfSupport?.[release] ?? null;
  if (line.support !== '') {
    const [l, d] = line.support.split('@');
    if (l) level = l;
    if (d) eos = d;
  }
  return { level, eos };
}

/** The committed file text for a document: 2-space JSON and a final newline. */
export function serialiseDemoSbom(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export interface DemoSbomFile {
  readonly file: string;
  readonly document: JsonObject;
}

/** Every demo SBOM document, keyed by the file name the portfolio refers to. */
export function buildDemoSboms(): DemoSbomFile[] {
  const out: DemoSbomFile[] = [];
  for (const entry of demoPortfolio) {
    entry.releases.forEach((rel, releaseIndex) => {
      for (const ref of rel.sboms) {
        const catalog = demoCatalog.find((c) => c.device === entry.product.slug && c.label === ref.label);
        if (!catalog) throw new Error(`no catalog for ${entry.product.slug} ${ref.label}`);
        out.push({
          file: ref.file,
          document: buildOne(catalog, releaseIndex as 0 | 1, {
            file: ref.file,
            productName: entry.product.name,
            model: entry.product.model,
            version: rel.version,
            releaseDate: rel.releaseDate,
            endOfSupport: rel.endOfSupport,
          }),
        });
      }
    });
  }
  return out;
}

interface ReleaseContext {
  readonly file: string;
  readonly productName: string;
  readonly model: string;
  readonly version: string;
  readonly releaseDate: string;
  readonly endOfSupport: string | null;
}

function buildOne(catalog: CatalogSbom, release: 0 | 1, ctx: ReleaseContext): JsonObject {
  const specVersion = catalog.specVersions[release];
  const subjectRef = `urn:northwind:${catalog.device}:${catalog.label}@${ctx.version}`;
  const byName = new Map<string, string>(); // line name → bom-ref (present in this release)
  const usedRefs = new Set<string>([subjectRef]);
  const pending: { ref: string; deps: readonly string[] }[] = [];
  const topLevel: JsonObject[] = [];
  const parents = new Map<string, JsonObject>();
  const allNames = new Set<string>();

  const fdaProperties = (level: string, eos: string | null): Json => [
    { name: 'fda:level-of-support', value: level },
    ...(eos ? [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: eos }] : []),
  ];

  for (const section of catalog.sections) {
    const lines = parseTable(section.table);
    let container = topLevel;
    if (section.parent) {
      const parentVersion = section.parent.versions[release];
      let parent = parents.get(section.parent.name);
      if (!parent) {
        const ref = `urn:northwind:${section.parent.name}@${parentVersion}`;
        usedRefs.add(ref);
        parent = {
          type: section.parent.type,
          'bom-ref': ref,
          supplier: { name: NORTHWIND, url: [NORTHWIND_URL] },
          name: section.parent.name,
          version: parentVersion,
          description: section.parent.description,
          hashes: [{ alg: 'SHA-256', content: sha256(`${ctx.file}:${section.parent.name}@${parentVersion}`) }],
          licenses: [{ license: { name: 'Northwind Medical proprietary' } }],
          properties: fdaProperties('actively maintained', ctx.endOfSupport),
          components: [],
        };
        parents.set(section.parent.name, parent);
        topLevel.push(parent);
        pending.push({ ref, deps: [] });
      }
      container = parent.components as JsonObject[];
    }
    for (const line of lines) {
      allNames.add(line.name);
      const version = line.versions[release];
      if (version === null) continue;
      const purl = purlFor(section, line, version, release);
      const displayName = section.ecosystem === 'maven' ? line.name.split(':')[1]! : line.name;
      let ref = purl ?? `urn:northwind:${catalog.device}:${line.name}@${version}`;
      for (let n = 2; usedRefs.has(ref); n++) ref = `${purl ?? line.name}#${n}`;
      usedRefs.add(ref);
      byName.set(line.name, ref);
      const supplier = line.supplier || section.supplier;
      const { level, eos } = support(section, line, release);
      const c: JsonObject = {
        type: section.type ?? (section.ecosystem === 'in-house' ? 'application' : 'library'),
        'bom-ref': ref,
        supplier: { name: supplier },
        ...(section.ecosystem === 'maven' ? { group: line.name.split(':')[0]! } : {}),
        name: displayName,
        version,
        ...(section.scope ? { scope: section.scope } : {}),
        ...(section.hashes ? { hashes: [{ alg: 'SHA-256', content: sha256(`${ctx.file}:${line.name}@${version}`) }] } : {}),
        licenses: licenses(line.license),
      };
      const cpe = cpeFor(section, line, version);
      if (cpe) c.cpe = cpe;
      if (purl) c.purl = purl;
      c.properties = fdaProperties(level, eos);
      container.push(c);
      pending.push({ ref, deps: line.deps });
      if (section.parent) {
        const parentRef = parents.get(section.parent.name)!['bom-ref'] as string;
        const p = pending.find((x) => x.ref === parentRef)!;
        // a parent application depends on the libraries nested under it that no sibling pulls in
        p.deps = [...p.deps, line.name];
      }
    }
  }

  // Resolve dependency names to refs; a name that exists in the table but not in this release is skipped.
  const dependencies: JsonObject[] = [];
  const dependedOn = new Set<string>();
  const resolved = pending.map(({ ref, deps }) => {
    const targets: string[] = [];
    for (const d of deps) {
      if (!allNames.has(d) && !byName.has(d)) throw new Error(`${catalog.device} ${catalog.label}: unknown dependency "${d}" of ${ref}`);
      const t = byName.get(d);
      if (t && t !== ref && !targets.includes(t)) targets.push(t);
    }
    return { ref, targets };
  });
  // parents list only children that no sibling depends on (direct dependencies)
  for (const r of resolved) for (const t of r.targets) if (!parents.has(nameOfRef(r.ref, parents))) dependedOn.add(t);
  for (const r of resolved) {
    const isParent = [...parents.values()].some((p) => p['bom-ref'] === r.ref);
    const targets = isParent ? r.targets.filter((t) => !dependedOn.has(t)) : r.targets;
    dependencies.push({ ref: r.ref, dependsOn: targets });
  }
  const directOfSubject = topLevel.map((c) => c['bom-ref'] as string).filter((r) => !dependedOn.has(r));
  dependencies.unshift({ ref: subjectRef, dependsOn: directOfSubject });

  const manufacturer = { name: NORTHWIND, url: [NORTHWIND_URL], contact: [{ name: 'Product Security Office', email: 'psirt@northwind-medical.example' }] };
  const metadata: JsonObject = {
    timestamp: `${ctx.releaseDate}T09:00:00Z`,
    lifecycles: [{ phase: 'build' }],
    tools: { components: [{ type: 'application', name: 'northwind-sbom-assembler', version: '2.4.0', supplier: { name: NORTHWIND } }] },
    component: {
      type: catalog.subject.type,
      'bom-ref': subjectRef,
      supplier: { name: NORTHWIND, url: [NORTHWIND_URL] },
      name: catalog.subject.name,
      version: ctx.version,
      description: `${ctx.productName} (${ctx.model}) ${ctx.version}: ${catalog.subject.description}`,
      licenses: [{ license: { name: 'Northwind Medical proprietary' } }],
      properties: fdaProperties('actively maintained', ctx.endOfSupport),
    },
    ...(specVersion === '1.5' ? { manufacture: manufacturer } : { manufacturer }),
    supplier: { name: NORTHWIND, url: [NORTHWIND_URL] },
    properties: [{ name: 'northwind:demo', value: 'fictional manufacturer and devices; real open-source components' }],
  };

  return {
    $schema: `http://cyclonedx.org/schema/bom-${specVersion}.schema.json`,
    bomFormat: 'CycloneDX',
    specVersion,
    serialNumber: serialNumber(ctx.file),
    version: 1,
    metadata,
    components: topLevel,
    dependencies,
  };
}

function nameOfRef(ref: string, parents: Map<string, JsonObject>): string {
  for (const [name, p] of parents) if (p['bom-ref'] === ref) return name;
  return '';
}

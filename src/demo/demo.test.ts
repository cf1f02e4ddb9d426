import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import type { ParsedSbom } from '../domain/inventory/sbom.ts';
import { parseCycloneDxJson } from '../formats/cyclonedx/cyclonedx.parser.ts';
import { buildDemoSboms, purlString, serialiseDemoSbom } from './build-demo-sboms.ts';
import { demoPortfolio } from './portfolio.ts';

const dir = join(import.meta.dirname, 'sboms');
const referenced = demoPortfolio.flatMap((e) => e.releases.flatMap((r) => r.sboms.map((s) => s.file)));
const parsed = new Map<string, ParsedSbom>(
  referenced.filter((f) => existsSync(join(dir, f))).map((f) => [f, parseCycloneDxJson(readFileSync(join(dir, f)), { maxBytes: 5 * 1024 * 1024 })]),
);
const purlsIn = (file: string): string[] => parsed.get(file)!.components.map((c) => c.purl ?? '');

describe('demo portfolio', () => {
  it('references files that exist, and every file in sboms/ is referenced', () => {
    for (const f of referenced) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([...referenced].sort());
  });

  it('names files <device>-<version>-<label>.cdx.json', () => {
    for (const { product, releases } of demoPortfolio)
      for (const r of releases) for (const s of r.sboms) expect(s.file).toBe(`${product.slug}-${r.version}-${s.label}.cdx.json`);
  });

  it('has three devices with two releases each, one to three SBOMs per release, and sane dates', () => {
    expect(demoPortfolio).toHaveLength(3);
    for (const { product, releases } of demoPortfolio) {
      expect(product.manufacturer).toBe('Northwind Medical');
      expect(releases).toHaveLength(2);
      const [older, newer] = releases;
      expect(older!.releaseDate < newer!.releaseDate).toBe(true);
      for (const r of releases) {
        expect(r.sboms.length).toBeGreaterThanOrEqual(1);
        expect(r.sboms.length).toBeLessThanOrEqual(3);
        expect(r.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
        if (r.endOfSupport) expect(r.endOfSupport > r.releaseDate).toBe(true);
      }
    }
  });
});

describe('demo SBOMs', () => {
  it('every SBOM parses and validates with the CycloneDX parser, 30–200 components, no warnings', () => {
    expect(parsed.size).toBe(referenced.length);
    for (const [file, sbom] of parsed) {
      expect(sbom.components.length, file).toBeGreaterThanOrEqual(30);
      expect(sbom.components.length, file).toBeLessThanOrEqual(200);
      expect(sbom.warnings, file).toEqual([]);
      expect(sbom.metadata.manufacturer, file).toBe('Northwind Medical, Inc.');
    }
  });

  it('uses CycloneDX 1.6, one document 1.5', () => {
    const versions = [...parsed.values()].map((s) => s.specVersion);
    expect(versions.filter((v) => v === '1.5')).toHaveLength(1);
    expect(versions.filter((v) => v !== '1.5').every((v) => v === '1.6')).toBe(true);
  });

  it('are exactly what the builder produces (regenerate: node bin/run-ts.mjs src/demo/write-demo-sboms.ts)', () => {
    for (const { file, document } of buildDemoSboms()) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(serialiseDemoSbom(document));
  });

  it('gives every component the FDA level of support, and nests firmware and application parts', () => {
    for (const [file, sbom] of parsed) {
      for (const c of sbom.components) expect(c.levelOfSupport, `${file} ${c.name}`).toMatch(/^(actively maintained|no longer maintained|abandoned)$/u);
    }
    const fw = parsed.get('vitalis-patient-monitor-2.2.1-firmware.cdx.json')!;
    const freertos = fw.components.find((c) => c.name === 'FreeRTOS/FreeRTOS-Kernel')!;
    expect(fw.components.find((c) => c.ref === freertos.parentRef)?.name).toBe('vitalis-measurement-module');
    const openssl = parsed.get('aurora-infusion-pump-3.1.0-firmware.cdx.json')!.components.find((c) => c.name === 'openssl')!;
    expect(openssl).toMatchObject({ endOfSupport: '2023-09-11', cpe: 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*' });
  });

  it('has purls that packageurl-js reads back to the component name and version', () => {
    for (const [file, sbom] of parsed) {
      for (const c of sbom.components) {
        if (!c.purl) continue;
        const p = PackageURL.fromString(c.purl);
        const version = p.type === 'rpm' && p.qualifiers?.epoch ? `${p.qualifiers.epoch}:${p.version}` : p.version;
        expect(version, `${file} ${c.purl}`).toBe(c.version);
        if (p.type === 'deb' || p.type === 'rpm') expect(p.qualifiers?.distro, c.purl).toMatch(/^(debian-1[01]|rhel-8\.[38])$/u);
      }
    }
  });

  it('encodes purls the way purl-spec does (+ as %2B, deb epoch colon kept)', () => {
    expect(purlString('deb', 'debian', 'attr', '1:2.4.47-2+b1', { arch: 'amd64' })).toBe('pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64');
    expect(purlString('npm', '@babel', 'core', '7.12.0')).toBe('pkg:npm/%40babel/core@7.12.0');
  });

  it('contains the well-known vulnerable versions in the older releases and upgrades them in the newer ones', () => {
    const older: Array<[string, string]> = [
      ['lumen-imaging-workstation-5.0.3-application.cdx.json', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'],
      ['lumen-imaging-workstation-5.0.3-application.cdx.json', 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.4'],
      ['lumen-imaging-workstation-5.0.3-application.cdx.json', 'pkg:maven/org.apache.commons/commons-text@1.9'],
      ['lumen-imaging-workstation-5.0.3-application.cdx.json', 'pkg:pypi/pillow@8.1.0'],
      ['lumen-imaging-workstation-5.0.3-application.cdx.json', 'pkg:pypi/urllib3@1.26.4'],
      ['lumen-imaging-workstation-5.0.3-application.cdx.json', 'pkg:npm/lodash@4.17.15'],
      ['lumen-imaging-workstation-5.0.3-application.cdx.json', 'pkg:nuget/Newtonsoft.Json@12.0.2'],
      ['aurora-infusion-pump-3.1.0-firmware.cdx.json', 'pkg:generic/openssl@1.1.1k'],
      ['aurora-infusion-pump-3.1.0-firmware.cdx.json', 'pkg:generic/busybox@1.33.0'],
      ['aurora-infusion-pump-3.1.0-firmware.cdx.json', 'pkg:generic/zlib@1.2.11'],
      ['vitalis-patient-monitor-2.2.1-operating-system.cdx.json', 'pkg:deb/debian/sudo@1.8.27-1%2Bdeb10u2?arch=arm64&distro=debian-10'],
      ['vitalis-patient-monitor-2.2.1-application.cdx.json', 'pkg:pypi/pyyaml@5.3.1'],
    ];
    for (const [file, purl] of older) expect(purlsIn(file), file).toContain(purl);
    const newerApp = purlsIn('lumen-imaging-workstation-5.2.0-application.cdx.json');
    expect(newerApp).toContain('pkg:maven/org.apache.logging.log4j/log4j-core@2.20.0');
    expect(newerApp.some((p) => p.includes('log4j-core@2.14'))).toBe(false);
    expect(purlsIn('aurora-infusion-pump-3.4.2-firmware.cdx.json')).toContain('pkg:generic/openssl@3.0.10');
  });

  it('links every component into the dependency graph from the SBOM subject', () => {
    for (const [file, sbom] of parsed) {
      const edges = new Map(sbom.dependencies.map((d) => [d.ref, d.dependsOn]));
      const root = sbom.dependencies[0]!.ref;
      const reached = new Set<string>([root]);
      const queue = [root];
      while (queue.length > 0) {
        for (const next of edges.get(queue.shift()!) ?? []) {
          if (reached.has(next)) continue;
          reached.add(next);
          queue.push(next);
        }
      }
      const unreached = sbom.components.filter((c) => !reached.has(c.ref)).map((c) => c.name);
      expect(unreached, file).toEqual([]);
    }
  });
});

/**
 * SBOM import: validation+parse time and components stored per second, for generated CycloneDX
 * documents of 2,000 and 20,000 components, on embedded PGlite (and PostgreSQL when
 * BENCH_DATABASE_URL is set). Peak RSS is reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { runSbomImport, submitSbom } from '../src/app/import-sbom.ts';
import { createProduct, createRelease } from '../src/app/inventory.ts';
import { parseCycloneDxJson } from '../src/formats/cyclonedx/cyclonedx.parser.ts';
import { openRuntime } from '../src/runtime/runtime.ts';

const ecosystems = ['npm', 'maven', 'pypi', 'deb', 'generic'] as const;

export function generateSbom(n: number, seed = 1): Uint8Array {
  const components = [];
  for (let i = 0; i < n; i++) {
    const eco = ecosystems[(i * 7 + seed) % ecosystems.length]!;
    const name = `component-${(i * 31 + seed) % (n * 3)}-${i}`;
    const version = `${i % 9}.${(i * 3) % 17}.${i % 5}`;
    const purl = eco === 'maven' ? `pkg:maven/org.example/${name}@${version}` : eco === 'deb' ? `pkg:deb/debian/${name}@${version}-1?distro=debian-12` : `pkg:${eco}/${name}@${version}`;
    components.push({
      type: 'library',
      'bom-ref': `ref-${i}`,
      name,
      version,
      purl,
      supplier: { name: `Supplier ${i % 40}` },
      licenses: [{ license: { id: i % 2 ? 'MIT' : 'Apache-2.0' } }],
      hashes: [{ alg: 'SHA-256', content: (i.toString(16).padStart(8, '0')).repeat(8) }],
      properties: [{ name: 'fda:level-of-support', value: 'actively maintained' }],
    });
  }
  const dependencies = components.slice(1).map((c, i) => ({ ref: c['bom-ref'], dependsOn: [`ref-${i}`] }));
  return Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components, dependencies }));
}

async function once(label: string, databaseUrl: string | null, n: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const config = { ...loadConfig({ env: {}, cwd: process.cwd() }), dataDir, databaseUrl };
  const rt = await openRuntime(config, { queue: false });
  try {
    const actor = { kind: 'system' as const, id: 'bench', label: 'bench' };
    const p = await createProduct(rt, actor, { name: `Bench ${n} ${Date.now()}`, manufacturer: 'Bench' });
    const rel = await createRelease(rt, actor, p.id, { version: '1.0.0' });
    const bytes = generateSbom(n);
    let t = performance.now();
    parseCycloneDxJson(bytes, { maxBytes: Number.MAX_SAFE_INTEGER });
    const parseMs = performance.now() - t;
    t = performance.now();
    const { sbom } = await submitSbom(rt.importDeps, actor, { releaseId: rel.id, label: 'application', filename: 'bench.json', bytes, enqueue: false });
    const submitMs = performance.now() - t;
    t = performance.now();
    await runSbomImport(rt.importDeps, sbom.id);
    const importMs = performance.now() - t;
    t = performance.now();
    await rt.uow.read((s) => s.components.query({ releaseId: rel.id, q: 'component-1', sort: 'name', order: 'asc', offset: 0, limit: 50 }));
    const searchMs = performance.now() - t;
    const mb = (bytes.byteLength / 1048576).toFixed(1);
    process.stdout.write(
      `${label.padEnd(10)} ${String(n).padStart(6)} components (${mb} MB): validate+parse ${parseMs.toFixed(0)} ms · upload (validate+store) ${submitMs.toFixed(0)} ms · ` +
        `import ${importMs.toFixed(0)} ms = ${Math.round((n / importMs) * 1000)} components/s · search page ${searchMs.toFixed(0)} ms\n`,
    );
  } finally {
    await rt.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  for (const n of [2000, 20000]) await once('PGlite', null, n);
  const url = process.env.BENCH_DATABASE_URL;
  if (url) for (const n of [2000, 20000]) await once('PostgreSQL', url, n);
  else process.stdout.write('(set BENCH_DATABASE_URL to also measure a PostgreSQL server)\n');
  process.stdout.write(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
}

/**
 * Matching throughput on generated data (deterministic, no randomness): component × candidate
 * advisory checks per second for the purl route (OSV ECOSYSTEM ranges, several intervals) and
 * the CPE route (NVD criteria with version bounds), with advisories prepared once and each
 * component prepared once — the way a portfolio scan calls `matchComponent` ~1 million times.
 */
import { performance } from 'node:perf_hooks';
import type { Advisory, AffectedPackage, CpeConfiguration } from '../src/domain/advisories/advisory.ts';
import { prepareComponent } from '../src/domain/matching/component.ts';
import { matchComponent, prepareAdvisory, type PreparedAdvisory } from '../src/domain/matching/match.ts';
import type { MatchComponent } from '../src/domain/matching/types.ts';

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

function base(id: string, source: Advisory['source']): Advisory {
  return {
    source,
    id,
    aliases: [],
    related: [],
    summary: null,
    details: null,
    published: null,
    modified: '2024-01-01T00:00:00Z',
    withdrawn: null,
    affected: [],
    cpeConfigurations: [],
    csafProducts: [],
    severities: [],
    cwes: [],
    references: [],
    credits: [],
  };
}

const PACKAGES = 200;
const ADVISORIES_PER_PACKAGE = 5;

/** npm and Maven advisories: each package has 5 advisories with 2–3 introduced/fixed pairs. */
function purlAdvisories(): Map<string, PreparedAdvisory[]> {
  const byPackage = new Map<string, PreparedAdvisory[]>();
  for (let p = 0; p < PACKAGES; p++) {
    const maven = p % 2 === 1;
    const name = maven ? `org.example.g${p}:artifact-${p}` : `pkg-${p}`;
    const list: PreparedAdvisory[] = [];
    for (let a = 0; a < ADVISORIES_PER_PACKAGE; a++) {
      const major = a + 1;
      const entry: AffectedPackage = {
        purl: null,
        ecosystem: maven ? 'Maven' : 'npm',
        name,
        ranges: [
          {
            type: 'ECOSYSTEM',
            events: [{ introduced: '0' }, { fixed: `${major}.0.${(p + a) % 9}` }, { introduced: `${major}.2.0` }, { fixed: `${major}.4.${a}` }, { introduced: `${major + 5}.0.0` }, { last_affected: `${major + 5}.1.${p % 7}` }],
          },
        ],
        versions: [],
        fixedVersions: [],
      };
      list.push(prepareAdvisory({ ...base(`GHSA-${p}-${a}`, 'ghsa'), affected: [entry] }));
    }
    byPackage.set(maven ? `maven:${p}` : `npm:${p}`, list);
  }
  return byPackage;
}

/** NVD-shaped advisories: 4 per product, two bounded criteria each, plus an AND platform node on some. */
function cpeAdvisories(): Map<number, PreparedAdvisory[]> {
  const byProduct = new Map<number, PreparedAdvisory[]>();
  for (let p = 0; p < PACKAGES; p++) {
    const list: PreparedAdvisory[] = [];
    for (let a = 0; a < 4; a++) {
      const crit = `cpe:2.3:a:vendor${p}:product${p}:*:*:*:*:*:*:*:*`;
      const vulnerable = [
        { criteria: crit, vulnerable: true, versionStartIncluding: `${a}.0.0`, versionEndExcluding: `${a}.${3 + (p % 4)}.1` },
        { criteria: crit, vulnerable: true, versionStartIncluding: `${a + 4}.0`, versionEndIncluding: `${a + 4}.9` },
      ];
      const conf: CpeConfiguration =
        a === 3
          ? { operator: 'AND', nodes: [{ operator: 'OR', negate: false, cpeMatch: vulnerable }, { operator: 'OR', negate: false, cpeMatch: [{ criteria: 'cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*', vulnerable: false }] }] }
          : { operator: 'OR', nodes: [{ operator: 'OR', negate: false, cpeMatch: vulnerable }] };
      list.push(prepareAdvisory({ ...base(`CVE-2024-${p}${a}`, 'nvd'), cpeConfigurations: [conf] }));
    }
    byProduct.set(p, list);
  }
  return byProduct;
}

function purlComponents(count: number): MatchComponent[] {
  const out: MatchComponent[] = [];
  for (let i = 0; i < count; i++) {
    const p = i % PACKAGES;
    const version = `${i % 9}.${(i * 3) % 7}.${(i * 7) % 5}`;
    const purl = p % 2 === 1 ? `pkg:maven/org.example.g${p}/artifact-${p}@${version}` : `pkg:npm/pkg-${p}@${version}`;
    out.push({ ref: `c${i}`, name: `pkg-${p}`, version, purl, cpe: null });
  }
  return out;
}

function cpeComponents(count: number): MatchComponent[] {
  const out: MatchComponent[] = [];
  for (let i = 0; i < count; i++) {
    const p = i % PACKAGES;
    const version = `${i % 9}.${(i * 3) % 7}.${(i * 7) % 5}`;
    out.push({ ref: `f${i}`, name: `product${p}`, version, purl: `pkg:generic/product${p}@${version}`, cpe: `cpe:2.3:a:vendor${p}:product${p}:${version}:*:*:*:*:*:*:*` });
  }
  return out;
}

export async function run(): Promise<void> {
  const N = 20_000;

  let t = performance.now();
  const purlAdv = purlAdvisories();
  const cpeAdv = cpeAdvisories();
  let ms = performance.now() - t;
  process.stdout.write(`prepareAdvisory: ${rate(PACKAGES * (ADVISORIES_PER_PACKAGE + 4), ms)}  (${(PACKAGES * (ADVISORIES_PER_PACKAGE + 4)).toLocaleString('en-US')} advisories)\n`);

  // purl route: each component against its 5 candidate advisories (the store's key look-up).
  const pcs = purlComponents(N);
  t = performance.now();
  const prepared = pcs.map(prepareComponent);
  ms = performance.now() - t;
  process.stdout.write(`prepareComponent (purl): ${rate(N, ms)}\n`);
  for (let warm = 0; warm < 2; warm++) for (let i = 0; i < 2000; i++) matchComponent(prepared[i]!, purlAdv.get(`${i % PACKAGES % 2 === 1 ? 'maven' : 'npm'}:${i % PACKAGES}`)!);
  let checks = 0;
  let hits = 0;
  t = performance.now();
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < N; i++) {
      const p = i % PACKAGES;
      const candidates = purlAdv.get(`${p % 2 === 1 ? 'maven' : 'npm'}:${p}`)!;
      hits += matchComponent(prepared[i]!, candidates).length;
      checks += candidates.length;
    }
  }
  ms = performance.now() - t;
  process.stdout.write(`purl-range checks (npm + Maven, 3 intervals, prepared component): ${rate(checks, ms)}  (${checks.toLocaleString('en-US')} checks, ${hits.toLocaleString('en-US')} results)\n`);

  // same, component prepared inside matchComponent on every call (first scan of an SBOM)
  checks = 0;
  t = performance.now();
  for (let i = 0; i < N; i++) {
    const p = i % PACKAGES;
    const candidates = purlAdv.get(`${p % 2 === 1 ? 'maven' : 'npm'}:${p}`)!;
    matchComponent(pcs[i]!, candidates);
    checks += candidates.length;
  }
  ms = performance.now() - t;
  process.stdout.write(`purl-range checks, unprepared component (parse purl per call): ${rate(checks, ms)}\n`);

  // CPE route
  const ccs = cpeComponents(N).map(prepareComponent);
  for (let i = 0; i < 2000; i++) matchComponent(ccs[i]!, cpeAdv.get(i % PACKAGES)!);
  checks = 0;
  hits = 0;
  t = performance.now();
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < N; i++) {
      const candidates = cpeAdv.get(i % PACKAGES)!;
      hits += matchComponent(ccs[i]!, candidates).length;
      checks += candidates.length;
    }
  }
  ms = performance.now() - t;
  process.stdout.write(`CPE checks (NVD bounds, 2 criteria per advisory, prepared component): ${rate(checks, ms)}  (${checks.toLocaleString('en-US')} checks, ${hits.toLocaleString('en-US')} results)\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();

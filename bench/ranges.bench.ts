/**
 * Range checks per second: pre-parsed (compiled range × parsed version, the matcher's hot
 * path), from strings (version parsed per check), OSV affected[] evaluation, and the CLI's
 * streaming `vigil range contains --batch`.
 */
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { compileVers } from '../src/domain/ranges/vers.ts';
import { evaluateOsvAffected, type OsvAffected } from '../src/domain/ranges/osv.ts';
import { run as runCli } from '../src/cli/main.ts';

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

function versions(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${i % 7}.${(i * 3) % 11}.${(i * 7) % 13}`);
  return out;
}

export async function run(): Promise<void> {
  const ranges = ['vers:npm/>=1.0.0|<1.2.5', 'vers:npm/<0.5.0|>=2.0.0|<2.3.1|>=3.0.0|<=3.1.0|5.0.0', 'vers:npm/>=4.0.0|!=4.2.0|<6.0.0'];
  const compiled = ranges.map((r) => {
    const c = compileVers(r);
    if (!c.ok) throw new Error(c.reason);
    return c.value;
  });
  const vs = versions(1000);
  const parsed = vs.map((v) => {
    const p = compiled[0]!.scheme.parse(v);
    if (!p.ok) throw new Error(p.reason);
    return p.value;
  });

  // pre-parsed
  const N = 1_000_000;
  let hits = 0;
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    const c = compiled[i % compiled.length]!;
    const j = i % vs.length;
    if (c.testParsed(vs[j]!, parsed[j]).status === 'affected') hits++;
  }
  let ms = performance.now() - t;
  process.stdout.write(`range checks, pre-parsed (3 npm ranges × 1,000 versions): ${rate(N, ms)}  (${N.toLocaleString('en-US')} checks, ${hits.toLocaleString('en-US')} affected)\n`);

  // pre-parsed, boolean only (no reason text)
  hits = 0;
  t = performance.now();
  for (let i = 0; i < N; i++) {
    if (compiled[i % compiled.length]!.includesParsed(parsed[i % vs.length])) hits++;
  }
  ms = performance.now() - t;
  process.stdout.write(`range checks, pre-parsed, boolean (includesParsed): ${rate(N, ms)}  (${hits.toLocaleString('en-US')} affected)\n`);

  // from strings (parse cache on; distinct versions)
  const M = 300_000;
  t = performance.now();
  for (let i = 0; i < M; i++) compiled[i % compiled.length]!.test(vs[i % vs.length]!);
  ms = performance.now() - t;
  process.stdout.write(`range checks, version strings: ${rate(M, ms)}\n`);

  // OSV
  const entry: OsvAffected = {
    package: { ecosystem: 'npm', name: 'x' },
    ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.5' }, { introduced: '2.0.0' }, { fixed: '2.3.1' }] }],
  };
  const K = 50_000;
  t = performance.now();
  for (let i = 0; i < K; i++) evaluateOsvAffected(entry, vs[i % vs.length]!);
  ms = performance.now() - t;
  process.stdout.write(`OSV affected[] evaluations (compiled per call): ${rate(K, ms)}\n`);

  // CLI batch mode
  const L = 100_000;
  const lines: string[] = [];
  for (let i = 0; i < L; i++) lines.push(JSON.stringify({ range: ranges[i % ranges.length], version: vs[i % vs.length] }));
  let outBytes = 0;
  const io = {
    stdin: Readable.from([lines.join('\n')]),
    stdout: { write: (c: string) => (outBytes += c.length) },
    stderr: { write: () => true },
    env: {},
    cwd: process.cwd(),
  };
  t = performance.now();
  await runCli(['range', 'contains', '--batch'], io);
  ms = performance.now() - t;
  process.stdout.write(`vigil range contains --batch: ${rate(L, ms)}  (${L.toLocaleString('en-US')} JSON lines, ${(outBytes / 1e6).toFixed(1)} MB out)\n`);
}
